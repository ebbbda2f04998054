import { splitSentences } from '../text/sentences.js';
import type { Analyzer } from '../text/types.js';

/** A corpus term and how strongly the corpus ties it to another (Dice coefficient over sentences, 0–1). */
export interface RelatedTerm {
  term: string;
  strength: number;
}

/** Terms the corpus itself uses together: mined from its sentences, not from a dictionary. */
export interface CorpusRelations {
  /** The terms most often written in the same sentence as this analyzed term, strongest first. */
  related(term: string): readonly RelatedTerm[];
  /** Number of terms with at least one relation. */
  readonly size: number;
}

export interface MineOptions {
  /** Least number of sentences a pair must share (one shared sentence is chance). */
  minShared?: number;
  /** Least Dice coefficient of a pair. */
  minStrength?: number;
  /** Relations kept per term. */
  perTerm?: number;
  /**
   * A term in more than this share of the sentences is everywhere ("opi" in an OPI corpus): it relates to nothing
   * in particular and is left out.
   */
  maxSentenceShare?: number;
  /** Shortest term kept (a short stem stands for too many words). */
  minTermLength?: number;
}

const DEFAULTS: Required<MineOptions> = {
  minShared: 2,
  minStrength: 0.3,
  perTerm: 3,
  maxSentenceShare: 0.05,
  minTermLength: 4,
};

/**
 * Term associations mined from the corpus's own sentences (global co-occurrence analysis): two terms are related
 * when they are written in the same sentence more often than their frequencies alone make likely, measured by the
 * Dice coefficient `2·shared / (sentences(a) + sentences(b))`. "anlæg" and "drift" are related in a corpus that
 * writes "Økonomien er delt op i anlæg … og drift" twice; a question about "anlæg" then also finds passages that
 * say "drift". Cost: linear in the sentences, quadratic in the terms of one sentence (capped at 40).
 */
export function mineRelations(texts: Iterable<string>, analyzer: Analyzer, options: MineOptions = {}): CorpusRelations {
  const o = { ...DEFAULTS, ...options };
  const sentenceCount = new Map<string, number>();
  const pairCount = new Map<string, number>();
  let sentences = 0;
  for (const text of texts) {
    for (const line of text.split('\n')) {
      for (const sentence of splitSentences(line)) {
        const terms = [
          ...new Set(analyzer.terms(sentence).filter((t) => t.length >= o.minTermLength && !/^\d+$/u.test(t))),
        ].slice(0, 40);
        if (terms.length === 0) continue;
        sentences++;
        for (const t of terms) sentenceCount.set(t, (sentenceCount.get(t) ?? 0) + 1);
        terms.sort();
        for (let i = 0; i < terms.length; i++)
          for (let j = i + 1; j < terms.length; j++) {
            const key = `${terms[i]}\u0000${terms[j]}`;
            pairCount.set(key, (pairCount.get(key) ?? 0) + 1);
          }
      }
    }
  }
  const everywhere = (t: string) => (sentenceCount.get(t) ?? 0) > sentences * o.maxSentenceShare;
  const byTerm = new Map<string, RelatedTerm[]>();
  for (const [key, shared] of pairCount) {
    if (shared < o.minShared) continue;
    const [a, b] = key.split('\u0000') as [string, string];
    if (everywhere(a) || everywhere(b)) continue;
    const strength = (2 * shared) / (sentenceCount.get(a)! + sentenceCount.get(b)!);
    if (strength < o.minStrength) continue;
    for (const [from, to] of [
      [a, b],
      [b, a],
    ] as const) {
      const list = byTerm.get(from) ?? [];
      list.push({ term: to, strength });
      byTerm.set(from, list);
    }
  }
  for (const [term, list] of byTerm) {
    list.sort((x, y) => y.strength - x.strength || x.term.localeCompare(y.term));
    byTerm.set(term, list.slice(0, o.perTerm));
  }
  return { related: (term) => byTerm.get(term) ?? [], size: byTerm.size };
}
