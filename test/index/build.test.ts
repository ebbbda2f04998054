import { describe, expect, it } from 'vitest';
import { INDEX_FORMAT_VERSION } from '../../src/index/artifact.js';
import { buildIndex, corpusHash } from '../../src/index/build.js';
import { createLocalEmbedder } from '../../src/index/local-embedder.js';
import { SearchIndex } from '../../src/index/search-index.js';
import { chunkByHeadings, makeDocument, recordingEmbedder, sampleCorpus } from '../support/index-fixtures.js';
import { createStandInAnalyzer } from './stand-in-analyzer.js';

const analyzer = createStandInAnalyzer();
const local = createLocalEmbedder(analyzer, { dimensions: 64 });
const fixedNow = () => new Date('2025-05-01T12:00:00Z');

async function build(
  documents = sampleCorpus(),
  previous?: Parameters<typeof buildIndex>[0]['previous'],
  maxBatch = 2,
) {
  const embedder = recordingEmbedder(local, maxBatch);
  const result = await buildIndex({ documents, chunk: chunkByHeadings, analyzer, embedder, previous, now: fixedNow });
  return { ...result, embedder };
}

function embeddedTexts(calls: string[][]): string[] {
  return calls.flat();
}

describe('buildIndex from scratch', () => {
  it('chunks, embeds in batches of maxBatch and fills the manifest', async () => {
    const { state, stats, embedder } = await build();
    expect(state.chunks.ids()).toEqual([
      'opi-guide#intro',
      'opi-guide#før-projektet',
      'opi-guide#aftalen',
      'udbud#intro',
      'udbud#markedsdialog',
      'velfaerd-case#intro',
      'velfaerd-case#resultater',
    ]);
    expect(embedder.calls.map((c) => c.length)).toEqual([2, 2, 2, 1]);
    expect(embedder.calls[0]![0]).toBe(
      'Sådan starter I et OPI-samarbejde\nOffentlig-privat innovation handler om at udvikle nye løsninger sammen.',
    );
    expect(stats).toMatchObject({
      added: ['opi-guide', 'udbud', 'velfaerd-case'],
      changed: [],
      removed: [],
      unchanged: 0,
      chunks: 7,
      embedded: 7,
      fullRebuild: true,
      reason: 'intet tidligere indeks',
    });
    expect(state.manifest).toMatchObject({
      formatVersion: INDEX_FORMAT_VERSION,
      analyzerId: 'stand-in-v1',
      embedderId: local.id,
      dimensions: 64,
      builtAt: '2025-05-01T12:00:00.000Z',
      counts: { documents: 3, chunks: 7 },
    });
    expect(state.manifest.corpusHash).toMatch(/^[0-9a-f]{64}$/);
    expect(state.manifest.documents[1]).toEqual({
      docId: 'udbud',
      hash: sampleCorpus()[1]!.hash,
      chunkIds: ['udbud#intro', 'udbud#markedsdialog'],
    });
    expect(state.vectors.rows).toBe(7);
    expect(state.vectors.dimensions).toBe(64);
    expect(state.lexical.size).toBe(7);
  });

  it('stores the embedding of each chunk in its row', async () => {
    const { state } = await build();
    const row = 3;
    const chunk = state.chunks.at(row)!;
    const [expected] = await local.embedDocuments([`${chunk.title}\n${chunk.text}`]);
    const stored = Array.from(state.vectors.read(row, 1));
    stored.forEach((v, i) => {
      expect(v).toBeCloseTo(expected![i]!, 6);
    });
  });

  it('refuses two documents with the same docId', async () => {
    const docs = [makeDocument('dup', 'A', 'tekst'), { ...makeDocument('dup', 'B', 'tekst'), path: 'case/dup.md' }];
    await expect(build(docs)).rejects.toThrow(/"dup" bruges også af guide\/dup.md/);
  });

  it('computes the corpus hash from docIds and hashes, independent of order', async () => {
    const docs = sampleCorpus();
    expect(await corpusHash(docs)).toBe(await corpusHash([...docs].reverse()));
    expect(await corpusHash(docs)).not.toBe(await corpusHash(docs.slice(1)));
  });
});

describe('buildIndex incrementally', () => {
  it('re-embeds only the edited document', async () => {
    const first = await build();
    const docs = sampleCorpus();
    docs[1] = makeDocument(
      'udbud',
      'Udbudsregler ved innovation',
      'Nye regler for konkurrencepræget dialog.',
      'advice',
    );
    const second = await build(docs, first.state);
    expect(second.stats).toMatchObject({
      added: [],
      changed: ['udbud'],
      removed: [],
      unchanged: 2,
      embedded: 1,
      fullRebuild: false,
    });
    expect(second.stats.reason).toBeUndefined();
    expect(embeddedTexts(second.embedder.calls)).toEqual([
      'Udbudsregler ved innovation\nNye regler for konkurrencepræget dialog.',
    ]);
    expect(second.stats.chunkIdsRemoved).toEqual(['udbud#intro', 'udbud#markedsdialog']);
    expect(second.stats.chunkIdsAdded).toEqual(['udbud#intro']);
    // reused vectors are carried over bit for bit
    const row = (id: string, state: typeof first.state) => state.chunks.rowOf(id)!;
    const a = row('velfaerd-case#resultater', first.state);
    const b = row('velfaerd-case#resultater', second.state);
    expect(second.state.vectors.read(b, 1)).toEqual(first.state.vectors.read(a, 1));

    const index = await SearchIndex.create(second.state);
    expect(index.lexicalSearch(analyzer.queryTerms('markedsdialog'), 5)).toEqual([]);
    expect(index.lexicalSearch(analyzer.queryTerms('konkurrencepræget dialog'), 5)[0]?.id).toBe('udbud#intro');
    // the previous state is untouched
    expect(first.state.lexical.search(analyzer.queryTerms('markedsdialog'), 5)[0]?.id).toBe('udbud#markedsdialog');
  });

  it('embeds nothing when nothing changed', async () => {
    const first = await build();
    const second = await build(sampleCorpus(), first.state);
    expect(second.embedder.calls).toEqual([]);
    expect(second.stats).toMatchObject({ unchanged: 3, embedded: 0, chunks: 7 });
    expect(second.state.manifest.corpusHash).toBe(first.state.manifest.corpusHash);
    const terms = analyzer.queryTerms('samarbejde ejerskab');
    expect(second.state.lexical.search(terms, 5)).toEqual(first.state.lexical.search(terms, 5));
  });

  it('adds a new document and embeds only its chunks', async () => {
    const first = await build();
    const docs = [...sampleCorpus(), makeDocument('ny', 'Ny vejledning', 'Om immaterielle rettigheder i OPI.')];
    const second = await build(docs, first.state);
    expect(second.stats).toMatchObject({ added: ['ny'], unchanged: 3, embedded: 1, chunks: 8 });
    const index = await SearchIndex.create(second.state);
    expect(index.lexicalSearch(analyzer.queryTerms('immaterielle rettigheder'), 1)[0]?.id).toBe('ny#intro');
  });

  it('removes a deleted document from lexical and vector results', async () => {
    const first = await build();
    const docs = sampleCorpus().filter((d) => d.docId !== 'velfaerd-case');
    const second = await build(docs, first.state);
    expect(second.stats).toMatchObject({ removed: ['velfaerd-case'], unchanged: 2, embedded: 0, chunks: 5 });
    const index = await SearchIndex.create(second.state);
    expect(index.lexicalSearch(analyzer.queryTerms('robotter ældreplejen'), 10)).toEqual([]);
    const query = await local.embedQuery('Kommunen testede robotter i ældreplejen');
    const hits = await index.vectorSearch(query, 10);
    expect(hits).toHaveLength(5);
    expect(hits.some((h) => h.id.startsWith('velfaerd-case'))).toBe(false);
    expect(index.document('velfaerd-case')).toBeUndefined();
    expect(second.state.manifest.documents.map((d) => d.docId)).toEqual(['opi-guide', 'udbud']);
  });

  it('rebuilds everything when the embedder or analyzer changed, and says why', async () => {
    const first = await build();
    const other = recordingEmbedder(createLocalEmbedder(analyzer, { dimensions: 32 }));
    const { stats, state } = await buildIndex({
      documents: sampleCorpus(),
      chunk: chunkByHeadings,
      analyzer,
      embedder: other,
      previous: first.state,
    });
    expect(stats.fullRebuild).toBe(true);
    expect(stats.reason).toBe(`embedderen er skiftet fra ${local.id} til ${other.id}`);
    expect(stats.embedded).toBe(7);
    expect(stats.added).toEqual(['opi-guide', 'udbud', 'velfaerd-case']);
    expect(state.vectors.rows).toBe(7);
    expect(state.vectors.dimensions).toBe(32);

    const renamed = { ...analyzer, id: 'stand-in-v2' };
    const again = await buildIndex({
      documents: sampleCorpus(),
      chunk: chunkByHeadings,
      analyzer: renamed,
      embedder: local,
      previous: first.state,
    });
    expect(again.stats.reason).toBe('analyzeren er skiftet fra stand-in-v1 til stand-in-v2');
    expect(again.stats.embedded).toBe(7);
  });

  it('reports progress for every phase', async () => {
    const phases = new Set<string>();
    let lastEmbed = 0;
    await buildIndex({
      documents: sampleCorpus(),
      chunk: chunkByHeadings,
      analyzer,
      embedder: local,
      onProgress: (p) => {
        phases.add(p.phase);
        if (p.phase === 'embed') lastEmbed = p.done;
        expect(p.done).toBeLessThanOrEqual(p.total);
      },
    });
    expect([...phases].sort()).toEqual(['chunk', 'embed', 'lexical']);
    expect(lastEmbed).toBe(7);
  });

  it('fails clearly when the embedder returns the wrong number of vectors', async () => {
    const broken = {
      ...local,
      embedDocuments: async (texts: string[]) => texts.slice(1).map(() => new Array(64).fill(0)),
    };
    await expect(
      buildIndex({ documents: sampleCorpus(), chunk: chunkByHeadings, analyzer, embedder: broken }),
    ).rejects.toThrow(/returnerede 6 vektorer for 7 tekster/);
  });
});
