import { describe, expect, it } from 'vitest';
import { createStemmer } from '../../src/text/stem.js';
import { parseThesaurus } from '../../src/text/thesaurus.js';
import { loadDanishThesaurus } from '../../src/adapters/node/danish-thesaurus.js';

describe('parseThesaurus', () => {
  it('finds a head word in any inflection and merges head words that share a stem', () => {
    const t = parseThesaurus('firma|selskab|virksomhed\nfirmaer|forretning\n', createStemmer());
    expect(t.synonyms('firmaet')).toEqual(['selskab', 'virksomhed', 'forretning']);
    expect(t.synonyms('ukendt')).toEqual([]);
    expect(t.size).toBe(2);
  });
});

describe('the derived Danish thesaurus', () => {
  it('loads from src/text/data and knows everyday synonyms', async () => {
    const t = await loadDanishThesaurus();
    expect(t?.size).toBeGreaterThan(20_000);
    expect(t?.synonyms('firma')).toContain('virksomhed');
  });
});
