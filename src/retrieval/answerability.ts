import type { Evidence } from './evidence.js';
import type { QueryAnalysis } from './query.js';
import type { Passage } from './types.js';

/** The evidence the answerability decision weighs, each roughly in [0, 1]. */
export interface AnswerabilityFeatures {
  /** Best idf-weighted share of the question's content words held by one of the top passages. */
  coverage: number;
  /** The same share in the best passage's body (not its headings). */
  bodyCoverage: number;
  /** Reranker score of the best passage. */
  topScore: number;
  /** Weight share of question words that occur nowhere in the corpus. */
  unknownShare: number;
  /** Matched idf mass in the best passage, in units of the rarest possible word (capped at 3, scaled to [0, 1]). */
  matchedMass: number;
  /** 1 when the question has at most two content words. */
  short: number;
  /** 1 when the question has eight or more content words. */
  long: number;
  /** Cosine similarity of the best passage in the vector leg (0 when it was not found there). */
  vector: number;
  /** 1 when both legs ranked the best passage in their top five. */
  agreement: number;
  /** Weight share of question words that are real words (not misspellings) the corpus never uses: a topic it lacks. */
  realUnknown: number;
  /** Best share of the question's words found in a top passage's title or section headings. */
  headingMatch: number;
  /** Proximity of the question's words in the best passage (the reranker's feature). */
  proximity: number;
  /** Question words a top passage is about (headings, or said twice), capped at 3, scaled to [0, 1]. */
  central: number;
  /** Question words no top passage is about, capped at 4, scaled to [0, 1]. */
  peripheral: number;
  /** The question's most corpus-wide word: the share of chunks holding it, scaled so that 20 % or more is 1. */
  domain: number;
}

/**
 * A logistic model over the features: answer when `bias + Σ weight·feature ≥ 0`.
 * Fitted on the eval set by `fitAnswerability` (fit-answerability.ts, run by `npm run eval -- --calibrate`):
 * L2-regularised logistic regression, 5-fold cross-validated; see README "Calibration".
 */
export interface AnswerabilityModel {
  bias: number;
  weights: Record<keyof AnswerabilityFeatures, number>;
}

export const DEFAULT_MODEL: AnswerabilityModel = {
  bias: -1.119,
  weights: {
    coverage: 0.802,
    bodyCoverage: 0.866,
    topScore: 0.496,
    unknownShare: -1.187,
    matchedMass: 0.487,
    short: 0.355,
    long: 0.181,
    vector: 0.362,
    agreement: -0.031,
    realUnknown: -1.263,
    headingMatch: 0.278,
    proximity: 1.02,
    central: 0.77,
    peripheral: -0.139,
    domain: 0.677,
  },
};

/** Whether the knowledge base holds the answer, and why. */
export interface AnswerabilityDecision {
  answerable: boolean;
  reason:
    | 'ok'
    | 'no-content-words'
    | 'no-passages'
    | 'small-talk'
    | 'other-desk'
    | 'unknown-name'
    | 'unknown-term'
    | 'answer-type'
    | 'focus'
    | 'model';
  /** Model margin: ≥ 0 answers. */
  margin: number;
  features: AnswerabilityFeatures;
  evidence: Evidence;
  /** Content words of the question no top passage covers (for an honest partial answer). */
  missing: string[];
}

/** The features of a question's retrieval. */
export function answerabilityFeatures(
  query: QueryAnalysis,
  passages: Passage[],
  evidence?: Pick<Evidence, 'centralGroups' | 'seen'>,
): AnswerabilityFeatures {
  const required = query.groups.filter((g) => !g.context);
  const totalWeight = required.reduce((s, g) => s + g.weight, 0);
  const weightOf = (gs: typeof required) => gs.reduce((s, g) => s + g.weight, 0);
  // a word a top passage writes as it is, is known whatever its stem says
  const seen = new Set(evidence?.seen ?? []);
  const unknown = required.filter((g) => !g.known && !seen.has(g.token));
  const unknownShare = totalWeight > 0 ? weightOf(unknown) / totalWeight : 1;
  const misspelt = new Set(query.unrecognised);
  const realUnknown = totalWeight > 0 ? weightOf(unknown.filter((g) => !misspelt.has(g.token))) / totalWeight : 0;
  const top = passages.slice(0, 3);
  const best = passages[0];
  const coverage = Math.max(0, ...top.map((p) => p.features?.coverage ?? 0));
  const rank = (r: number | undefined) => r !== undefined && r <= 5;
  return {
    coverage,
    bodyCoverage: best?.features?.bodyCoverage ?? 0,
    topScore: best?.score ?? 0,
    unknownShare,
    matchedMass: Math.min(3, (coverage * totalWeight) / query.maxIdf) / 3,
    short: required.length <= 2 ? 1 : 0,
    long: required.length >= 8 ? 1 : 0,
    vector: Math.max(0, best?.scores.vector ?? 0),
    agreement: best && rank(best.scores.bm25Rank) && rank(best.scores.vectorRank) ? 1 : 0,
    realUnknown,
    headingMatch: Math.max(0, ...top.map((p) => p.features?.headingMatch ?? 0)),
    proximity: best?.features?.proximity ?? 0,
    central: Math.min(3, evidence?.centralGroups ?? 0) / 3,
    peripheral: Math.min(4, Math.max(0, required.length - (evidence?.centralGroups ?? 0))) / 4,
    domain: Math.min(1, query.domain / 0.2),
  };
}

/** The model's margin for a feature vector (≥ 0 means answer). */
export function modelMargin(model: AnswerabilityModel, f: AnswerabilityFeatures): number {
  let m = model.bias;
  for (const key of Object.keys(model.weights) as (keyof AnswerabilityFeatures)[]) m += model.weights[key] * f[key];
  return m;
}

/** Decide answerability from the query analysis and the ranked passages (best first). */
export function decideAnswerability(
  query: QueryAnalysis,
  passages: Passage[],
  evidence: Evidence,
  model: AnswerabilityModel = DEFAULT_MODEL,
): AnswerabilityDecision {
  const required = query.groups.filter((g) => !g.context);
  const features = answerabilityFeatures(query, passages, evidence);
  const covered = new Set<string>();
  for (const p of passages.slice(0, 3)) {
    const text = `${p.chunk.title} ${p.chunk.section} ${p.chunk.text}`.toLowerCase();
    for (const g of required) if (g.members.some((m) => text.includes(m.term))) covered.add(g.token);
  }
  // a word that is probably misspelt, or a word of an everyday expression ("vasken" of "gå i vasken"), is never
  // reported as a topic the corpus lacks
  const misspelt = new Set(query.unrecognised);
  const missing = required
    .filter((g) => !covered.has(g.token) && !misspelt.has(g.token) && !g.figurative)
    .map((g) => g.token);
  const margin = modelMargin(model, features);
  const base = { margin, features, evidence, missing };
  if (required.length === 0) return { answerable: false, reason: 'no-content-words', ...base };
  if (passages.length === 0) return { answerable: false, reason: 'no-passages', ...base };
  if (evidence.smallTalk) return { answerable: false, reason: 'small-talk', ...base };
  if (evidence.otherDesk.length > 0) return { answerable: false, reason: 'other-desk', ...base };
  if (evidence.missingEntities.length > 0) return { answerable: false, reason: 'unknown-name', ...base };
  if (evidence.unknownTerms.length > 0) return { answerable: false, reason: 'unknown-term', ...base };
  if (!evidence.typeOk) return { answerable: false, reason: 'answer-type', ...base };
  if (!evidence.focusOk) return { answerable: false, reason: 'focus', ...base };
  return { answerable: margin >= 0, reason: margin >= 0 ? 'ok' : 'model', ...base };
}
