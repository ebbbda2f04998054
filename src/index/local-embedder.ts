import { HelpdeskError } from '../errors.js';
import { fnv1a, fnvStep, mix32 } from '../text/hash.js';
import { memoise } from '../text/memoise.js';
import type { Analyzer } from '../text/types.js';
import type { Embedder } from './embedder.js';
import { bucketOfHash, signedBucket } from './feature-hash.js';

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
  /** Per analyzed term: its own signed bucket, then those of its character n-grams. */
  const termBuckets = memoise((term: string): Int32Array => {
    const marked = `<${term}>`;
    const list: number[] = [signedBucket(`w${term}`, dimensions)];
    for (let n = MIN_GRAM; n <= MAX_GRAM; n++) {
      for (let i = 0; i + n <= marked.length; i++) list.push(signedBucket(`c${marked.slice(i, i + n)}`, dimensions));
    }
    return Int32Array.from(list);
  }, CACHE_LIMIT);

  /** Per token: null for a stop word, else its stem and its index terms (stem and compound parts). */
  const tokenInfo = memoise(
    (token: string): { stem: string; terms: string[] } | null =>
      analyzer.isStopWord(token) ? null : { stem: analyzer.stem(token), terms: analyzer.terms(token) },
    CACHE_LIMIT,
  );

  /** Per stem: the FNV-1a state after `b<stem> `, the prefix of every bigram feature it starts. */
  const prefixOf = memoise((stem: string): number => fnvStep(fnv1a(stem, fnv1a('b')), 32), CACHE_LIMIT); // 32: the space

  // scratch vectors, reused by every call (embedding is synchronous)
  const terms = new Float64Array(dimensions);
  const chars = new Float64Array(dimensions);
  const bigrams = new Float64Array(dimensions);
  const out = new Float64Array(dimensions);

  const embed = (text: string): number[] => {
    const termCounts = new Map<string, number>();
    const stems: string[] = [];
    for (const token of analyzer.tokens(text)) {
      const info = tokenInfo(token);
      if (info === null) continue;
      stems.push(info.stem);
      for (const term of info.terms) termCounts.set(term, (termCounts.get(term) ?? 0) + 1);
    }
    const bigramCounts = new Map<number, number>();
    for (let i = 1; i < stems.length; i++) {
      const h = mix32(fnv1a(stems[i]!, prefixOf(stems[i - 1]!)));
      bigramCounts.set(h, (bigramCounts.get(h) ?? 0) + 1);
    }

    terms.fill(0);
    chars.fill(0);
    bigrams.fill(0);
    out.fill(0);
    for (const [term, tf] of termCounts) {
      const weight = 1 + Math.log(tf);
      const buckets = termBuckets(term);
      add(terms, buckets[0]!, weight);
      for (let i = 1; i < buckets.length; i++) add(chars, buckets[i]!, weight);
    }
    for (const [h, tf] of bigramCounts) add(bigrams, bucketOfHash(h, dimensions), 1 + Math.log(tf));

    mix(out, terms, WEIGHTS.terms);
    mix(out, chars, WEIGHTS.chars);
    mix(out, bigrams, WEIGHTS.bigrams);
    let sum = 0;
    for (let i = 0; i < dimensions; i++) sum += out[i]! * out[i]!;
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
