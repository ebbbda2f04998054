import { describe, expect, it } from 'vitest';
import { buildIndex } from '../../src/index/build.js';
import { ExactVectorStore } from '../../src/index/exact-vector-store.js';
import { fillVectorStore, syncVectorStore } from '../../src/index/fill-vector-store.js';
import { createLocalEmbedder } from '../../src/index/local-embedder.js';
import { SearchIndex } from '../../src/index/search-index.js';
import { chunkByHeadings, makeDocument, sampleCorpus } from '../support/index-fixtures.js';
import { createStandInAnalyzer } from './stand-in-analyzer.js';

const analyzer = createStandInAnalyzer();
const embedder = createLocalEmbedder(analyzer, { dimensions: 128 });

async function sampleIndex() {
  const { state } = await buildIndex({ documents: sampleCorpus(), chunk: chunkByHeadings, analyzer, embedder });
  return SearchIndex.create(state);
}

describe('SearchIndex', () => {
  it('looks up chunks, documents and their chunks', async () => {
    const index = await sampleIndex();
    expect(index.chunks).toHaveLength(7);
    expect(index.chunkById('udbud#markedsdialog')?.section).toBe('Markedsdialog');
    expect(index.chunkById('nope')).toBeUndefined();
    expect(index.document('velfaerd-case')?.meta.title).toBe('Velfærdsteknologi i kommunen');
    expect(index.chunksOf('opi-guide').map((c) => c.anchor)).toEqual(['intro', 'før-projektet', 'aftalen']);
    expect(index.chunksOf('nope')).toEqual([]);
    expect(index.documents.map((d) => d.docId)).toEqual(['opi-guide', 'udbud', 'velfaerd-case']);
  });

  it('searches lexically and by vector', async () => {
    const index = await sampleIndex();
    expect(index.lexicalSearch(analyzer.queryTerms('samarbejdsaftale ejerskab'), 3)[0]?.id).toBe('opi-guide#aftalen');
    const hits = await index.vectorSearch(await embedder.embedQuery('robotter i ældreplejen'), 3);
    expect(hits[0]?.id).toBe('velfaerd-case#intro');
    expect(index.idf('kommun')).toBeGreaterThan(0);
    // the intro of opi-guide, and both udbud chunks through their title
    expect(index.documentFrequency('innovation')).toBe(3);
    expect([...index.vocabulary()]).toContain('markedsdialog');
  });

  it('finds a misspelt query through the vector leg when BM25 finds nothing', async () => {
    const index = await sampleIndex();
    expect(index.lexicalSearch(analyzer.queryTerms('markedsdialogg'), 3)).toEqual([]);
    const hits = await index.vectorSearch(await embedder.embedQuery('markedsdialogg'), 3);
    expect(hits[0]?.id).toBe('udbud#markedsdialog');
  });

  it('returns each chunk vector and reports stats', async () => {
    const index = await sampleIndex();
    const v = index.vectorOf('udbud#intro');
    expect(v).toHaveLength(128);
    expect((await index.vectorSearch(v!, 1))[0]?.id).toBe('udbud#intro');
    expect(index.vectorOf('nope')).toBeUndefined();
    expect(index.stats()).toMatchObject({
      documents: 3,
      chunks: 7,
      analyzerId: 'stand-in-v1',
      embedderId: embedder.id,
      dimensions: 128,
    });
    expect(index.stats().terms).toBe(index.state.lexical.vocabularySize);
  });
});

describe('filling and syncing a vector store', () => {
  it('fills a store in batches and syncs it with an incremental build', async () => {
    const first = await buildIndex({ documents: sampleCorpus(), chunk: chunkByHeadings, analyzer, embedder });
    const store = new ExactVectorStore({ dimensions: 128, maxBatch: 2 });
    await fillVectorStore(store, first.state);
    expect(await store.size()).toBe(7);

    const docs = sampleCorpus().filter((d) => d.docId !== 'udbud');
    docs.push(makeDocument('ny', 'Ny', 'Helt ny tekst om licenser.\n## Mere\nOg mere.'));
    const second = await buildIndex({
      documents: docs,
      chunk: chunkByHeadings,
      analyzer,
      embedder,
      previous: first.state,
    });
    await syncVectorStore(store, second.state, second.stats);
    expect(await store.size()).toBe(second.state.chunks.length);
    const hits = await store.query(await embedder.embedQuery('licenser'), 10);
    expect(hits.map((h) => h.id).sort()).toEqual(second.state.chunks.ids().sort());
    expect(hits[0]?.id).toBe('ny#intro');
  });
});
