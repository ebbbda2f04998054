import type { EvalQuestion } from './eval-questions.js';

/** A retrieved passage as the scorer sees it: where it comes from and what it says. */
export interface RankedPassage {
  docId: string;
  /** Title, section and text of the chunk. */
  text: string;
}

const norm = (s: string) => s.toLowerCase().replace(/\s+/g, ' ').trim();

/**
 * Whether a passage is a right one for a question. Questions with `docs` (our own set) count any passage
 * of those documents; questions without (the staff-style set, written without reading the corpus) count a
 * passage that contains the question's first fact. The same rule scores every retriever, baselines included.
 */
export function isRightPassage(q: EvalQuestion, p: RankedPassage): boolean {
  if (q.docs.length > 0) return q.docs.includes(p.docId);
  const fact = q.facts[0];
  return fact !== undefined && norm(p.text).includes(norm(fact));
}

/** 1-based rank of the first right passage, or Infinity. */
export function rightRank(q: EvalQuestion, ranked: readonly RankedPassage[]): number {
  const i = ranked.findIndex((p) => isRightPassage(q, p));
  return i < 0 ? Number.POSITIVE_INFINITY : i + 1;
}
