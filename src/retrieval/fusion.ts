import type { LegHit } from './retrieval-index.js';

/** A chunk id with its reciprocal-rank-fusion score and the ranks it had in each leg. */
export interface FusedHit {
  id: string;
  fused: number;
  ranks: (number | undefined)[];
  scores: (number | undefined)[];
}

/**
 * Reciprocal-rank fusion (Cormack et al. 2009): each list contributes `1 / (k + rank)`.
 * Lists are best-first; the result is sorted by fused score, ties by id.
 */
export function reciprocalRankFusion(lists: LegHit[][], k = 60): FusedHit[] {
  const byId = new Map<string, FusedHit>();
  lists.forEach((list, leg) => {
    list.forEach((hit, i) => {
      let entry = byId.get(hit.id);
      if (!entry) {
        entry = { id: hit.id, fused: 0, ranks: lists.map(() => undefined), scores: lists.map(() => undefined) };
        byId.set(hit.id, entry);
      }
      entry.fused += 1 / (k + i + 1);
      entry.ranks[leg] = i + 1;
      entry.scores[leg] = hit.score;
    });
  });
  return [...byId.values()].sort((a, b) => b.fused - a.fused || a.id.localeCompare(b.id));
}
