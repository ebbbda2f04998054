import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createDanishAnalyzer, parseSynonyms } from '../../src/text/index.js';
import { anyText, DANISH_WORDS } from './arbitraries.js';

const analyzer = createDanishAnalyzer();
const withSynonyms = createDanishAnalyzer({
  synonyms: parseSynonyms(
    'synonyms:\n  - [opi, offentlig-privat innovation]\nglossary:\n  procurement: indkøb\n',
    'test',
  ),
});
const RUNS = { numRuns: 400 };

describe('Danish analyzer under arbitrary input', () => {
  it('is total: terms, queryTerms and tokens never throw and give non-empty terms without whitespace', () => {
    fc.assert(
      fc.property(anyText(300), (text) => {
        const bad: string[] = [];
        for (const a of [analyzer, withSynonyms]) {
          const query = a.queryTerms(text);
          for (const t of [...a.terms(text), ...a.tokens(text), ...query.map((q) => q.term)]) {
            if (t.length === 0 || /\s/.test(t)) bad.push(t);
          }
          for (const q of query) if (!(q.weight > 0 && q.weight <= 1)) bad.push(`${q.term}=${q.weight}`);
        }
        expect(bad).toEqual([]);
      }),
      RUNS,
    );
  });

  it('is deterministic: a fresh analyzer gives the same terms, and analysing does not change later results', () => {
    const fresh = () => createDanishAnalyzer();
    fc.assert(
      fc.property(anyText(), anyText(), (a, b) => {
        const first = analyzer.terms(a);
        analyzer.terms(b);
        analyzer.queryTerms(b);
        expect(analyzer.terms(a)).toEqual(first);
        expect(fresh().terms(a)).toEqual(first);
        expect(fresh().id).toBe(analyzer.id);
      }),
      { numRuns: 100 },
    );
  });

  // Idempotence, defined where it holds by design: tokenising is a normalisation (NFC, lower case,
  // punctuation dropped, numbers and hyphenated words resolved), so tokenising the tokens changes
  // nothing, and every analysis step after it depends on the tokens alone. (Snowball stemming itself is
  // not idempotent — `virksomhederne` → `virksomhed` → `virksom` — so terms of terms are not asserted.)
  it('tokenising is idempotent: tokens(tokens(x).join(" ")) equals tokens(x)', () => {
    fc.assert(
      fc.property(anyText(300), (text) => {
        const once = analyzer.tokens(text);
        expect(analyzer.tokens(once.join(' '))).toEqual(once);
      }),
      RUNS,
    );
  });

  it('terms and query terms depend only on the tokens: analysing the normalised text gives the same result', () => {
    fc.assert(
      fc.property(anyText(300), (text) => {
        const normalised = analyzer.tokens(text).join(' ');
        expect(analyzer.terms(normalised)).toEqual(analyzer.terms(text));
        const q = (s: string) => new Set(withSynonyms.queryTerms(s).map((t) => t.term));
        expect(q(text)).toEqual(q(normalised));
      }),
      RUNS,
    );
  });

  it('is a homomorphism over whitespace: terms(a + " " + b) = terms(a) ++ terms(b)', () => {
    fc.assert(
      fc.property(anyText(), anyText(), (a, b) => {
        expect(analyzer.terms(`${a} ${b}`)).toEqual([...analyzer.terms(a), ...analyzer.terms(b)]);
      }),
      RUNS,
    );
  });

  it('query terms include every index term of the question at full weight', () => {
    fc.assert(
      fc.property(anyText(), (text) => {
        const query = new Map(analyzer.queryTerms(text).map((t) => [t.term, t]));
        const own = new Set(
          analyzer
            .tokens(text)
            .filter((t) => !analyzer.isStopWord(t))
            .map((t) => analyzer.stem(t)),
        );
        for (const term of own) expect(query.get(term)?.weight, term).toBe(1);
      }),
      RUNS,
    );
  });

  it('handles a 200 KB line and 10 000 Danish words without throwing', () => {
    const long = 'x'.repeat(200_000);
    expect(analyzer.terms(long)).toHaveLength(1);
    const many = Array.from({ length: 10_000 }, (_, i) => DANISH_WORDS[i % DANISH_WORDS.length]).join(' ');
    expect(analyzer.terms(many).length).toBeGreaterThan(5_000);
  });
});
