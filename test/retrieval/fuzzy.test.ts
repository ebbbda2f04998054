import { describe, expect, it } from 'vitest';
import { editDistance, FuzzyVocabulary, foldAccents } from '../../src/retrieval/fuzzy.js';

describe('editDistance', () => {
  it('counts substitutions, insertions, deletions and transpositions', () => {
    expect(editDistance('kommune', 'kommune', 2)).toBe(0);
    expect(editDistance('kommune', 'komune', 2)).toBe(1);
    expect(editDistance('innovation', 'innovaiton', 2)).toBe(1);
    expect(editDistance('abc', 'xyzuvw', 2)).toBe(3);
  });
});

describe('FuzzyVocabulary', () => {
  const vocab = new FuzzyVocabulary(['innovation', 'kommun', 'virksomhed', 'plejehjem', 'to']);
  it('finds known terms one edit away', () => {
    expect(vocab.near('inovation')).toEqual(['innovation']);
    expect(vocab.near('virksomhd')).toEqual(['virksomhed']);
  });
  it('finds transpositions and refuses two edits in short words', () => {
    expect(vocab.near('plejhjm')).toEqual([]);
    expect(vocab.near('innovatino')).toEqual(['innovation']);
  });
  it('finds a long word two letters too long (both edits on the typed side)', () => {
    expect(new FuzzyVocabulary(['chefkonsulent']).near('chefkonsulenetn')).toEqual(['chefkonsulent']);
    expect(vocab.near('virksommheed')).toEqual(['virksomhed']);
  });
  it('ignores short words, numbers and exact hits', () => {
    expect(vocab.near('tp')).toEqual([]);
    expect(vocab.near('2019')).toEqual([]);
    expect(vocab.near('kommun')).toEqual([]);
    expect(vocab.has('kommun')).toBe(true);
  });
});

describe('accents', () => {
  it('folds acute, grave and circumflex accents but keeps æ, ø and å', () => {
    expect(foldAccents('idé')).toBe('ide');
    expect(foldAccents('blåbær')).toBe('blåbær');
  });
  it('finds the accented spelling of a word, however short', () => {
    const vocab = new FuzzyVocabulary(['idé', 'kommun']);
    expect(vocab.near('ide')).toEqual(['idé']);
    expect(vocab.near('ido')).toEqual([]);
  });
});

describe('FuzzyVocabulary against the deletion map it replaces', () => {
  /** The map-based SymSpell lookup the compact index must agree with exactly. */
  function reference(vocabulary: string[]) {
    const deletes = new Map<string, string[]>();
    const known = new Set(vocabulary);
    const del = (t: string) => [...t].map((_, i) => t.slice(0, i) + t.slice(i + 1));
    for (const term of known) {
      if (term.length < 4 || /\d/.test(term)) continue;
      for (const v of del(term)) deletes.set(v, [...(deletes.get(v) ?? []), term]);
    }
    return (term: string, limit = 3) => {
      if (term.length < 4 || /\d/.test(term)) return [];
      const found = new Map<string, number>();
      const consider = (c: string) => {
        if (c === term || found.has(c)) return;
        const d = editDistance(term, c, 2);
        if (d <= (term.length >= 8 ? 2 : 1)) found.set(c, d);
      };
      const variants = [term, ...del(term)];
      // two edits of a long word may both fall on the typed side
      if (term.length >= 8) for (const d of del(term)) variants.push(...del(d));
      for (const v of variants) {
        if (known.has(v)) consider(v);
        for (const c of deletes.get(v) ?? []) consider(c);
      }
      return [...found.entries()]
        .sort((a, b) => a[1] - b[1] || a[0].localeCompare(b[0]))
        .slice(0, limit)
        .map(([t]) => t);
    };
  }

  it('finds the same terms for typos of known words and for random strings', () => {
    let seed = 7;
    const next = () => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed / 2147483648;
    };
    const letters = 'abdeefgiiklmnnoprsstuvyæøå';
    const word = (n: number) => Array.from({ length: n }, () => letters[Math.floor(next() * letters.length)]).join('');
    const vocabulary = Array.from({ length: 3000 }, () => word(3 + Math.floor(next() * 10)));
    const compact = new FuzzyVocabulary(vocabulary);
    const expected = reference(vocabulary);
    let withHits = 0;
    for (let i = 0; i < 3000; i++) {
      const base = vocabulary[i % vocabulary.length]!;
      const at = Math.floor(next() * base.length);
      const typo =
        i % 3 === 0
          ? base.slice(0, at) + base.slice(at + 1)
          : i % 3 === 1
            ? base.slice(0, at) + word(1) + base.slice(at + 1)
            : word(4 + Math.floor(next() * 8));
      const got = compact.near(typo, 5);
      expect(got, typo).toEqual(expected(typo, 5));
      if (got.length > 0) withHits++;
    }
    expect(withHits).toBeGreaterThan(1000);
  });
});

describe('FuzzyVocabulary on very long tokens', () => {
  it('looks up no typos for a term longer than any word (its variants grow with the square of its length)', () => {
    const long = 'samarbejde'.repeat(5);
    const vocabulary = new FuzzyVocabulary([`${long}x`, 'samarbejd']);
    expect(vocabulary.near(long)).toEqual([]);
    expect(vocabulary.near('samarbjd')).toEqual(['samarbejd']);
  });
});
