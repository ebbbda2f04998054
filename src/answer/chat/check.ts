import type { Passage } from '../../retrieval/types.js';
import { neutralizeInstructions } from './injection.js';
import { renderSentence, segmentAnswer } from './segment.js';
import { defaultTerms, numbersIn, type Support, supportOf, supportText, type TermsFn } from './support.js';

/** Thresholds and the term function of `checkAnswer`. */
export interface CheckOptions {
  /** Content terms of a text (the Danish analyzer's `terms`); a built-in stemmer by default. */
  terms?: TermsFn;
  /** Least share of a sentence's content terms that a supporting passage must contain (default 0.5). */
  minCoverage?: number;
  /** Least share of the answer's claim text that must survive for the answer to stand (default 0.5). */
  minSurvivingShare?: number;
}

/** The checked answer. */
export interface CheckResult {
  /** The answer with only supported sentences, markers renumbered 1..m in order of first use. */
  text: string;
  /** 0-based indexes into the checked passages: entry `i` is the passage now cited as `[i + 1]`. */
  usedPassageIndexes: number[];
  /** Marker numbers the model wrote that point at no passage. */
  removedMarkers: number[];
  /** Sentences left out because no passage supports them. */
  droppedSentences: string[];
  /** False when too little survived: the caller should fall back to the extractive answer. */
  supported: boolean;
}

interface Kept {
  prefix: string;
  sentences: { text: string; cite: number[] }[];
  claims: number;
}

/**
 * Checks a model's answer against the passages it was given: removes markers that point at
 * no passage, keeps each sentence only if a passage lexically supports it (terms and numbers),
 * re-pointing or adding its marker to the best supporting passage, and renumbers the markers.
 * Instruction-like passage text never counts as support.
 */
export function checkAnswer(text: string, passages: readonly Passage[], options: CheckOptions = {}): CheckResult {
  const terms = options.terms ?? defaultTerms;
  const minCoverage = options.minCoverage ?? 0.5;
  const minShare = options.minSurvivingShare ?? 0.5;
  const support = passages.map((p) =>
    supportText(`${p.chunk.title}. ${p.chunk.section}. ${neutralizeInstructions(p.chunk.text, '').text}`, terms),
  );

  const removedMarkers: number[] = [];
  const droppedSentences: string[] = [];
  const kept: Kept[] = [];
  let claimChars = 0;
  let keptChars = 0;
  let keptClaims = 0;

  for (const block of segmentAnswer(text, passages.length)) {
    const out: Kept = { prefix: block.prefix, sentences: [], claims: 0 };
    for (const sentence of block.sentences) {
      for (const n of sentence.markers) {
        if ((n < 1 || n > passages.length) && !removedMarkers.includes(n)) removedMarkers.push(n);
      }
      const sentenceTerms = terms(sentence.text);
      const numbers = numbersIn(sentence.text);
      if (sentenceTerms.length === 0 && numbers.length === 0) {
        if (sentence.text !== '') out.sentences.push({ text: sentence.text, cite: [] });
        continue;
      }
      claimChars += sentence.text.length;
      const scores = support.map((s) => supportOf(sentenceTerms, numbers, s));
      const needed = Math.min(2, new Set(sentenceTerms).size);
      const ok = (i: number) => supports(scores[i]!, needed, minCoverage);
      let cite = sentence.markers.map((n) => n - 1).filter((i) => i >= 0 && i < passages.length && ok(i));
      if (cite.length === 0) {
        const best = bestSupporter(scores, ok);
        if (best === undefined) {
          droppedSentences.push(sentence.text);
          continue;
        }
        cite = [best];
      }
      out.sentences.push({ text: sentence.text, cite });
      out.claims++;
      keptClaims++;
      keptChars += sentence.text.length;
    }
    if (out.claims > 0) kept.push(out);
  }

  const numbering = new Map<number, number>();
  const lines = kept.map((block) => {
    const sentences = block.sentences.map((s) => {
      const ids = s.cite.map((i) => {
        if (!numbering.has(i)) numbering.set(i, numbering.size + 1);
        return numbering.get(i)!;
      });
      return renderSentence(s.text, ids);
    });
    return `${block.prefix}${sentences.join(' ')}`;
  });

  return {
    text: lines.join('\n'),
    usedPassageIndexes: [...numbering.keys()],
    removedMarkers,
    droppedSentences,
    supported: keptClaims >= 1 && keptChars >= minShare * claimChars,
  };
}

function supports(s: Support, needed: number, minCoverage: number): boolean {
  if (!s.numbersOk) return false;
  if (needed === 0) return true; // only numbers, all found
  return s.coverage >= minCoverage && s.matched >= needed;
}

function bestSupporter(scores: Support[], ok: (i: number) => boolean): number | undefined {
  let best: number | undefined;
  for (let i = 0; i < scores.length; i++) {
    if (ok(i) && (best === undefined || scores[i]!.coverage > scores[best]!.coverage)) best = i;
  }
  return best;
}
