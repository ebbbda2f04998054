import { checkRange, MemoryRows, type VectorRows } from './vector-rows.js';

/** Most rows read from the source at once (32 MB at 512 dimensions): bounds a copy's extra memory. */
const RUN_ROWS = 16_384;

/**
 * The rows of an incremental build whose previous rows are read from storage: reused rows stay
 * there (only their row numbers are held) and the build's own rows are held in memory, so an
 * edit does not copy every vector. Saving reads them through; the saved file's rows then replace
 * these.
 */
export class ReusedRows implements VectorRows {
  readonly rows: number;
  readonly dimensions: number;

  /**
   * @param source the previous state's rows (read from storage)
   * @param from for each row, the source row it reuses, or -1 for a row of its own
   * @param ownRow for each row of its own, its row in `own`
   * @param own the build's own rows
   */
  constructor(
    private readonly source: VectorRows,
    private readonly from: Int32Array,
    private readonly ownRow: Int32Array,
    private readonly own: Float32Array,
  ) {
    this.rows = from.length;
    this.dimensions = source.dimensions;
  }

  read(first: number, count: number): Float32Array {
    checkRange(this, first, count);
    const dims = this.dimensions;
    const out = new Float32Array(count * dims);
    let r = first;
    while (r < first + count) {
      const start = this.from[r]!;
      if (start < 0) {
        const at = this.ownRow[r]! * dims;
        out.set(this.own.subarray(at, at + dims), (r - first) * dims);
        r++;
        continue;
      }
      let n = 1;
      while (r + n < first + count && n < RUN_ROWS && this.from[r + n] === start + n) n++;
      if (this.source.readInto) this.source.readInto(start, n, out, (r - first) * dims);
      else out.set(this.source.read(start, n), (r - first) * dims);
      r += n;
    }
    return out;
  }
}

/**
 * Collects the rows of a new build: rows reused from the previous state's rows and rows of its
 * own. Copies the reused rows into one array, or refers to them when they are read from storage
 * (`VectorRows.stored`).
 */
export class RowsBuilder {
  private readonly all: Float32Array | undefined;
  private readonly from: Int32Array | undefined;
  private readonly ownRow: Int32Array | undefined;
  private readonly own: Float32Array | undefined;
  private owned = 0;
  // the run of reused rows collected for copying
  private runFrom = 0;
  private runTo = 0;
  private runCount = 0;

  /**
   * @param rows rows of the new build
   * @param ownRows how many of them are not reused
   * @param dimensions floats per row
   * @param previous the previous state's rows, if any are reused; throws when they are in
   *   storage and cannot be read any more
   */
  constructor(
    rows: number,
    ownRows: number,
    private readonly dimensions: number,
    private readonly previous?: VectorRows,
  ) {
    if (previous?.stored) {
      // refer only to rows that can still be read: a replaced file fails the build now, not the save later
      if (previous.rows > 0) previous.read(0, 1);
      this.from = new Int32Array(rows).fill(-1);
      this.ownRow = new Int32Array(rows).fill(-1);
      this.own = new Float32Array(ownRows * dimensions);
    } else {
      this.all = new Float32Array(rows * dimensions);
    }
  }

  /** Row `to` of the new build is row `from` of the previous rows. */
  reuse(from: number, to: number): void {
    if (this.from) {
      this.from[to] = from;
      return;
    }
    const r = this.runCount;
    if (r > 0 && from === this.runFrom + r && to === this.runTo + r && r < RUN_ROWS) {
      this.runCount++;
      return;
    }
    this.flush();
    this.runFrom = from;
    this.runTo = to;
    this.runCount = 1;
  }

  /** Row `to` of the new build is `vector`. */
  set(to: number, vector: ArrayLike<number>): void {
    if (this.all) {
      this.all.set(vector, to * this.dimensions);
      return;
    }
    if (this.ownRow![to]! < 0) this.ownRow![to] = this.owned++;
    this.own!.set(vector, this.ownRow![to]! * this.dimensions);
  }

  /** The rows collected. */
  finish(): VectorRows {
    if (this.all) {
      this.flush();
      return new MemoryRows(this.all, this.dimensions);
    }
    return new ReusedRows(this.previous!, this.from!, this.ownRow!, this.own!);
  }

  /** Copies the run of reused rows collected so far. */
  private flush(): void {
    if (this.runCount === 0 || !this.all) return;
    this.all.set(this.previous!.read(this.runFrom, this.runCount), this.runTo * this.dimensions);
    this.runCount = 0;
  }
}
