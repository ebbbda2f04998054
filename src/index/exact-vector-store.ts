import { TopK } from './top-k.js';
import { checkBatch, checkDimensions, checkK, checkVector, l2Norm } from './vector-checks.js';
import type { VectorHit, VectorRecord, VectorStore } from './vector-store.js';

export interface ExactVectorStoreOptions {
  dimensions: number;
  /** Most records per `upsert`; default 10 000. */
  maxBatch?: number;
}

/**
 * Exact cosine search by scanning every vector: for tests, for small corpora
 * on Workers, and as the ground truth when measuring ANN recall. Vectors are
 * stored L2-normalised in one Float32Array. A zero query vector has no
 * neighbours (cosine is undefined), so it returns no hits.
 */
export class ExactVectorStore implements VectorStore {
  readonly dimensions: number;
  readonly maxBatch: number;
  private rows: Float32Array;
  private readonly ids: string[] = [];
  private readonly rowOf = new Map<string, number>();

  constructor(options: ExactVectorStoreOptions) {
    checkDimensions(options.dimensions);
    this.dimensions = options.dimensions;
    this.maxBatch = options.maxBatch ?? 10_000;
    this.rows = new Float32Array(this.dimensions * 16);
  }

  async upsert(records: VectorRecord[]): Promise<void> {
    checkBatch(records.length, this.maxBatch);
    for (const record of records) checkVector(record.vector, this.dimensions);
    for (const { id, vector } of records) {
      let row = this.rowOf.get(id);
      if (row === undefined) {
        row = this.ids.length;
        this.ids.push(id);
        this.rowOf.set(id, row);
        this.grow(row + 1);
      }
      const length = l2Norm(vector);
      const offset = row * this.dimensions;
      for (let i = 0; i < this.dimensions; i++) this.rows[offset + i] = length > 0 ? vector[i]! / length : 0;
    }
  }

  async delete(ids: string[]): Promise<void> {
    for (const id of ids) {
      const row = this.rowOf.get(id);
      if (row === undefined) continue;
      // move the last row into the hole to keep storage dense
      const last = this.ids.length - 1;
      if (row !== last) {
        const lastId = this.ids[last]!;
        this.rows.copyWithin(row * this.dimensions, last * this.dimensions, (last + 1) * this.dimensions);
        this.ids[row] = lastId;
        this.rowOf.set(lastId, row);
      }
      this.ids.pop();
      this.rowOf.delete(id);
    }
  }

  async query(vector: number[] | Float32Array, k: number): Promise<VectorHit[]> {
    checkVector(vector, this.dimensions);
    checkK(k);
    const length = l2Norm(vector);
    if (length === 0 || k === 0) return [];
    const dims = this.dimensions;
    const q = Float32Array.from(vector, (v) => v / length);
    const top = new TopK(k);
    const rows = this.rows;
    for (let r = 0; r < this.ids.length; r++) {
      const offset = r * dims;
      let dot = 0;
      for (let i = 0; i < dims; i++) dot += q[i]! * rows[offset + i]!;
      top.push(r, dot);
    }
    return top.sorted().map(({ slot, score }) => ({ id: this.ids[slot]!, score }));
  }

  async size(): Promise<number> {
    return this.ids.length;
  }

  private grow(rowsNeeded: number): void {
    const needed = rowsNeeded * this.dimensions;
    if (needed <= this.rows.length) return;
    const next = new Float32Array(Math.max(needed, this.rows.length * 2));
    next.set(this.rows);
    this.rows = next;
  }
}
