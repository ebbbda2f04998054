/**
 * A bounded map whose entries expire: the oldest entry is dropped when full.
 * In-memory only — on Cloudflare Workers each isolate has its own copy.
 */
export class TtlCache<V> {
  readonly #entries = new Map<string, { value: V; expires: number }>();

  /**
   * @param maxEntries most entries kept at once
   * @param ttlMs how long an entry lives, in milliseconds
   * @param now clock in milliseconds since the epoch
   */
  constructor(
    readonly maxEntries: number,
    readonly ttlMs: number,
    readonly now: () => number = Date.now,
  ) {}

  /** The live value under `key`, if any. */
  get(key: string): V | undefined {
    const entry = this.#entries.get(key);
    if (!entry) return undefined;
    if (entry.expires <= this.now()) {
      this.#entries.delete(key);
      return undefined;
    }
    return entry.value;
  }

  /** True when `key` holds a live value. */
  has(key: string): boolean {
    return this.get(key) !== undefined;
  }

  /** Stores `value` under `key` (refreshing its age), evicting the oldest entry when full. */
  set(key: string, value: V, ttlMs = this.ttlMs): void {
    this.#entries.delete(key);
    this.#entries.set(key, { value, expires: this.now() + ttlMs });
    while (this.#entries.size > this.maxEntries) {
      const oldest = this.#entries.keys().next().value;
      if (oldest === undefined) break;
      this.#entries.delete(oldest);
    }
  }

  /** Removes `key`. */
  delete(key: string): void {
    this.#entries.delete(key);
  }

  /** Number of stored entries (expired ones may still be counted until touched). */
  get size(): number {
    return this.#entries.size;
  }
}
