/**
 * A 32-bit hash of a string (FNV-1a over UTF-16 code units, then the
 * MurmurHash3 finaliser so that every output bit depends on every input bit).
 */
export function hash32(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/**
 * The signed bucket of a feature in a `dimensions`-wide vector: the bucket
 * number plus one, negated for half of the features (the hashing trick's sign,
 * which keeps collisions from adding up in expectation).
 */
export function signedBucket(feature: string, dimensions: number): number {
  const h = hash32(feature);
  const bucket = (h & 0x7fffffff) % dimensions;
  return h & 0x80000000 ? -(bucket + 1) : bucket + 1;
}
