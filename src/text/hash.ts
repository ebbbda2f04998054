/**
 * Small, fast, pure-JS string hashes (no Web Crypto, synchronous), for
 * content fingerprints and analyzer/index ids. Not cryptographic.
 */

/** FNV-1a's 32-bit offset basis: the state before any input. */
export const FNV_OFFSET = 0x811c9dc5;
/** FNV-1a's 32-bit prime. */
const FNV_PRIME = 0x01000193;

/**
 * One FNV-1a step: the state after `unit` (a UTF-16 code unit, a byte or a 32-bit word).
 * @param h the state so far (`FNV_OFFSET` at the start)
 */
export function fnvStep(h: number, unit: number): number {
  return Math.imul(h ^ unit, FNV_PRIME);
}

/**
 * FNV-1a over `text`'s UTF-16 code units, continuing from state `h`; the raw 32-bit state
 * (`>>> 0` it, or `mix32` it, before use).
 */
export function fnv1a(text: string, h = FNV_OFFSET): number {
  for (let i = 0; i < text.length; i++) h = fnvStep(h, text.charCodeAt(i));
  return h;
}

/** MurmurHash3's 32-bit finaliser: every output bit depends on every input bit. Unsigned. */
export function mix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** FNV-1a 32-bit hash of a string's UTF-16 code units, as 8 lower-case hex digits. */
export function fnv1a32(text: string): string {
  return (fnv1a(text) >>> 0).toString(16).padStart(8, '0');
}

/**
 * 53-bit hash (cyrb53) of a string's UTF-16 code units, as 14 lower-case hex digits.
 * Collision odds are negligible at corpus scale; use it for content hashes.
 */
export function hashString(text: string, seed = 0): string {
  let h1 = 0xdeadbeef ^ seed;
  let h2 = 0x41c6ce57 ^ seed;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507);
  h1 ^= Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507);
  h2 ^= Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  const value = 4294967296 * (2097151 & h2) + (h1 >>> 0);
  return value.toString(16).padStart(14, '0');
}
