import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { d1IndexStatements } from '../../../src/adapters/cloudflare/d1-index-sql.js';
import { D1LexicalIndex } from '../../../src/adapters/cloudflare/d1-lexical-index.js';
import type { Chunk } from '../../../src/corpus/types.js';
import type { IndexState } from '../../../src/index/artifact.js';
import { ChunkTable } from '../../../src/index/chunk-table.js';
import { LexicalIndex } from '../../../src/index/lexical-index.js';
import type { WeightedTerm } from '../../../src/text/types.js';
import { memoryD1 } from '../../support/memory-d1.js';
import { seededRandom as random } from '../../support/random.js';

/**
 * Chunks over a Zipf-like vocabulary (a few very common terms, many rare ones) with field lengths
 * from 1 to 80 terms: the mix where pruning by the rare terms pays off and where it sometimes cannot.
 */
function corpus(seed: number, chunks: number): { state: IndexState; vocabulary: string[]; chunks: Chunk[] } {
  const next = random(seed);
  const vocabulary = Array.from({ length: 300 }, (_, i) => `term${i}`);
  const word = () => vocabulary[Math.min(vocabulary.length - 1, Math.floor(vocabulary.length * next() ** 4))]!;
  const words = (n: number) => Array.from({ length: n }, word);
  const lexical = new LexicalIndex();
  const list: Chunk[] = [];
  for (let i = 0; i < chunks; i++) {
    const id = `doc-${i % 7}#c${i}`;
    const fields = { id, title: words(1 + (i % 3)), section: words(i % 4), body: words(1 + Math.floor(next() * 80)) };
    lexical.add(fields);
    list.push({
      id,
      docId: `doc-${i % 7}`,
      anchor: `c${i}`,
      ordinal: i,
      title: fields.title.join(' '),
      kind: 'guide',
      sectionPath: [],
      section: '',
      text: fields.body.join(' '),
      line: 1,
    });
  }
  // a removed chunk: its postings must not reach D1
  lexical.remove(list[3]!.id);
  const kept = list.filter((_, i) => i !== 3);
  const documents = [...new Set(kept.map((c) => c.docId))].map((docId) => ({
    docId,
    path: `guide/${docId}.md`,
    hash: docId,
    meta: {
      title: docId,
      kind: 'guide' as const,
      summary: '',
      tags: [],
      source: { organisation: 'Test', title: 'Test', url: 'https://example.org', date: '2026-01-01' },
      updated: '2026-01-01',
      language: 'da' as const,
    },
  }));
  const manifest = {
    formatVersion: 2,
    analyzerId: 'test-analyzer',
    embedderId: 'test-embedder',
    dimensions: 1,
    corpusHash: `seed-${seed}`,
    builtAt: '2026-12-07T00:00:00.000Z',
    documents: [],
    counts: { documents: documents.length, chunks: kept.length, terms: lexical.vocabularySize },
  };
  return {
    state: {
      manifest,
      documents,
      chunks: ChunkTable.from(kept),
      lexical,
      vectors: new Float32Array(0),
    } as unknown as IndexState,
    vocabulary,
    chunks: kept,
  };
}

describe('D1LexicalIndex (SQLite stand-in) against LexicalIndex.search', () => {
  it('returns the same top k with the same scores for random weighted queries, pruned or not', async () => {
    let compared = 0;
    const pruning = { exact: 0, missed: 0 };
    for (const seed of [1, 2, 3]) {
      const { state, vocabulary } = corpus(seed, 600);
      const sqlite = new Database(':memory:');
      for (const statement of d1IndexStatements(state)) sqlite.exec(statement);
      const d1 = await D1LexicalIndex.load(memoryD1(sqlite), { analyzerId: 'test-analyzer' });
      const next = random(seed * 100);
      for (let q = 0; q < 150; q++) {
        // common terms (the head of the vocabulary) beside rarer ones, now and then an unknown one
        const terms: WeightedTerm[] = Array.from({ length: 2 + Math.floor(next() * 4) }, (_, i) => ({
          term:
            next() < 0.05
              ? 'ukendt'
              : vocabulary[i < 2 ? Math.floor(next() * 4) : Math.floor(next() * vocabulary.length)]!,
          weight: [1, 1, 0.6, 0.3, 0.1][Math.floor(next() * 5)]!,
          origin: 'query' as const,
        }));
        const k = [1, 5, 10, 40][q % 4]!;
        const expected = state.lexical.search(terms, k);
        const hits = await d1.lexicalSearch(terms, k);
        const label = `seed ${seed}, ${JSON.stringify(terms.map((t) => [t.term, t.weight]))}, k ${k}`;
        expect(hits.length, label).toBe(expected.length);
        hits.forEach((hit, i) => {
          expect(hit.score, label).toBeCloseTo(expected[i]!.score, 9);
          const tied = expected.filter((e) => Math.abs(e.score - hit.score) < 1e-9).map((e) => e.id);
          expect(tied, label).toContain(hit.id);
        });
        compared++;
      }
      pruning.exact += d1.pruning.exact;
      pruning.missed += d1.pruning.missed;
    }
    expect(compared).toBe(450);
    // many answers came from the pruned statement (checked exact above)
    expect(pruning.exact).toBeGreaterThan(30);
  });

  it('reads every posting after all when a chunk without the rare term can still win', async () => {
    // "sjaelden" only in two long chunks (a low tf there); "almindelig" three times in short ones
    const { state, chunks } = corpus(5, 400);
    const lexical = new LexicalIndex();
    const filler = (n: number) => Array.from({ length: n }, (_, i) => `fyld${i % 9}`);
    chunks.forEach((chunk, i) => {
      const body =
        i < 2
          ? ['sjaelden', ...filler(199)]
          : i < 62
            ? ['almindelig', 'almindelig', 'almindelig', ...filler(2)]
            : filler(5);
      lexical.add({ id: chunk.id, title: [], section: [], body });
    });
    const crafted = { ...state, lexical } as IndexState;
    const sqlite = new Database(':memory:');
    for (const statement of d1IndexStatements(crafted)) sqlite.exec(statement);
    const d1 = await D1LexicalIndex.load(memoryD1(sqlite), { analyzerId: 'test-analyzer' });
    const terms: WeightedTerm[] = [
      { term: 'sjaelden', weight: 1, origin: 'query' },
      { term: 'almindelig', weight: 1, origin: 'query' },
    ];
    const expected = lexical.search(terms, 2);
    // the best chunk lacks the rare term: a pruned answer would have missed it
    expect(expected[0]!.id).not.toBe(chunks[0]!.id);
    expect(expected[0]!.id).not.toBe(chunks[1]!.id);
    const hits = await d1.lexicalSearch(terms, 2);
    expect(hits.map((h) => h.id)).toEqual(expected.map((h) => h.id));
    expect(d1.pruning).toEqual({ exact: 0, missed: 1 });
    // and the best single chunk too
    expect((await d1.lexicalSearch(terms, 1)).map((h) => h.id)).toEqual(lexical.search(terms, 1).map((h) => h.id));
  });

  it('fetches chunks by id once, and a document’s chunks in order', async () => {
    const { state, chunks } = corpus(4, 50);
    const sqlite = new Database(':memory:');
    for (const statement of d1IndexStatements(state)) sqlite.exec(statement);
    const d1 = await D1LexicalIndex.load(memoryD1(sqlite), { analyzerId: 'test-analyzer' });
    const ids = [chunks[5]!.id, chunks[9]!.id, 'nope#x', chunks[5]!.id];
    const got = await d1.chunksById(ids);
    expect([...got.keys()].sort()).toEqual([chunks[5]!.id, chunks[9]!.id].sort());
    expect(got.get(chunks[9]!.id)).toEqual(chunks[9]);
    expect((await d1.chunksOf('doc-2')).map((c) => c.id)).toEqual(
      chunks.filter((c) => c.docId === 'doc-2').map((c) => c.id),
    );
    await expect(D1LexicalIndex.load(memoryD1(sqlite), { analyzerId: 'another' })).rejects.toThrow(
      /analysatoren test-analyzer/,
    );
  });
});
