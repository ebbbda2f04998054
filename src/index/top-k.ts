/**
 * Keeps the `k` best (highest-scoring) integer slots seen so far in a small
 * binary min-heap over typed arrays, so ranking allocates nothing per candidate.
 * Ties go to the lower slot number, which makes results deterministic.
 */
export class TopK {
  private readonly slots: Int32Array;
  private readonly scores: Float64Array;
  private count = 0;

  /** `k` is the most results kept; 0 keeps nothing. */
  constructor(readonly k: number) {
    const capacity = Math.max(0, Math.floor(k));
    this.slots = new Int32Array(capacity);
    this.scores = new Float64Array(capacity);
  }

  /** Offer a candidate slot with its score. */
  push(slot: number, score: number): void {
    const cap = this.slots.length;
    if (cap === 0) return;
    if (this.count < cap) {
      let i = this.count++;
      this.slots[i] = slot;
      this.scores[i] = score;
      // sift up: the root holds the worst kept candidate
      while (i > 0) {
        const parent = (i - 1) >> 1;
        if (!this.worse(i, parent)) break;
        this.swap(i, parent);
        i = parent;
      }
      return;
    }
    const rootScore = this.scores[0]!;
    if (score < rootScore || (score === rootScore && slot > this.slots[0]!)) return;
    this.slots[0] = slot;
    this.scores[0] = score;
    this.siftDown(0);
  }

  /** The score a candidate must beat to be kept once `k` are kept; `-Infinity` before that. */
  get threshold(): number {
    return this.count < this.slots.length || this.count === 0 ? Number.NEGATIVE_INFINITY : this.scores[0]!;
  }

  /** The kept candidates, best first. */
  sorted(): { slot: number; score: number }[] {
    const out: { slot: number; score: number }[] = [];
    for (let i = 0; i < this.count; i++) out.push({ slot: this.slots[i]!, score: this.scores[i]! });
    out.sort((a, b) => b.score - a.score || a.slot - b.slot);
    return out;
  }

  /** True when heap entry `a` ranks below entry `b`. */
  private worse(a: number, b: number): boolean {
    const sa = this.scores[a]!;
    const sb = this.scores[b]!;
    return sa < sb || (sa === sb && this.slots[a]! > this.slots[b]!);
  }

  private siftDown(i: number): void {
    for (;;) {
      const left = 2 * i + 1;
      const right = left + 1;
      let smallest = i;
      if (left < this.count && this.worse(left, smallest)) smallest = left;
      if (right < this.count && this.worse(right, smallest)) smallest = right;
      if (smallest === i) return;
      this.swap(i, smallest);
      i = smallest;
    }
  }

  private swap(a: number, b: number): void {
    const s = this.slots[a]!;
    this.slots[a] = this.slots[b]!;
    this.slots[b] = s;
    const t = this.scores[a]!;
    this.scores[a] = this.scores[b]!;
    this.scores[b] = t;
  }
}
