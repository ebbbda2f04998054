import { HelpdeskError } from '../errors.js';
import type { Analyzer } from '../text/types.js';
import type { Embedder } from './embedder.js';
import { signedBucket } from './feature-hash.js';

export interface LocalEmbedderOptions {
  /** Vector width; default 512. */
  dimensions?: number;
  /** Texts per `embedDocuments` call the caller should send; default 256. */
  maxBatch?: number;
}

/** Relative weight of each feature family in the final vector. */
const WEIGHTS = { terms: 0.7, chars: 1, bigrams: 0.4 } as const;
const MIN_GRAM = 3;
const MAX_GRAM = 5;
const CACHE_LIMIT = 100_000;

/**
 * The offline default embedder: hashed features of the analyzer's output,
 * computed in-process with no model. Features are the index terms (stems,
 * compound parts included), bigrams of consecutive stems, and character
 * 3–5-grams of each stem with `<`/`>` boundary marks; each family is
 * sublinearly weighted (1 + ln tf), hashed with a sign into `dimensions`
 * buckets, L2-normalised, mixed, and normalised again.
 *
 * It is NOT a semantic model: it knows no synonyms or meaning. What it adds
 * to BM25 is fuzzy, morphological matching — typos, inflections and compound
 * parts share character n-grams even when their stems differ. Empty or
 * stop-word-only text gives the zero vector.
 */
export function createLocalEmbedder(analyzer: Analyzer, options: LocalEmbedderOptions = {}): Embedder {
  const dimensions = options.dimensions ?? 512;
  const maxBatch = options.maxBatch ?? 256;
  if (!Number.isInteger(dimensions) || dimensions < 16 || dimensions > 8192) {
    throw new HelpdeskError('config_invalid', `Den lokale embedder skal have 16–8192 dimensioner, ikke ${dimensions}.`);
  }
  const gramCache = new Map<string, Int32Array>();

  /** Signed buckets of a stem's character n-grams (cached: the vocabulary repeats). */
  const gramBuckets = (term: string): Int32Array => {
    let buckets = gramCache.get(term);
    if (!buckets) {
      const marked = `<${term}>`;
      const list: number[] = [];
      for (let n = MIN_GRAM; n <= MAX_GRAM; n++) {
        for (let i = 0; i + n <= marked.length; i++) list.push(signedBucket(`c${marked.slice(i, i + n)}`, dimensions));
      }
      buckets = Int32Array.from(list);
      if (gramCache.size >= CACHE_LIMIT) gramCache.clear();
      gramCache.set(term, buckets);
    }
    return buckets;
  };

  const embed = (text: string): number[] => {
    const termCounts = count(analyzer.terms(text));
    const stems = analyzer
      .tokens(text)
      .filter((token) => !analyzer.isStopWord(token))
      .map((token) => analyzer.stem(token));
    const bigramCounts = count(stems.slice(1).map((stem, i) => `${stems[i]} ${stem}`));

    const terms = new Float64Array(dimensions);
    const chars = new Float64Array(dimensions);
    const bigrams = new Float64Array(dimensions);
    for (const [term, tf] of termCounts) {
      const weight = 1 + Math.log(tf);
      add(terms, signedBucket(`w${term}`, dimensions), weight);
      for (const bucket of gramBuckets(term)) add(chars, bucket, weight);
    }
    for (const [bigram, tf] of bigramCounts) add(bigrams, signedBucket(`b${bigram}`, dimensions), 1 + Math.log(tf));

    const out = new Float64Array(dimensions);
    mix(out, terms, WEIGHTS.terms);
    mix(out, chars, WEIGHTS.chars);
    mix(out, bigrams, WEIGHTS.bigrams);
    let sum = 0;
    for (const v of out) sum += v * v;
    const length = Math.sqrt(sum);
    return Array.from(out, (v) => (length > 0 ? v / length : 0));
  };

  return {
    id: `local-hashed-ngrams-v1-${dimensions}-${analyzer.id}`,
    dimensions,
    maxBatch,
    async embedDocuments(texts: string[]): Promise<number[][]> {
      return texts.map(embed);
    },
    async embedQuery(text: string): Promise<number[]> {
      return embed(text);
    },
  };
}

function count(items: string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(item, (counts.get(item) ?? 0) + 1);
  return counts;
}

function add(vector: Float64Array, signed: number, weight: number): void {
  if (signed > 0) vector[signed - 1]! += weight;
  else vector[-signed - 1]! -= weight;
}

/** Adds `part`, L2-normalised and scaled by `weight`, to `out`. */
function mix(out: Float64Array, part: Float64Array, weight: number): void {
  let sum = 0;
  for (const v of part) sum += v * v;
  if (sum === 0) return;
  const scale = weight / Math.sqrt(sum);
  for (let i = 0; i < part.length; i++) out[i]! += part[i]! * scale;
}
