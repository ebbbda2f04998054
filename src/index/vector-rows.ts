import { HelpdeskError } from '../errors.js';

/**
 * The chunk vectors of an index: row `i` is the embedding of chunk `i`. A build holds them in
 * memory; a loaded or saved index may read them from its artifact on demand instead, since the
 * vector store keeps its own copy for searching and only builds and saves need the rows.
 */
export interface VectorRows {
  /** Number of rows. */
  readonly rows: number;
  /** Floats per row. */
  readonly dimensions: number;
  /**
   * True when the rows are read from storage rather than held in memory: a build then refers to
   * the rows it reuses instead of copying them (see `ReusedRows`).
   */
  readonly stored?: boolean;
  /**
   * Rows `first` to `first + count - 1`, one after another (`count × dimensions` floats). A view
   * when the rows are in memory: do not modify it. Throws when the rows cannot be read any more.
   */
  read(first: number, count: number): Float32Array;
  /** Like `read`, but into `target` from float `at` (saves an array and a copy where it can). */
  readInto?(first: number, count: number, target: Float32Array, at: number): void;
  /**
   * Rows `rows[0]`, `rows[1]`, … (any order) one after another into `target` from float 0, in one
   * go where the rows lie in storage (one open of the file for all of them).
   */
  gather?(rows: ArrayLike<number>, target: Float32Array): void;
}

/** Rows `list[0]`, `list[1]`, … of `rows` one after another into `target` (see `VectorRows.gather`). */
export function gatherRows(rows: VectorRows, list: ArrayLike<number>, target: Float32Array): void {
  if (rows.gather) {
    rows.gather(list, target);
    return;
  }
  const dims = rows.dimensions;
  for (let i = 0; i < list.length; i++) target.set(rows.read(list[i]!, 1), i * dims);
}

/** Rows held in memory: one Float32Array of `rows × dimensions` floats. */
export class MemoryRows implements VectorRows {
  readonly rows: number;

  /**
   * @param array the floats, row after row (kept, not copied)
   * @param dimensions floats per row; a trailing partial row is not counted
   */
  constructor(
    readonly array: Float32Array,
    readonly dimensions: number,
  ) {
    this.rows = Math.floor(array.length / dimensions);
  }

  read(first: number, count: number): Float32Array {
    checkRange(this, first, count);
    return this.array.subarray(first * this.dimensions, (first + count) * this.dimensions);
  }
}

/** Every row of `rows` in one array: the array itself when it is in memory, else a copy read at once. */
export function allRows(rows: VectorRows): Float32Array {
  return rows instanceof MemoryRows ? rows.array.subarray(0, rows.rows * rows.dimensions) : rows.read(0, rows.rows);
}

/** Throws `internal` unless rows `first` to `first + count - 1` exist in `rows`. */
export function checkRange(rows: VectorRows, first: number, count: number): void {
  if (!Number.isInteger(first) || !Number.isInteger(count) || first < 0 || count < 0 || first + count > rows.rows) {
    throw new HelpdeskError(
      'internal',
      `Vektorrækkerne ${first}–${first + count - 1} findes ikke (${rows.rows} rækker).`,
    );
  }
}
