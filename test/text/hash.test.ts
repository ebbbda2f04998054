import { describe, expect, it } from 'vitest';
import { fnv1a32, hashString } from '../../src/text/hash.js';

describe('fnv1a32', () => {
  it('matches the published FNV-1a 32-bit test vectors', () => {
    expect(fnv1a32('')).toBe('811c9dc5');
    expect(fnv1a32('a')).toBe('e40c292c');
    expect(fnv1a32('foobar')).toBe('bf9cf968');
  });
});

describe('hashString', () => {
  it('is deterministic, 14 hex digits, and differs for different text', () => {
    const a = hashString('Kommunen og virksomheden');
    expect(a).toMatch(/^[0-9a-f]{14}$/);
    expect(hashString('Kommunen og virksomheden')).toBe(a);
    expect(hashString('Kommunen og virksomheder')).not.toBe(a);
    expect(hashString('x', 1)).not.toBe(hashString('x', 2));
  });
});
