import { describe, expect, it } from 'vitest';
import { reciprocalRankFusion } from '../../src/retrieval/fusion.js';

describe('reciprocalRankFusion', () => {
  it('adds 1/(k+rank) from every list and sorts by the sum', () => {
    const fused = reciprocalRankFusion(
      [
        [
          { id: 'a', score: 9 },
          { id: 'b', score: 5 },
        ],
        [
          { id: 'b', score: 0.9 },
          { id: 'c', score: 0.8 },
        ],
      ],
      60,
    );
    expect(fused.map((h) => h.id)).toEqual(['b', 'a', 'c']);
    expect(fused[0]!.fused).toBeCloseTo(1 / 62 + 1 / 61, 10);
    expect(fused[0]!.ranks).toEqual([2, 1]);
    expect(fused[1]!.ranks).toEqual([1, undefined]);
    expect(fused[2]!.scores).toEqual([undefined, 0.8]);
  });

  it('breaks ties by id so results are deterministic', () => {
    const fused = reciprocalRankFusion([[{ id: 'y', score: 1 }], [{ id: 'x', score: 1 }]]);
    expect(fused.map((h) => h.id)).toEqual(['x', 'y']);
  });

  it('returns nothing for empty lists', () => {
    expect(reciprocalRankFusion([[], []])).toEqual([]);
  });
});
