import { describe, expect, it } from 'vitest';
import { ReusedRows, RowsBuilder } from '../../src/index/reused-rows.js';
import { MemoryRows, type VectorRows } from '../../src/index/vector-rows.js';

const dims = 3;

/** Rows 0…n-1 whose floats are row*10 + column, held "in storage": every read is recorded. */
function storedRows(n: number): VectorRows & { reads: [number, number][] } {
  const array = Float32Array.from({ length: n * dims }, (_, i) => Math.floor(i / dims) * 10 + (i % dims));
  const inner = new MemoryRows(array, dims);
  const reads: [number, number][] = [];
  return {
    rows: n,
    dimensions: dims,
    stored: true,
    reads,
    read(first, count) {
      reads.push([first, count]);
      return inner.read(first, count).slice();
    },
  };
}

/** Builds rows 0…5 of a new build: 0–1 reuse old rows 2–3, 2 is new, 3–5 reuse old rows 0, 4, 5. */
function fill(builder: RowsBuilder): VectorRows {
  builder.reuse(2, 0);
  builder.reuse(3, 1);
  builder.set(2, [7, 7, 7]);
  builder.reuse(0, 3);
  builder.reuse(4, 4);
  builder.reuse(5, 5);
  return builder.finish();
}

const expected = [20, 21, 22, 30, 31, 32, 7, 7, 7, 0, 1, 2, 40, 41, 42, 50, 51, 52];

describe('RowsBuilder', () => {
  it('copies reused rows held in memory into one array, a run at a time', () => {
    const previous = new MemoryRows(storedRows(6).read(0, 6), dims);
    const rows = fill(new RowsBuilder(6, 1, dims, previous));
    expect(rows).toBeInstanceOf(MemoryRows);
    expect(Array.from(rows.read(0, 6))).toEqual(expected);
  });

  it('refers to reused rows in storage instead of copying them, and reads them through in runs', () => {
    const previous = storedRows(6);
    const rows = fill(new RowsBuilder(6, 1, dims, previous));
    expect(rows).toBeInstanceOf(ReusedRows);
    expect(previous.reads).toEqual([[0, 1]]); // only the check that they can still be read
    expect(Array.from(rows.read(0, 6))).toEqual(expected);
    expect(previous.reads).toEqual([
      [0, 1],
      [2, 2],
      [0, 1],
      [4, 2],
    ]);
    expect(Array.from(rows.read(4, 2))).toEqual(expected.slice(12));
    expect(Array.from(rows.read(2, 1))).toEqual([7, 7, 7]);
    expect(rows.stored).toBeFalsy();
  });

  it('refuses rows that are not there', () => {
    const rows = fill(new RowsBuilder(6, 1, dims, storedRows(6)));
    expect(() => rows.read(5, 2)).toThrow(/Vektorrækkerne 5–6 findes ikke \(6 rækker\)/);
  });
});
