import type { QueryAnalysis } from './query.js';
import type { Passage } from './types.js';

/** Thresholds of the answerability decision (fitted on the eval set: `npm run eval -- --calibrate`). */
export interface AnswerabilityThresholds {
  /** Least idf-weighted share of the question's content words the best passages must hold. */
  minCoverage: number;
  /** Least reranker score of the best passage. */
  minScore: number;
  /** Least weight share of question words unknown to the whole corpus that still allows an answer. */
  maxUnknownShare: number;
}

export const DEFAULT_THRESHOLDS: AnswerabilityThresholds = {
  minCoverage: 0.55,
  minScore: 0.4,
  maxUnknownShare: 0.5,
};

/** Whether the knowledge base holds the answer, and why. */
export interface AnswerabilityDecision {
  answerable: boolean;
  reason: 'ok' | 'no-content-words' | 'no-passages' | 'low-coverage' | 'low-score' | 'unknown-words' | 'answer-type';
  coverage: number;
  topScore: number;
  unknownShare: number;
  /** Content words of the question no chosen passage covers (for an honest partial answer). */
  missing: string[];
}

const TYPED = new Set(['count', 'when', 'contact', 'who']);

/** Decide answerability from the query analysis and the ranked passages (best first). */
export function decideAnswerability(
  query: QueryAnalysis,
  passages: Passage[],
  t: AnswerabilityThresholds = DEFAULT_THRESHOLDS,
): AnswerabilityDecision {
  const required = query.groups.filter((g) => !g.context);
  const totalWeight = required.reduce((s, g) => s + g.weight, 0);
  const unknownShare =
    totalWeight > 0 ? required.filter((g) => !g.known).reduce((s, g) => s + g.weight, 0) / totalWeight : 1;
  const top = passages.slice(0, 3);
  const coverage = Math.max(0, ...top.map((p) => p.features?.coverage ?? 0));
  const topScore = passages[0]?.score ?? 0;
  const covered = new Set<string>();
  for (const p of top) {
    const text = `${p.chunk.title} ${p.chunk.section} ${p.chunk.text}`.toLowerCase();
    for (const g of required) if (g.members.some((m) => text.includes(m.term))) covered.add(g.token);
  }
  const missing = required.filter((g) => !covered.has(g.token) && g.weight > 0).map((g) => g.token);
  const base = { coverage, topScore, unknownShare, missing };
  if (required.length === 0) return { answerable: false, reason: 'no-content-words', ...base };
  if (passages.length === 0) return { answerable: false, reason: 'no-passages', ...base };
  if (unknownShare > t.maxUnknownShare) return { answerable: false, reason: 'unknown-words', ...base };
  if (coverage < t.minCoverage) return { answerable: false, reason: 'low-coverage', ...base };
  if (topScore < t.minScore) return { answerable: false, reason: 'low-score', ...base };
  if (TYPED.has(query.type) && Math.max(0, ...top.map((p) => p.features?.typeFit ?? 0)) < 0.5) {
    return { answerable: false, reason: 'answer-type', ...base };
  }
  return { answerable: true, reason: 'ok', ...base };
}
