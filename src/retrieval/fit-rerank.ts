import type { Analyzer } from '../text/types.js';
import { condenseQuestion } from './condense.js';
import { RERANK_WEIGHTS, type RerankWeights } from './rerank.js';
import type { Retrieval, Retriever } from './retriever.js';
import type { Turn } from '../conversation.js';

/** A question the reranker is fitted on: what is asked, after which turns, and the documents that answer it. */
export interface FitQuestion {
  question: string;
  history?: Turn[];
  /** Ids of the documents whose passages answer it. */
  docs: string[];
}

/** 1-based rank of the first passage from one of the question's documents, or Infinity. */
function documentRank(q: FitQuestion, retrieval: Retrieval): number {
  const i = retrieval.passages.findIndex((p) => q.docs.includes(p.chunk.docId));
  return i < 0 ? Number.POSITIVE_INFINITY : i + 1;
}

/**
 * Mean reciprocal rank of the first right passage in the top 10, over `questions` (follow-ups condensed with
 * `analyzer` first, as the help desk does). By default a right passage comes from one of the question's
 * documents; `rankOf` may judge otherwise (the staff-style questions name the fact the passage must hold).
 */
export async function meanReciprocalRank<Q extends FitQuestion>(
  retriever: Retriever,
  questions: readonly Q[],
  analyzer: Analyzer,
  rankOf: (q: Q, retrieval: Retrieval) => number = documentRank,
): Promise<number> {
  let sum = 0;
  for (const q of questions) {
    const c = condenseQuestion(q.question, q.history ?? [], analyzer);
    const r = await retriever.retrieve(c.rewritten ?? q.question, {
      k: 10,
      ...(c.context ? { context: c.context } : {}),
    });
    sum += 1 / rankOf(q, r);
  }
  return sum / questions.length;
}

/** Scales tried for each weight in turn. */
const FACTORS = [0.5, 0.75, 1.5, 2];
/** Passes over all the weights. */
const PASSES = 2;
/** Smallest gain in the score that counts as an improvement. */
const MIN_GAIN = 1e-4;
/** Smallest weight a scaling may leave. */
const MIN_WEIGHT = 0.01;

/**
 * How `RERANK_WEIGHTS` are fitted: coordinate ascent from `start`. Each weight in turn is scaled by
 * 0.5, 0.75, 1.5 and 2 (the weights renormalised to sum 1, rounded to three decimals), and a change
 * is kept when `score` (MRR on the answerable evaluation questions) improves; two passes.
 * @param score the quality of a set of weights, higher is better
 * @param start the weights to start from
 */
export async function fitRerankWeights(
  score: (weights: RerankWeights) => Promise<number>,
  start: RerankWeights = RERANK_WEIGHTS,
): Promise<{ weights: RerankWeights; before: number; after: number }> {
  let best = { ...start };
  const before = await score(best);
  let bestScore = before;
  for (let pass = 0; pass < PASSES; pass++) {
    for (const key of Object.keys(best) as (keyof RerankWeights)[]) {
      for (const factor of FACTORS) {
        const candidate = normalise({ ...best, [key]: Math.max(MIN_WEIGHT, best[key] * factor) });
        const s = await score(candidate);
        if (s > bestScore + MIN_GAIN) {
          best = { ...candidate };
          bestScore = s;
        }
      }
    }
  }
  return { weights: best, before, after: bestScore };
}

/** `weights` scaled to sum 1, each rounded to three decimals. */
function normalise(weights: Record<string, number>): RerankWeights {
  const total = Object.values(weights).reduce((a, b) => a + b, 0);
  return Object.fromEntries(
    Object.entries(weights).map(([k, v]) => [k, Math.round((v / total) * 1000) / 1000]),
  ) as RerankWeights;
}
