import { fnv1a, mix32 } from '../text/hash.js';

/**
 * A 32-bit hash of a string (FNV-1a over UTF-16 code units, then the
 * MurmurHash3 finaliser so that every output bit depends on every input bit).
 */
export function hash32(text: string): number {
  return mix32(fnv1a(text));
}

/**
 * The signed bucket of a feature in a `dimensions`-wide vector: the bucket
 * number plus one, negated for half of the features (the hashing trick's sign,
 * which keeps collisions from adding up in expectation).
 */
export function signedBucket(feature: string, dimensions: number): number {
  return bucketOfHash(hash32(feature), dimensions);
}

/** The signed bucket (as `signedBucket` gives it) of a feature already hashed to `h` by `hash32`. */
export function bucketOfHash(h: number, dimensions: number): number {
  const bucket = (h & 0x7fffffff) % dimensions;
  return h & 0x80000000 ? -(bucket + 1) : bucket + 1;
}
