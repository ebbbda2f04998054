import type { ChunkTerms } from './chunk-terms.js';
import { groupShare, type QueryAnalysis, type TermGroup } from './query.js';
import { WEIGHTS } from './weights.js';

/** Named reranker features, each in [0, 1]. */
export interface RerankFeatures {
  /**
   * Share of the question's content words (idf-weighted) found anywhere in the chunk; a follow-up's earlier-topic
   * words count too, at a discount (`WEIGHTS.rerank.contextCoverage`).
   */
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
  // fitted by fitRerankWeights (fit-rerank.ts) on MRR over our set and the two staff-style dev sets
  // (`npm run eval -- --tune-rerank`; the test half is never used); see README "Calibration"
  coverage: 0.535,
  bodyCoverage: 0.03,
  headingMatch: 0.075,
  proximity: 0.093,
  numbers: 0.075,
  typeFit: 0.061,
  context: 0.076,
  fused: 0.055,
};

/** Which required group each member term belongs to (the first group holding it), for `proximity`. */
interface GroupLookup {
  groupOf: ReadonlyMap<string, number>;
  groups: number;
}

function groupLookup(groups: readonly TermGroup[]): GroupLookup {
  const groupOf = new Map<string, number>();
  groups.forEach((g, i) => {
    for (const m of g.members) if (!groupOf.has(m.term)) groupOf.set(m.term, i);
  });
  return { groupOf, groups: groups.length };
}

/** Smallest window (in terms) of the body that contains every matched group, scored in [0, 1]. */
function proximity({ groupOf, groups }: GroupLookup, seq: readonly string[]): number {
  const positions: number[] = [];
  const hitGroups: number[] = [];
  for (let pos = 0; pos < seq.length; pos++) {
    const g = groupOf.get(seq[pos]!);
    if (g === undefined) continue;
    positions.push(pos);
    hitGroups.push(g);
  }
  const counts = new Int32Array(groups);
  let distinct = 0;
  for (const g of hitGroups) if (counts[g]!++ === 0) distinct++;
  if (distinct === 0) return 0;
  if (distinct === 1) return groups === 1 ? 1 : WEIGHTS.rerank.lonelyProximity;
  counts.fill(0);
  let have = 0;
  let best = Number.POSITIVE_INFINITY;
  let left = 0;
  for (let right = 0; right < positions.length; right++) {
    if (counts[hitGroups[right]!]!++ === 0) have++;
    while (have === distinct) {
      best = Math.min(best, positions[right]! - positions[left]! + 1);
      if (--counts[hitGroups[left]!]! === 0) have--;
      left++;
    }
  }
  return Math.min(1, (distinct + 2) / (best + 2));
}

/**
 * The feature function of one query: what depends on the query alone (its required and
 * context groups, which group each term belongs to) is prepared once for all candidates.
 * Call the result with a candidate's terms and its fused score divided by the best.
 */
export function rerankFeatures(query: QueryAnalysis): (terms: ChunkTerms, fusedRel: number) => RerankFeatures {
  // a long question ranks by the clause that asks: its story words count, at a discount
  const required = query.groups
    .filter((g) => !g.context)
    .map((g) => (g.story ? { ...g, weight: g.weight * WEIGHTS.rerank.story } : g));
  const context = query.groups.filter((g) => g.context);
  // a follow-up is about the conversation's topic too: its words count in coverage, at a discount
  const covered = [...required, ...context.map((g) => ({ ...g, weight: g.weight * WEIGHTS.rerank.contextCoverage }))];
  const lookup = groupLookup(required);
  return (terms, fusedRel) => {
    const text = terms.chunk.text;
    const numbers =
      query.numbers.length === 0
        ? WEIGHTS.rerank.noNumbers
        : query.numbers.filter((n) => text.includes(n)).length / query.numbers.length;
    return {
      coverage: groupShare(covered, terms),
      bodyCoverage: groupShare(required, terms.body),
      headingMatch: groupShare(required, terms.heading),
      proximity: Math.max(proximity(lookup, terms.bodySeq), proximity(lookup, terms.headingSeq)),
      numbers,
      typeFit: terms.typeFit(query.type),
      context: context.length === 0 ? 0 : groupShare(context, terms),
      fused: fusedRel,
    };
  };
}

export type RerankWeights = Readonly<Record<keyof RerankFeatures, number>>;

/** The reranker's score: a weighted sum of the features, in [0, 1] when the weights sum to 1. */
export function rerankScore(f: RerankFeatures, weights: RerankWeights = RERANK_WEIGHTS): number {
  let s = 0;
  for (const key of Object.keys(weights) as (keyof RerankFeatures)[]) s += weights[key] * f[key];
  return s;
}
