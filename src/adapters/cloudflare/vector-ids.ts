/** Vectorize refuses ids longer than this many UTF-8 bytes. */
export const VECTORIZE_MAX_ID_BYTES = 64;

/** Prefix of a hashed id; chunk ids (`doc-slug#anchor`) never contain it. */
const HASHED_PREFIX = '~';

/**
 * The Vectorize id of a chunk id: the id itself when it fits in 64 bytes,
 * else `~` and the base64url SHA-256 of it (44 bytes). Deterministic, so a
 * re-upload replaces the same vector.
 */
export async function vectorIdOf(id: string): Promise<string> {
  const bytes = new TextEncoder().encode(id);
  if (bytes.length <= VECTORIZE_MAX_ID_BYTES && !id.startsWith(HASHED_PREFIX)) return id;
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
  let binary = '';
  for (const b of digest) binary += String.fromCharCode(b);
  return `${HASHED_PREFIX}${btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')}`;
}

/** True when a Vectorize id was made by hashing (the chunk id is then in the vector's metadata). */
export function isHashedVectorId(vectorId: string): boolean {
  return vectorId.startsWith(HASHED_PREFIX);
}
