import type { ChunkTerms } from './chunk-terms.js';
import { groupShare, type QueryAnalysis, type TermGroup } from './query.js';

/** Named reranker features, each in [0, 1]. */
export interface RerankFeatures {
  /** Share of the question's content words (idf-weighted) found anywhere in the chunk. */
  coverage: number;
  /** The same, counting only the passage body. */
  bodyCoverage: number;
  /** Share found in the document title or section path. */
  headingMatch: number;
  /** How close together the matched words stand in the body. */
  proximity: number;
  /** Share of the question's numbers present in the passage (0.5 when it has none). */
  numbers: number;
  /** Whether the passage holds the kind of answer asked for (a number, date, name, place, list). */
  typeFit: number;
  /** Coverage of earlier-turn topic words (follow-ups). */
  context: number;
  /** Fused rank score relative to the best candidate. */
  fused: number;
}

/** Feature weights of the linear reranker; they sum to 1 so the score stays in [0, 1]. */
export const RERANK_WEIGHTS: Readonly<Record<keyof RerankFeatures, number>> = {
  // fitted by coordinate ascent on MRR (`npm run eval -- --tune-rerank`); see README "Calibration"
  coverage: 0.231,
  bodyCoverage: 0.054,
  headingMatch: 0.145,
  proximity: 0.182,
  numbers: 0.048,
  typeFit: 0.121,
  context: 0.073,
  fused: 0.145,
};

/** Smallest window (in terms) of the body that contains every matched group, scored in [0, 1]. */
function proximity(groups: TermGroup[], seq: readonly string[]): number {
  const memberToGroup = new Map<string, number>();
  groups.forEach((g, i) => {
    for (const m of g.members) if (!memberToGroup.has(m.term)) memberToGroup.set(m.term, i);
  });
  const hits: [number, number][] = [];
  seq.forEach((t, pos) => {
    const g = memberToGroup.get(t);
    if (g !== undefined) hits.push([pos, g]);
  });
  const distinct = new Set(hits.map((h) => h[1])).size;
  if (distinct === 0) return 0;
  if (distinct === 1) return groups.length === 1 ? 1 : 0.3;
  const counts = new Map<number, number>();
  let have = 0;
  let best = Number.POSITIVE_INFINITY;
  let left = 0;
  for (let right = 0; right < hits.length; right++) {
    const g = hits[right]![1];
    counts.set(g, (counts.get(g) ?? 0) + 1);
    if (counts.get(g) === 1) have++;
    while (have === distinct) {
      best = Math.min(best, hits[right]![0] - hits[left]![0] + 1);
      const lg = hits[left]![1];
      counts.set(lg, counts.get(lg)! - 1);
      if (counts.get(lg) === 0) have--;
      left++;
    }
  }
  return Math.min(1, (distinct + 2) / (best + 2));
}

/** Compute the features of one candidate. `fusedRel` is its fused score divided by the best. */
export function rerankFeatures(query: QueryAnalysis, terms: ChunkTerms, fusedRel: number): RerankFeatures {
  const required = query.groups.filter((g) => !g.context);
  const context = query.groups.filter((g) => g.context);
  const text = terms.chunk.text;
  const numbers =
    query.numbers.length === 0 ? 0.5 : query.numbers.filter((n) => text.includes(n)).length / query.numbers.length;
  return {
    coverage: groupShare(required, terms),
    bodyCoverage: groupShare(required, terms.body),
    headingMatch: groupShare(required, terms.heading),
    proximity: Math.max(proximity(required, terms.bodySeq), proximity(required, terms.headingSeq)),
    numbers,
    typeFit: terms.typeFit(query.type),
    context: context.length === 0 ? 0 : groupShare(context, terms),
    fused: fusedRel,
  };
}

export type RerankWeights = Readonly<Record<keyof RerankFeatures, number>>;

/** The reranker's score: a weighted sum of the features, in [0, 1] when the weights sum to 1. */
export function rerankScore(f: RerankFeatures, weights: RerankWeights = RERANK_WEIGHTS): number {
  let s = 0;
  for (const key of Object.keys(weights) as (keyof RerankFeatures)[]) s += weights[key] * f[key];
  return s;
}
