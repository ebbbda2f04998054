import type { Passage } from '../../retrieval/types.js';
import { neutralizeInstructions } from './injection.js';
import { noLinks, type LinkPolicy, neutralizeMarkup } from '../markup.js';
import { type AnswerSentence, type PieceParts, renderSentence, segmentAnswer, settledLength } from './segment.js';
import { defaultTerms, numbersIn, type Support, supportOf, supportText, type TermsFn } from './support.js';

/** Thresholds and the term function of `checkAnswer`. */
export interface CheckOptions {
  /** Content terms of a text (the Danish analyzer's `terms`); a built-in stemmer by default. */
  terms?: TermsFn;
  /** Least share of a sentence's content terms that a supporting passage must contain (default 0.5). */
  minCoverage?: number;
  /** Least share of the answer's claim text that must survive for the answer to stand (default 0.5). */
  minSurvivingShare?: number;
  /** Links an answer may keep (the service's own source links); none by default. */
  links?: LinkPolicy;
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

/** The sentences of an answer that the passages support, before they are numbered. */
interface Checked {
  blocks: Kept[];
  removedMarkers: number[];
  droppedSentences: string[];
  /** Characters of claim sentences written, and of those kept. */
  claimChars: number;
  keptChars: number;
  keptClaims: number;
}

/**
 * Checks a model's answer against the passages it was given: removes markers that point at
 * no passage, keeps each sentence only if a passage lexically supports it (terms and numbers),
 * re-pointing or adding its marker to the best supporting passage, and renumbers the markers.
 * Markup is made inert in each sentence first (see `neutralizeMarkup`): links stay only where
 * `options.links` allows them. Instruction-like passage text never counts as support.
 */
export function checkAnswer(text: string, passages: readonly Passage[], options: CheckOptions = {}): CheckResult {
  const checked = createChecker(passages, options)(text);
  const numbering = new Map<number, number>();
  const number = (i: number) => {
    if (!numbering.has(i)) numbering.set(i, numbering.size + 1);
    return numbering.get(i)!;
  };
  const minShare = options.minSurvivingShare ?? 0.5;
  return {
    text: render(checked.blocks, number),
    usedPassageIndexes: [...numbering.keys()],
    removedMarkers: checked.removedMarkers,
    droppedSentences: checked.droppedSentences,
    supported: checked.keptClaims >= 1 && checked.keptChars >= minShare * checked.claimChars,
  };
}

/**
 * The checked text of a streamed answer so far, with markers numbered as the passages are
 * (`[i + 1]`, as in the prompt): the same sentences `checkAnswer` keeps, each already final.
 * Only the settled part of `partial` is checked (see `settledLength`), unless `complete`.
 * @param passages the passages the model was given
 * @returns a function from the model's text so far to its checked text so far
 */
export function createStreamCheck(
  passages: readonly Passage[],
  options: CheckOptions = {},
): (partial: string, complete: boolean) => string {
  const check = createChecker(passages, options);
  return (partial, complete) =>
    render(check(complete ? partial : partial.slice(0, settledLength(partial))).blocks, (i) => i + 1);
}

/** A function checking one answer text against `passages` (their support text worked out once). */
function createChecker(passages: readonly Passage[], options: CheckOptions): (text: string) => Checked {
  const terms = options.terms ?? defaultTerms;
  const minCoverage = options.minCoverage ?? 0.5;
  const links = options.links ?? noLinks;
  const support = passages.map((p) =>
    supportText(`${p.chunk.title}. ${p.chunk.section}. ${neutralizeInstructions(p.chunk.text, '').text}`, terms),
  );

  /** Pieces of the text already read (a streamed answer is checked again as it grows). */
  const pieces = new Map<string, PieceParts>();
  /** One sentence's verdict, which depends on nothing else: worked out once per distinct sentence. */
  const verdicts = new Map<string, Verdict>();
  const judge = (sentence: AnswerSentence): Verdict => {
    const key = `${sentence.markers.join(',')}\u0000${sentence.text}`;
    let verdict = verdicts.get(key);
    if (!verdict) {
      verdict = judgeSentence(sentence);
      verdicts.set(key, verdict);
    }
    return verdict;
  };
  const judgeSentence = (sentence: AnswerSentence): Verdict => {
    const shown = neutralizeMarkup(sentence.text, links);
    // Support is judged on what a reader sees: a kept link counts by its text, not its URL.
    const visible = links === noLinks ? shown : neutralizeMarkup(shown);
    const sentenceTerms = terms(visible);
    const numbers = numbersIn(visible);
    if (sentenceTerms.length === 0 && numbers.length === 0) return { kind: 'plain', text: shown };
    const scores = support.map((s) => supportOf(sentenceTerms, numbers, s));
    const needed = Math.min(2, new Set(sentenceTerms).size);
    const ok = (i: number) => supports(scores[i]!, needed, minCoverage);
    const cite = sentence.markers.map((n) => n - 1).filter((i) => i >= 0 && i < passages.length && ok(i));
    if (cite.length > 0) return { kind: 'claim', text: shown, cite };
    const best = bestSupporter(scores, ok);
    return best === undefined ? { kind: 'unsupported' } : { kind: 'claim', text: shown, cite: [best] };
  };

  return (text) => {
    const out: Checked = {
      blocks: [],
      removedMarkers: [],
      droppedSentences: [],
      claimChars: 0,
      keptChars: 0,
      keptClaims: 0,
    };
    for (const block of segmentAnswer(text, passages.length, pieces)) {
      const kept: Kept = { prefix: block.prefix, sentences: [], claims: 0 };
      for (const sentence of block.sentences) {
        for (const n of sentence.markers) {
          if ((n < 1 || n > passages.length) && !out.removedMarkers.includes(n)) out.removedMarkers.push(n);
        }
        const verdict = judge(sentence);
        if (verdict.kind === 'plain') {
          if (verdict.text !== '') kept.sentences.push({ text: verdict.text, cite: [] });
          continue;
        }
        out.claimChars += sentence.text.length;
        if (verdict.kind === 'unsupported') {
          out.droppedSentences.push(sentence.text);
          continue;
        }
        kept.sentences.push({ text: verdict.text, cite: verdict.cite });
        kept.claims++;
        out.keptClaims++;
        out.keptChars += sentence.text.length;
      }
      if (kept.claims > 0) out.blocks.push(kept);
    }
    return out;
  };
}

/** What the check makes of one sentence: no claim (kept as is), a supported claim, or an unsupported one. */
type Verdict =
  | { kind: 'plain'; text: string }
  | { kind: 'claim'; text: string; cite: number[] }
  | { kind: 'unsupported' };

/** The kept blocks as text, each cited passage index shown as `[number(i)]`. */
function render(blocks: Kept[], number: (passageIndex: number) => number): string {
  return blocks
    .map(
      (block) => `${block.prefix}${block.sentences.map((s) => renderSentence(s.text, s.cite.map(number))).join(' ')}`,
    )
    .join('\n');
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
