import { createDecompounder, type Decompounder } from './decompound.js';
import { memoise } from './memoise.js';
import { hashString } from './hash.js';
import { BASE_LEXICON, NUMBER_EQUIVALENTS } from './lexicon-da.js';
import { createStemmer } from './stem.js';
import { stemEnglish } from './stem-english.js';
import { danishStopWords, englishDocumentStopWords, englishStopWords, isStopWord, questionWords } from './stopwords.js';
import { compileSynonyms, emptySynonyms, type SynonymMatcher, type SynonymTable } from './synonyms.js';
import { tokenize, tokenizeDetailed } from './tokenize.js';
import type { Analyzer, Language, WeightedTerm } from './types.js';

/** Bump when the analyzer's rules change, so that saved indexes are rebuilt. */
const ANALYZER_VERSION = 3;

/** Weight of a compound's parts in a query, relative to the question's own terms. */
export const COMPOUND_WEIGHT = 0.7;

/** Words added at run time must be at least this long (short words over-split compounds). */
const MIN_RUNTIME_WORD = 5;
const RUNTIME_WORD_RE = /^\p{L}+$/u;

/** Options that change the analyzer's output (and so its `id`). */
export interface DanishAnalyzerOptions {
  /** Synonym groups and English→Danish glossary, used by `queryTerms`. */
  synonyms?: SynonymTable;
  /** Extra known words for compound splitting, e.g. words seen standalone in the corpus (lower-case). */
  lexicon?: Iterable<string>;
}

/** The Danish analyzer, plus a way to derive one with more known words. */
export interface DanishAnalyzer extends Analyzer {
  /** A new analyzer with these words added to the compound lexicon (same synonyms); its `id` differs. */
  withLexicon(words: Iterable<string>): DanishAnalyzer;
  /** The parts of a compound token as words (`velfærdsteknologi` → `velfærd`, `teknologi`); empty if none. */
  compoundParts(token: string): string[];
}

const BASE_FINGERPRINT = hashString(
  [[...BASE_LEXICON].join(' '), [...danishStopWords].sort().join(' '), [...englishStopWords].sort().join(' ')].join(
    '\n',
  ),
);

/**
 * Create the Danish analyzer: tokenize → stop words → Snowball stem, with compound parts added
 * after each compound's own stem; `queryTerms` also adds synonyms and glossary terms.
 */
export function createDanishAnalyzer(options: DanishAnalyzerOptions = {}): DanishAnalyzer {
  const synonyms = options.synonyms ?? emptySynonyms;
  const extraWords = normaliseRuntimeWords(options.lexicon ?? []);
  const stem = createStemmer();
  const decompounder: Decompounder = createDecompounder({
    words: [...BASE_LEXICON, ...extraWords],
    stem,
    isStopWord,
  });
  const matcher: SynonymMatcher = compileSynonyms(synonyms, plainTokens, stem);
  const id = `da-v${ANALYZER_VERSION}-${hashString(
    `${BASE_FINGERPRINT}\n${JSON.stringify(synonyms)}\n${extraWords.join(' ')}`,
  )}`;

  /** Stems of a token's compound parts that differ from its own stem. */
  const partStems = (token: string, own: string): string[] => {
    const out: string[] = [];
    for (const part of decompounder.split(token)) {
      const s = stem(part);
      if (s !== own && s.length >= 3 && !out.includes(s)) out.push(s);
    }
    return out;
  };

  /** The index terms of one token: none for a stop word, else its stem and its parts' stems. Memoised. */
  const tokenTerms = memoise((token: string): readonly string[] => {
    if (isStopWord(token)) return [];
    const own = stem(token);
    return [own, ...partStems(token, own)];
  });

  /** The English index term of one token: none for an English stop word or a lone letter. Memoised. */
  const englishTerm = memoise((token: string): string | undefined => {
    if (englishDocumentStopWords.has(token) || questionWords.has(token)) return undefined;
    if (token.length === 1 && !(token >= '0' && token <= '9')) return undefined;
    return stemEnglish(token);
  });

  const terms = (text: string, language: Language = 'da'): string[] => {
    const out: string[] = [];
    if (language === 'en') {
      for (const token of tokenize(text)) {
        const term = englishTerm(token);
        if (term !== undefined) out.push(term);
      }
      return out;
    }
    for (const token of tokenize(text)) for (const term of tokenTerms(token)) out.push(term);
    return out;
  };

  const queryTerms = (text: string): WeightedTerm[] => {
    const byTerm = new Map<string, WeightedTerm>();
    const add = (term: string, weight: number, origin: WeightedTerm['origin']) => {
      const have = byTerm.get(term);
      if (!have || have.weight < weight) byTerm.set(term, { term, weight, origin });
    };
    const tokens = tokenizeDetailed(text);
    const partKeys = new Set<string>();
    for (const { text: token } of tokens) {
      if (isStopWord(token)) continue;
      const own = stem(token);
      add(own, 1, 'query');
      // a number in digits or words is the same number ("5" = "fem" = "five")
      for (const same of NUMBER_EQUIVALENTS.get(token) ?? []) add(stem(same), 1, 'glossary');
      for (const p of partStems(token, own)) {
        add(p, COMPOUND_WEIGHT, 'compound');
        partKeys.add(p);
      }
    }
    const plain = tokens.filter((t) => !t.joined).map((t) => t.text);
    for (const e of matcher.expand(plain)) {
      const words = terms(e.phrase);
      for (const term of words) add(term, e.weight, e.origin);
      // ("hvad vil de *have ud af* det": every word of the matched phrase is a stop word)
      if (e.matched && tokenizeDetailed(e.matched).every((t) => isStopWord(t.text)))
        for (const term of words)
          if (byTerm.get(term)?.origin === e.origin) byTerm.get(term)!.ofStopPhrase ??= e.matched;
      // "privat aktør" is a synonym of "virksomhed"; "privat" alone is not
      if (words.length > 1)
        for (const term of words) if (byTerm.get(term)?.origin === e.origin) byTerm.get(term)!.ofPhrase ??= true;
    }
    // a synonym of a compound's part matches like a synonym, but names the part, not the word ("boligstøtte" is
    // not a "lejlighed"): marked, so that it never makes the word known to the corpus (query.ts)
    for (const e of matcher.expand([], partKeys)) {
      for (const term of terms(e.phrase))
        if (!byTerm.has(term)) byTerm.set(term, { term, weight: e.weight, origin: e.origin, part: true });
    }
    return [...byTerm.values()];
  };

  return {
    id,
    terms,
    englishTerm,
    queryTerms,
    tokens: tokenize,
    isStopWord,
    stem,
    compoundParts: (token) => decompounder.split(token),
    translations: (token) => matcher.translations(token),
    expressions: (tokens) => matcher.expressions(tokens),
    withLexicon: (words) => createDanishAnalyzer({ synonyms, lexicon: [...extraWords, ...words] }),
  };
}

/** Tokens without the glued forms of hyphenated words, for phrase matching. */
function plainTokens(text: string): string[] {
  return tokenizeDetailed(text)
    .filter((t) => !t.joined)
    .map((t) => t.text);
}

function normaliseRuntimeWords(words: Iterable<string>): string[] {
  const out = new Set<string>();
  for (const raw of words) {
    const w = raw.normalize('NFC').toLowerCase();
    if (w.length >= MIN_RUNTIME_WORD && RUNTIME_WORD_RE.test(w) && !BASE_LEXICON.has(w) && !isStopWord(w)) out.add(w);
  }
  return [...out].sort();
}
