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
   */
  terms(text: string): string[];
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
}

export interface WeightedTerm {
  term: string;
  weight: number;
  /** Why the term is there: the question itself, a compound part, a synonym, or the glossary. */
  origin: 'query' | 'compound' | 'synonym' | 'glossary' | 'feedback';
}
