import { describe, expect, it } from 'vitest';
import { buildIndex } from '../../src/index/build.js';
import { chunkRows } from '../../src/index/chunk-rows.js';
import { createLocalEmbedder } from '../../src/index/local-embedder.js';
import { SearchIndex } from '../../src/index/search-index.js';
import { chunkByHeadings, makeDocument, sampleCorpus } from '../support/index-fixtures.js';
import { createStandInAnalyzer } from './stand-in-analyzer.js';

const analyzer = createStandInAnalyzer();
const embedder = createLocalEmbedder(analyzer, { dimensions: 64 });

describe('chunkRows', () => {
  it('maps each chunk id to its row, once per chunks array', async () => {
    const { state } = await buildIndex({ documents: sampleCorpus(), chunk: chunkByHeadings, analyzer, embedder });
    const rows = chunkRows(state.chunks);
    expect([...rows]).toEqual(state.chunks.map((c, i) => [c.id, i]));
    // the search index over the state and the next build over it use the same map
    await SearchIndex.create(state);
    expect(chunkRows(state.chunks)).toBe(rows);
    expect(chunkRows([...state.chunks])).not.toBe(rows);
  });

  it('an incremental build over a served state gives the index a full build gives', async () => {
    const docs = sampleCorpus();
    const { state: first } = await buildIndex({ documents: docs, chunk: chunkByHeadings, analyzer, embedder });
    const served = await SearchIndex.create(first);
    const edited = docs.map((d, i) =>
      i === 1 ? makeDocument(d.docId, d.meta.title, `${d.body}\n\nEn ny sætning om markedsdialog.`, d.meta.kind) : d,
    );
    const now = () => new Date('2026-12-07T00:00:00Z');
    const { state: next, stats } = await buildIndex({
      documents: edited,
      chunk: chunkByHeadings,
      analyzer,
      embedder,
      previous: served.state,
      now,
    });
    expect(stats.changed).toEqual([docs[1]!.docId]);
    const { state: full } = await buildIndex({ documents: edited, chunk: chunkByHeadings, analyzer, embedder, now });
    expect(next.chunks).toEqual(full.chunks);
    expect(next.manifest).toEqual(full.manifest);
    expect(next.vectors.read(0, next.chunks.length)).toEqual(full.vectors.read(0, full.chunks.length));
    const terms = [{ term: 'markedsdialog', weight: 1 }];
    expect(next.lexical.search(terms, 10)).toEqual(full.lexical.search(terms, 10));
  });
});
