export { COMPOUND_WEIGHT, createDanishAnalyzer, type DanishAnalyzer, type DanishAnalyzerOptions } from './analyzer.js';
export { createDecompounder, type Decompounder, type DecompounderOptions } from './decompound.js';
export { fnv1a32, hashString } from './hash.js';
export { BASE_LEXICON } from './lexicon-da.js';
export { splitSentences } from './sentences.js';
export { createStemmer, stemDanish } from './stem.js';
export { danishStopWords, englishStopWords, findQuestionWords, isStopWord, questionWords } from './stopwords.js';
export {
  compileSynonyms,
  type Expansion,
  emptySynonyms,
  englishKey,
  GLOSSARY_WEIGHT,
  parseSynonyms,
  SYNONYM_WEIGHT,
  SynonymFile,
  type SynonymMatcher,
  type SynonymTable,
} from './synonyms.js';
export { type Token, tokenize, tokenizeDetailed } from './tokenize.js';
export type { Analyzer, WeightedTerm } from './types.js';
