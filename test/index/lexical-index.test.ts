import fc from 'fast-check';
import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { LEXICAL_FORMAT_VERSION, LexicalIndex, type LexicalFields } from '../../src/index/lexical-index.js';

const q = (...terms: string[]) => terms.map((term) => ({ term, weight: 1 }));
const doc = (id: string, body: string, title = '', section = ''): LexicalFields => ({
  id,
  title: title.split(' ').filter(Boolean),
  section: section.split(' ').filter(Boolean),
  body: body.split(' ').filter(Boolean),
});

function filler(n: number): string {
  return Array.from({ length: n }, (_, i) => `fyld${i % 7}`).join(' ');
}

describe('LexicalIndex ranking', () => {
  it('ranks a title match above a body match, and the field weights decide it', () => {
    const docs = [doc('body', `udbud ${filler(8)}`, 'andet emne'), doc('title', filler(9), 'udbud regler')];
    const index = new LexicalIndex();
    for (const d of docs) index.add(d);
    expect(index.search(q('udbud'), 2).map((h) => h.id)).toEqual(['title', 'body']);

    const bodyFirst = new LexicalIndex({ fieldWeights: { title: 0.2, section: 1, body: 3 } });
    for (const d of docs) bodyFirst.add(d);
    expect(bodyFirst.search(q('udbud'), 2).map((h) => h.id)).toEqual(['body', 'title']);
  });

  it('counts a section match between title and body', () => {
    const index = new LexicalIndex();
    index.add(doc('b', `marked ${filler(5)}`, 'x', 'y'));
    index.add(doc('s', filler(6), 'x', 'marked'));
    index.add(doc('t', filler(6), 'marked', 'y'));
    expect(index.search(q('marked'), 3).map((h) => h.id)).toEqual(['t', 's', 'b']);
  });

  it('weights rare terms above common ones (idf)', () => {
    const index = new LexicalIndex();
    for (let i = 0; i < 8; i++) index.add(doc(`common${i}`, `kommune ${filler(4)}`));
    index.add(doc('rare', `innovationspartnerskab ${filler(4)}`));
    index.add(doc('both', `kommune ${filler(4)}`));
    expect(index.documentFrequency('kommune')).toBe(9);
    expect(index.documentFrequency('innovationspartnerskab')).toBe(1);
    expect(index.idf('innovationspartnerskab')).toBeGreaterThan(index.idf('kommune'));
    expect(index.idf('kommune')).toBeCloseTo(Math.log(1 + (10 - 9 + 0.5) / (9 + 0.5)), 10);
    expect(index.idf('ukendt')).toBe(0);
    const hits = index.search(q('kommune', 'innovationspartnerskab'), 3);
    expect(hits[0]!.id).toBe('rare');
  });

  it('multiplies each term contribution by its query weight', () => {
    const index = new LexicalIndex();
    index.add(doc('a', `alfa ${filler(3)}`));
    index.add(doc('b', `beta ${filler(3)}`));
    index.add(doc('c', filler(4)));
    const strongAlfa = index.search(
      [
        { term: 'alfa', weight: 1 },
        { term: 'beta', weight: 0.3 },
      ],
      2,
    );
    expect(strongAlfa.map((h) => h.id)).toEqual(['a', 'b']);
    expect(strongAlfa[1]!.score).toBeCloseTo(strongAlfa[0]!.score * 0.3, 10);
    const strongBeta = index.search(
      [
        { term: 'alfa', weight: 0.3 },
        { term: 'beta', weight: 1 },
      ],
      2,
    );
    expect(strongBeta.map((h) => h.id)).toEqual(['b', 'a']);
    expect(index.search([{ term: 'alfa', weight: 0 }], 5)).toEqual([]);
  });

  it('counts a repeated query term once, with its highest weight', () => {
    const index = new LexicalIndex();
    index.add(doc('a', 'alfa beta'));
    index.add(doc('b', 'gamma'));
    const once = index.search([{ term: 'alfa', weight: 0.8 }], 1)[0]!.score;
    const repeated = index.search(
      [
        { term: 'alfa', weight: 0.5 },
        { term: 'alfa', weight: 0.8 },
      ],
      1,
    )[0]!.score;
    expect(repeated).toBeCloseTo(once, 12);
  });

  it('prefers the shorter chunk for the same term frequency', () => {
    const index = new LexicalIndex();
    index.add(doc('long', `tilskud ${filler(40)}`));
    index.add(doc('short', `tilskud ${filler(3)}`));
    expect(index.search(q('tilskud'), 2).map((h) => h.id)).toEqual(['short', 'long']);
  });

  it('returns at most k hits, none for k = 0 or an empty index', () => {
    const index = new LexicalIndex();
    expect(index.search(q('x'), 5)).toEqual([]);
    for (let i = 0; i < 20; i++) index.add(doc(`d${i}`, `x ${filler(i)}`));
    expect(index.search(q('x'), 5)).toHaveLength(5);
    expect(index.search(q('x'), 50)).toHaveLength(20);
    expect(index.search(q('x'), 0)).toEqual([]);
    expect(index.search(q('nothing'), 5)).toEqual([]);
  });
});

describe('LexicalIndex.searchExpanded', () => {
  const word = fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f');
  const weighted = fc.record({ term: word, weight: fc.constantFrom(0, 0.2, 0.5, 1) });
  const fields = fc.record({
    title: fc.array(word, { maxLength: 3 }),
    section: fc.array(word, { maxLength: 3 }),
    body: fc.array(word, { maxLength: 12 }),
  });

  it('gives exactly the hits of one search for both term lists (repeated terms included) after the first finds some', () => {
    fc.assert(
      fc.property(
        fc.array(fields, { minLength: 1, maxLength: 15 }),
        fc.array(weighted, { minLength: 1, maxLength: 4 }),
        fc.array(weighted, { maxLength: 3 }),
        fc.integer({ min: 1, max: 6 }),
        (raw, terms, added, k) => {
          const index = new LexicalIndex();
          raw.forEach((f, i) => {
            index.add({ id: `d${i}`, ...f });
          });
          const first: string[][] = [];
          const expanded = index.searchExpanded(terms, k, (hits) => {
            first.push(hits.map((h) => h.id));
            return added;
          });
          // the feedback saw the plain search; when that found nothing, it is not asked and nothing is found
          const plain = index.search(terms, k).map((h) => h.id);
          expect(first).toEqual(plain.length > 0 ? [plain] : []);
          expect(expanded).toEqual(plain.length > 0 ? index.search([...terms, ...added], k) : []);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('LexicalIndex pruned top-k (MaxScore)', () => {
  // a skewed vocabulary: 'a' and 'b' are in most chunks, the rest are rarer, so pruning has work to skip
  const word = fc.oneof(
    { arbitrary: fc.constantFrom('a', 'b'), weight: 8 },
    { arbitrary: fc.constantFrom('c', 'd', 'e'), weight: 3 },
    { arbitrary: fc.constantFrom('f', 'g', 'h', 'i', 'j', 'k'), weight: 1 },
  );
  const fields = fc.record({
    title: fc.array(word, { maxLength: 3 }),
    section: fc.array(word, { maxLength: 3 }),
    body: fc.array(word, { maxLength: 20 }),
  });
  const weighted = fc.record({ term: word, weight: fc.constantFrom(0.2, 0.5, 1) });

  it('returns exactly the k best of scoring every posting, also after removals', () => {
    fc.assert(
      fc.property(
        fc.array(fields, { minLength: 1, maxLength: 60 }),
        fc.array(weighted, { minLength: 1, maxLength: 6 }),
        fc.integer({ min: 1, max: 8 }),
        fc.array(fc.nat(59), { maxLength: 10 }),
        (raw, terms, k, removed) => {
          const index = new LexicalIndex();
          raw.forEach((f, i) => {
            index.add({ id: `d${i}`, ...f });
          });
          for (const r of removed) index.remove(`d${r}`);
          // asking for every chunk leaves nothing to prune: the exhaustive ranking
          const all = index.search(terms, raw.length);
          expect(index.search(terms, k)).toEqual(all.slice(0, k));
        },
      ),
      { numRuns: 400 },
    );
  });

  it('finds a chunk whose only strong term is rare among thousands holding the common terms', () => {
    const index = new LexicalIndex();
    for (let i = 0; i < 3000; i++) index.add(doc(`c${i}`, `almindelig hyppig ord ${i % 7 === 0 ? 'hyppig' : ''}`));
    index.add(doc('sjælden', 'sjælden almindelig'));
    const query = q('almindelig', 'hyppig', 'sjælden');
    const top = index.search(query, 3);
    expect(top[0]?.id).toBe('sjælden');
    expect(top).toEqual(index.search(query, 3001).slice(0, 3));
  });
});

describe('LexicalIndex removal', () => {
  it('removes a chunk from results, frequencies and vocabulary', () => {
    const index = new LexicalIndex();
    index.add(doc('a', 'alfa beta'));
    index.add(doc('b', 'alfa gamma'));
    expect(index.remove('a')).toBe(true);
    expect(index.remove('a')).toBe(false);
    expect(index.size).toBe(1);
    expect(index.has('a')).toBe(false);
    expect(index.search(q('alfa', 'beta'), 5).map((h) => h.id)).toEqual(['b']);
    expect(index.documentFrequency('alfa')).toBe(1);
    expect(index.hasTerm('beta')).toBe(false);
    expect([...index.vocabulary()].sort()).toEqual(['alfa', 'gamma']);
    expect(index.vocabularySize).toBe(2);
  });

  it('replaces a chunk added again under the same id', () => {
    const index = new LexicalIndex();
    index.add(doc('a', 'gammel tekst'));
    index.add(doc('a', 'ny tekst'));
    expect(index.size).toBe(1);
    expect(index.search(q('gammel'), 5)).toEqual([]);
    expect(index.search(q('ny'), 5).map((h) => h.id)).toEqual(['a']);
    expect(index.documentFrequency('tekst')).toBe(1);
  });

  it('scores the same after removal as an index built without the chunk', () => {
    const docs = [doc('a', 'alfa beta beta', 'titel'), doc('b', 'alfa gamma', 'titel alfa'), doc('c', 'beta delta')];
    const withRemoval = new LexicalIndex();
    for (const d of docs) withRemoval.add(d);
    withRemoval.add(doc('gone', 'alfa alfa beta omega'));
    withRemoval.remove('gone');
    const fresh = new LexicalIndex();
    for (const d of docs) fresh.add(d);
    expect(withRemoval.search(q('alfa', 'beta'), 5)).toEqual(fresh.search(q('alfa', 'beta'), 5));
  });
});

describe('LexicalIndex serialisation', () => {
  function sample(): LexicalIndex {
    const index = new LexicalIndex({ k1: 1.5 });
    index.add(doc('x#1', 'offentlig privat innovation samarbejde', 'OPI guide', 'indledning'));
    index.add(doc('x#2', 'udbud innovationspartnerskab', 'OPI guide', 'udbud'));
    index.add(doc('y#1', 'kommune velfærd teknologi samarbejde', 'sag', ''));
    index.add(doc('z#1', 'slettes snart'));
    index.remove('z#1');
    return index;
  }

  it('round-trips results, idf, options and vocabulary, dropping removed chunks', () => {
    const index = sample();
    const copy = LexicalIndex.deserialize(index.serialize());
    expect(copy.options.k1).toBe(1.5);
    expect(copy.size).toBe(3);
    expect(copy.has('z#1')).toBe(false);
    expect([...copy.vocabulary()].sort()).toEqual([...index.vocabulary()].sort());
    for (const terms of [q('samarbejde'), q('udbud', 'opi'), q('kommune', 'indledning', 'guide')]) {
      expect(copy.search(terms, 10)).toEqual(index.search(terms, 10));
    }
    expect(copy.idf('samarbejde')).toBe(index.idf('samarbejde'));
  });

  it('keeps the string share gives for each chunk id it reads, asking in document-number order', () => {
    const index = sample();
    const seen: string[] = [];
    const copy = LexicalIndex.deserialize(index.serialize(), {
      share: (id) => {
        seen.push(id);
        return id;
      },
    });
    expect(seen).toHaveLength(index.size);
    expect(seen.every((id) => copy.has(id))).toBe(true);
    const terms = q('samarbejde');
    expect(copy.search(terms, 10)).toEqual(index.search(terms, 10));
  });

  it('reads postings from bytes at any offset, aligned or not', () => {
    const bytes = sample().serialize();
    for (const shift of [1, 2, 3, 4]) {
      const padded = new Uint8Array(bytes.length + shift);
      padded.set(bytes, shift);
      const copy = LexicalIndex.deserialize(padded.subarray(shift));
      expect(copy.search(q('samarbejde'), 10)).toEqual(sample().search(q('samarbejde'), 10));
    }
  });

  it('stays writable after loading, and a clone is independent', () => {
    const copy = LexicalIndex.deserialize(sample().serialize());
    copy.add(doc('n#1', 'samarbejde nyt'));
    expect(copy.documentFrequency('samarbejde')).toBe(3);
    const clone = copy.clone();
    clone.remove('n#1');
    expect(copy.has('n#1')).toBe(true);
    expect(clone.documentFrequency('samarbejde')).toBe(2);
  });

  it('after any sequence of adds, removes, merges and clones, answers as an index built from the live chunks alone', () => {
    // "fælles" is in every chunk: its postings are long enough to be searched, not scanned, for removed chunks
    const words = ['fælles', 'udbud', 'kommune', 'marked', 'region', 'data'];
    const op = fc.oneof(
      fc.record({
        kind: fc.constant('add' as const),
        id: fc.integer({ min: 0, max: 60 }),
        body: fc.array(fc.constantFrom(...words), { minLength: 1, maxLength: 6 }),
      }),
      fc.record({ kind: fc.constant('remove' as const), id: fc.integer({ min: 0, max: 60 }) }),
      fc.record({ kind: fc.constantFrom('merge' as const, 'clone' as const) }),
    );
    fc.assert(
      fc.property(fc.array(op, { maxLength: 80 }), (ops) => {
        let index = new LexicalIndex();
        for (let i = 0; i < 300; i++) index.add(doc(`base#${i}`, `fælles ${words[i % words.length]}`));
        const live = new Map<string, string>();
        for (let i = 0; i < 300; i++) live.set(`base#${i}`, `fælles ${words[i % words.length]}`);
        for (const o of ops) {
          if (o.kind === 'add') {
            const body = `fælles ${o.body.join(' ')}`;
            index.add(doc(`c#${o.id}`, body));
            live.delete(`c#${o.id}`);
            live.set(`c#${o.id}`, body);
          } else if (o.kind === 'remove') {
            const id = o.id % 2 === 0 ? `c#${o.id}` : `base#${o.id * 3}`;
            expect(index.remove(id)).toBe(live.delete(id));
          } else if (o.kind === 'merge') {
            index.documentFrequency('fælles');
          } else {
            const before = index.search(q('udbud'), 5);
            const clone = index.clone();
            clone.remove('base#0');
            clone.add(doc('base#0', 'kun i kopien'));
            clone.documentFrequency('fælles');
            expect(index.search(q('udbud'), 5)).toEqual(before);
            index = index.clone();
          }
        }
        const fresh = new LexicalIndex();
        for (const [id, body] of live) fresh.add(doc(id, body));
        expect([...index.vocabulary()].sort()).toEqual([...fresh.vocabulary()].sort());
        for (const w of words) expect(index.documentFrequency(w)).toBe(fresh.documentFrequency(w));
        for (const terms of [q('fælles'), q('udbud', 'data'), q('kommune', 'marked', 'region')]) {
          expect(index.search(terms, 400)).toEqual(fresh.search(terms, 400));
        }
      }),
      { numRuns: 150 },
    );
  });

  it('clones with removed and pending chunks to the same index, both before and after compaction', () => {
    for (const removed of [3, 1500]) {
      const index = new LexicalIndex();
      for (let i = 0; i < 2000; i++) index.add(doc(`d#${i}`, `samarbejde ${filler(i % 7)} ord${i % 50}`));
      for (let i = 0; i < removed; i++) index.remove(`d#${i}`);
      index.add(doc('ny#1', 'samarbejde kommune nyt'));
      const clone = index.clone();
      expect(clone.serialize()).toEqual(index.serialize());
      for (const terms of [q('samarbejde'), q('ord7', 'nyt'), q('kommune')]) {
        expect(clone.search(terms, 10)).toEqual(index.search(terms, 10));
      }
      clone.add(doc('ny#2', 'samarbejde'));
      clone.remove('ny#1');
      expect(index.has('ny#1')).toBe(true);
      expect(index.has('ny#2')).toBe(false);
      expect(index.documentFrequency('samarbejde')).toBe(2000 - removed + 1);
    }
  });

  it('refuses another format version with index_incompatible', () => {
    const bytes = sample().serialize();
    new DataView(bytes.buffer).setUint32(4, LEXICAL_FORMAT_VERSION + 1, true);
    expect(() => LexicalIndex.deserialize(bytes)).toThrow(/formatversion 2; denne version læser 1/);
  });

  it('refuses truncated or foreign bytes with a clear error', () => {
    const bytes = sample().serialize();
    expect(() => LexicalIndex.deserialize(bytes.subarray(0, bytes.length - 10))).toThrow(/beskadiget eller afkortet/);
    expect(() => LexicalIndex.deserialize(new TextEncoder().encode('not an index'))).toThrow(/ukendt filtype/);
    expect(() => LexicalIndex.deserialize(new Uint8Array(0))).toThrow(
      expect.objectContaining({ code: 'index_incompatible' }),
    );
  });
});

/** Straightforward BM25F over plain objects, as the reference the typed-array index must equal. */
function referenceScores(docs: LexicalFields[], terms: string[], k1 = 1.2, b = 0.75, w = [2.5, 1.5, 1]) {
  const fields = (d: LexicalFields) => [d.title, d.section, d.body];
  const avg = [0, 1, 2].map((f) => docs.reduce((s, d) => s + fields(d)[f]!.length, 0) / docs.length);
  const scores = new Map<string, number>();
  for (const term of new Set(terms)) {
    const df = docs.filter((d) => fields(d).some((f) => f.includes(term))).length;
    if (df === 0) continue;
    const idf = Math.log(1 + (docs.length - df + 0.5) / (df + 0.5));
    for (const d of docs) {
      let tf = 0;
      fields(d).forEach((f, i) => {
        const count = f.filter((t) => t === term).length;
        const norm = avg[i]! > 0 ? 1 - b + (b * f.length) / avg[i]! : 1;
        tf += (w[i]! * count) / norm;
      });
      if (tf > 0) scores.set(d.id, (scores.get(d.id) ?? 0) + (idf * tf * (k1 + 1)) / (k1 + tf));
    }
  }
  return scores;
}

describe('LexicalIndex against a reference BM25F', () => {
  it('gives the same scores for random chunks and queries', () => {
    const word = fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f');
    const fields = fc.record({
      title: fc.array(word, { maxLength: 3 }),
      section: fc.array(word, { maxLength: 3 }),
      body: fc.array(word, { maxLength: 12 }),
    });
    fc.assert(
      fc.property(
        fc.array(fields, { minLength: 1, maxLength: 15 }),
        fc.array(word, { minLength: 1, maxLength: 3 }),
        (raw, terms) => {
          const docs = raw.map((f, i) => ({ id: `d${i}`, ...f }));
          const index = new LexicalIndex();
          for (const d of docs) index.add(d);
          const expected = referenceScores(docs, terms);
          const hits = index.search(q(...terms), docs.length);
          expect(hits).toHaveLength(expected.size);
          for (const hit of hits) expect(hit.score).toBeCloseTo(expected.get(hit.id)!, 9);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('gives the same scores after interleaved adds, searches and removals', () => {
    const word = fc.constantFrom('a', 'b', 'c', 'd');
    const fields = fc.record({
      title: fc.array(word, { maxLength: 2 }),
      section: fc.array(word, { maxLength: 2 }),
      body: fc.array(word, { minLength: 1, maxLength: 8 }),
    });
    fc.assert(
      fc.property(
        fc.array(fields, { minLength: 2, maxLength: 12 }),
        fc.array(fc.nat(), { maxLength: 6 }),
        (raw, removals) => {
          const docs = raw.map((f, i) => ({ id: `d${i}`, ...f }));
          const index = new LexicalIndex();
          const live = new Map<string, LexicalFields>();
          docs.forEach((d, i) => {
            index.add(d);
            live.set(d.id, d);
            index.search(q('a'), 3); // forces a merge between additions
            const victim = removals[i];
            if (victim !== undefined && victim % 3 === 0) {
              const id = docs[victim % (i + 1)]!.id;
              index.remove(id);
              live.delete(id);
            }
          });
          const remaining = [...live.values()];
          const expected = remaining.length > 0 ? referenceScores(remaining, ['a', 'c']) : new Map();
          const hits = index.search(q('a', 'c'), docs.length);
          expect(new Set(hits.map((h) => h.id))).toEqual(new Set(expected.keys()));
          for (const hit of hits) expect(hit.score).toBeCloseTo(expected.get(hit.id)!, 9);
          const copy = LexicalIndex.deserialize(index.serialize());
          expect(copy.search(q('a', 'c'), docs.length)).toEqual(hits);
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('LexicalIndex in shared memory (toParts / fromParts)', () => {
  const words = ['udbud', 'kommune', 'velfærd', 'teknologi', 'samarbejde', 'innovation', 'æble', 'ål', 'øko', 'borger'];
  /** A few hundred chunks with a skewed vocabulary, some removed and one replaced. */
  function built(): LexicalIndex {
    const index = new LexicalIndex();
    let seed = 7;
    const next = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed;
    };
    const pick = (n: number) => Array.from({ length: n }, () => words[Math.min(next() % 10, next() % 10)]!);
    for (let i = 0; i < 300; i++)
      index.add({ id: `doc${i % 40}#${i}`, title: pick(2), section: pick(1), body: pick(12) });
    for (let i = 0; i < 300; i += 17) index.remove(`doc${i % 40}#${i}`);
    index.add({ id: 'doc1#1', title: ['ål'], section: [], body: ['ål', 'øko'] });
    return index;
  }
  const queries = [
    q('udbud'),
    q('ål', 'øko'),
    q('kommune', 'velfærd', 'borger'),
    [
      { term: 'æble', weight: 0.4 },
      { term: 'samarbejde', weight: 1 },
      { term: 'ukendt', weight: 1 },
    ],
    q('ukendt'),
  ];

  it('searches the parts exactly as the index they came from, and stays read-only', () => {
    const index = built();
    const before = queries.map((terms) => index.search(terms, 10));
    const parts = index.toParts();
    for (const array of [parts.offsets, parts.postDocs, parts.postTfs, parts.lengths, parts.alive, parts.norms]) {
      expect(array.buffer).toBeInstanceOf(SharedArrayBuffer);
    }
    const shared = LexicalIndex.fromParts(parts);
    expect(queries.map((terms) => index.search(terms, 10))).toEqual(before);
    expect(queries.map((terms) => shared.search(terms, 10))).toEqual(before);
    expect(shared.size).toBe(index.size);
    expect([...shared.vocabulary()]).toEqual([...index.vocabulary()]);
    expect(words.map((w) => shared.idf(w))).toEqual(words.map((w) => index.idf(w)));
    expect(shared.has('doc1#1')).toBe(true);
    expect(shared.has('doc0#0')).toBe(false);
    expect(shared.serialize()).toEqual(index.serialize());
    expect(() => shared.add(doc('ny', 'udbud'))).toThrow(/kan kun læses/);
    const copy = shared.clone();
    copy.add(doc('ny', 'nyhed udbud'));
    expect(copy.search(q('nyhed'), 10).map((h) => h.id)).toEqual(['ny']);
    expect(shared.search(q('nyhed'), 10)).toEqual([]);
    expect(shared.search(q('udbud'), 10)).toEqual(before[0]);
  });

  it('makes new parts after a change, and the old parts still search the old index', () => {
    const index = built();
    const old = index.toParts();
    expect(index.toParts()).toBe(old);
    index.add(doc('ny', 'nyhed udbud'));
    const fresh = index.toParts();
    expect(fresh).not.toBe(old);
    expect(
      LexicalIndex.fromParts(fresh)
        .search(q('nyhed'), 10)
        .map((h) => h.id),
    ).toEqual(['ny']);
    expect(LexicalIndex.fromParts(old).search(q('nyhed'), 10)).toEqual([]);
    expect(LexicalIndex.fromParts(fresh).search(q('udbud'), 300)).toEqual(index.search(q('udbud'), 300));
  });

  it('refuses parts whose arrays do not fit together', () => {
    const parts = built().toParts();
    expect(() => LexicalIndex.fromParts({ ...parts, alive: parts.alive.subarray(1) })).toThrow(
      /Det delte leksikalske indeks er beskadiget .*tabellerne passer ikke sammen/,
    );
  });

  it('is searched in place by a worker thread, with the same results as this thread', async () => {
    const index = built();
    const url = new URL('../../src/index/lexical-index.ts', import.meta.url).href;
    // the worker registers tsx to import the TypeScript source, makes the index from the parts it is
    // sent and answers each list of queries with its results
    const code = `
      const { parentPort, workerData } = require('node:worker_threads');
      import('tsx/esm/api').then((m) => m.register()).then(() => import(${JSON.stringify(url)})).then(({ LexicalIndex }) => {
        const index = LexicalIndex.fromParts(workerData);
        parentPort.on('message', (queries) => parentPort.postMessage(queries.map((terms) => index.search(terms, 10))));
        parentPort.postMessage('ready');
      });`;
    const worker = new Worker(code, { eval: true, workerData: index.toParts() });
    const next = () =>
      new Promise<unknown>((resolve, reject) => {
        worker.once('message', resolve);
        worker.once('error', reject);
      });
    try {
      expect(await next()).toBe('ready');
      const answer = next();
      worker.postMessage(queries);
      expect(await answer).toEqual(queries.map((terms) => index.search(terms, 10)));
    } finally {
      await worker.terminate();
    }
  });
});
