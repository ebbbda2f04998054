import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { generateCorpus } from '../../../scripts/bench/corpus-generator.js';
import { readCorpusDir } from '../../../src/adapters/node/fs-corpus.js';
import { ParallelPreparer } from '../../../src/adapters/node/parallel-build.js';
import { chunkDocument, loadCorpus } from '../../../src/corpus/index.js';
import { buildIndex, documentsToIndex, type PreparedDocument } from '../../../src/index/build.js';
import { createLocalEmbedder } from '../../../src/index/local-embedder.js';
import { allRows } from '../../../src/index/vector-rows.js';
import { createDanishAnalyzer } from '../../../src/text/index.js';

const dir = mkdtempSync(join(tmpdir(), 'opi-parallel-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('ParallelPreparer', () => {
  it('gives the same index as an inline build, and only prepares changed documents', { timeout: 120_000 }, async () => {
    generateCorpus({ chunks: 120, dir, questions: 1 });
    const { documents } = loadCorpus(await readCorpusDir(dir));
    const analyzer = createDanishAnalyzer();
    const embedder = createLocalEmbedder(analyzer, { dimensions: 64 });
    const chunk = (d: (typeof documents)[number]) => chunkDocument(d);
    const preparer = new ParallelPreparer({ dimensions: 64, embedderId: embedder.id, workers: 2, batch: 3 });
    try {
      const inline = await buildIndex({ documents, chunk, analyzer, embedder });
      const todo = documentsToIndex(documents, undefined, analyzer, embedder);
      expect(todo).toHaveLength(documents.length);
      const prepared = await preparer.prepare(todo);
      expect(prepared.size).toBe(documents.length);
      let chunkCalls = 0;
      const parallel = await buildIndex({
        documents,
        chunk: (d) => {
          chunkCalls++;
          return chunkDocument(d);
        },
        analyzer,
        embedder,
        prepared,
      });
      expect(chunkCalls).toBe(0);
      expect([...parallel.state.chunks]).toEqual([...inline.state.chunks]);
      expect(Array.from(allRows(parallel.state.vectors))).toEqual(Array.from(allRows(inline.state.vectors)));
      expect(parallel.stats.embedded).toBe(inline.stats.embedded);

      // one edited document: only it is left to index
      const edited = documents.map((d, i) => (i === 1 ? { ...d, body: `${d.body}\n\nEn ny sætning.`, hash: 'x' } : d));
      expect(documentsToIndex(edited, inline.state, analyzer, embedder).map((d) => d.docId)).toEqual([
        documents[1]!.docId,
      ]);
    } finally {
      await preparer.close();
    }
  });

  it('hands every document to the sink once, in order, as the batches come back', { timeout: 120_000 }, async () => {
    const { documents } = loadCorpus(await readCorpusDir(dir));
    const embedder = createLocalEmbedder(createDanishAnalyzer(), { dimensions: 64 });
    const preparer = new ParallelPreparer({ dimensions: 64, embedderId: embedder.id, workers: 2, batch: 2 });
    const handed: (readonly [string, PreparedDocument])[] = [];
    const sizes: number[] = [];
    try {
      const prepared = await preparer.prepare(documents, async (batch) => {
        sizes.push(batch.length);
        handed.push(...batch);
        // a slow sink: batches finished meanwhile wait for their turn
        await new Promise((ok) => setTimeout(ok, 5));
      });
      expect(handed.map(([docId]) => docId)).toEqual(documents.map((d) => d.docId));
      for (const [docId, doc] of handed) expect(doc).toBe(prepared.get(docId));
      expect(sizes.reduce((a, b) => a + b)).toBe(documents.length);
      expect(Math.max(...sizes)).toBe(2);
    } finally {
      await preparer.close();
    }
  });

  it('refuses workers whose embedder differs from the index embedder', { timeout: 60_000 }, async () => {
    const preparer = new ParallelPreparer({ dimensions: 64, embedderId: 'another-embedder', workers: 1 });
    const { documents } = loadCorpus(await readCorpusDir(dir));
    try {
      await expect(preparer.prepare(documents.slice(0, 1))).rejects.toThrow(/bruger another-embedder/);
    } finally {
      await preparer.close();
    }
  });
});
