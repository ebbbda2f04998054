/**
 * The Danish analyzer turns text into index terms. The same analyzer is used
 * when indexing and when querying, so both sides agree on terms.
 */
export interface Analyzer {
  /** Analyzer identity (part of the index manifest): changes when its output may change. */
  readonly id: string;
  /**
   * Index terms of a text: lower-cased, stop words removed, Snowball-stemmed,
   * with the parts of Danish compounds added after the compound's own term.
   * An English text (`language` `en`) drops English stop words only and is stemmed with the English Snowball
   * stemmer, without compound parts: no Danish stop word ("html", "over", "mod") removes a word from it.
   */
  terms(text: string, language?: Language): string[];
  /** The English index term of one lower-cased token, or undefined for an English stop word. */
  englishTerm(token: string): string | undefined;
  /**
   * Query terms: like `terms`, plus synonyms and English→Danish glossary
   * expansions. Each term carries a weight (1 for original terms, < 1 for expansions).
   */
  queryTerms(text: string): WeightedTerm[];
  /** Plain tokens (lower-cased words and numbers, æ/ø/å kept), no stemming or stop-word removal. */
  tokens(text: string): string[];
  /** True when a lower-cased token is a stop word (Danish, plus English for English questions). */
  isStopWord(token: string): boolean;
  /** Snowball Danish stem of a single lower-cased token. */
  stem(token: string): string;
  /** The parts of a compound token as words (`velfærdsteknologi` → `velfærd`, `teknologi`); empty if none. */
  compoundParts?(token: string): string[];
  /** The Danish words the glossary gives for one lower-cased English word ("sweden" → "sverige"). */
  translations?(token: string): readonly string[];
  /** The everyday expressions (`synonyms.yaml` `expressions:`) among a question's tokens (from `tokens`). */
  expressions?(tokens: readonly string[]): ExpressionMatch[];
}

/** An everyday expression found in a question. */
export interface ExpressionMatch {
  /** The expression as listed ("gå i vasken"). */
  phrase: string;
  /** The positions of its words among the question's tokens. */
  positions: number[];
  /** The plain words it means ("mislykkes", "fejle"). */
  plain: readonly string[];
}

/** The languages a document can be written in (frontmatter `language`). */
export type Language = 'da' | 'en';

export interface WeightedTerm {
  term: string;
  weight: number;
  /** Why the term is there: the question itself, a compound part, a synonym, or the glossary. */
  origin: 'query' | 'compound' | 'synonym' | 'glossary' | 'feedback';
  /** A synonym of one of a compound's parts, not of the whole word. */
  part?: boolean;
  /** One word of a synonym of several words ("privat" of "privat aktør"): the phrase is the synonym, not the word. */
  ofPhrase?: boolean;
  /**
   * A synonym of a phrase of the question made only of stop words ("have ud af" → "incitament"): no word of the
   * question carries it, so it stands for the phrase itself.
   */
  ofStopPhrase?: string;
}
