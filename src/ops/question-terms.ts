import { stemmer as danishStem } from '@orama/stemmers/danish';
import { danishStopWords, questionWords } from '../text/stopwords.js';
import type { Analyzer } from '../text/types.js';

/** The part of the Danish analyzer the reports need; any `Analyzer` fits. */
export type TermAnalyzer = Pick<Analyzer, 'tokens' | 'isStopWord' | 'stem'>;

/** A content word of a question: its stem (for matching) and the word as asked (for display). */
export interface ContentTerm {
  stem: string;
  word: string;
}

// the analyzer's Danish stop words and question words, plus fillers of a question that say nothing about its topic
const STOP_WORDS: ReadonlySet<string> = new Set([
  ...danishStopWords,
  ...questionWords,
  ...'mon gerne bedes tak venlig hilsen spørgsmål nogen noget må man the a an and or of to in on for is are what how who when where which do does can i we you it'.split(
    ' ',
  ),
]);

const WORD_RE = /[\p{L}\p{N}]+/gu;

/** A built-in analyzer for when the text layer's is not at hand: lower-case words, its stop words, Snowball stems. */
export const simpleTermAnalyzer: TermAnalyzer = {
  tokens: (text) => text.normalize('NFC').toLowerCase().match(WORD_RE) ?? [],
  isStopWord: (token) => STOP_WORDS.has(token),
  stem: (token) => danishStem(token),
};

/** Content terms of a text in order: stop words, single characters and bare numbers dropped. */
export function contentTerms(text: string, analyzer: TermAnalyzer = simpleTermAnalyzer): ContentTerm[] {
  const out: ContentTerm[] = [];
  for (const token of analyzer.tokens(text)) {
    if (token.length < 2 || /^\d+$/.test(token) || analyzer.isStopWord(token)) continue;
    out.push({ stem: analyzer.stem(token), word: token });
  }
  return out;
}

/** Jaccard similarity of two sets (1 for two empty sets). */
export function jaccard<T>(a: ReadonlySet<T>, b: ReadonlySet<T>): number {
  if (a.size === 0 && b.size === 0) return 1;
  let shared = 0;
  for (const x of a) if (b.has(x)) shared++;
  return shared / (a.size + b.size - shared);
}

/** A question reduced for exact-duplicate matching: lower-cased, punctuation and extra spaces removed. */
export function normaliseQuestion(text: string): string {
  return (text.normalize('NFC').toLowerCase().match(WORD_RE) ?? []).join(' ');
}
