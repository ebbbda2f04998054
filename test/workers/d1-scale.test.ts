import { env } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import { D1LexicalIndex } from '../../src/adapters/cloudflare/d1-lexical-index.js';
import type { Chunk } from '../../src/corpus/types.js';
import type { IndexedDocument, IndexState } from '../../src/index/artifact.js';
import { lexicalFields } from '../../src/index/build.js';
import { ChunkTable } from '../../src/index/chunk-table.js';
import { LexicalIndex } from '../../src/index/lexical-index.js';
import { MemoryRows } from '../../src/index/vector-rows.js';
import worker from '../../src/runtime/worker.js';
import { createDanishAnalyzer } from '../../src/text/index.js';
import { bundledState, fillD1 } from './d1-index-support.js';
import { seededRandom as random } from '../support/random.js';

/**
 * The D1 index with many generated sections, in workerd: `D1_SCALE_SECTIONS` (vitest.workers.config.ts
 * passes it from the environment; default 4000 so the suite stays quick). The 100k run is
 * `npm run bench:d1 -- --size 100k` (docs/BENCHMARKS.md).
 */
const SECTIONS = Number((env as unknown as Record<string, string>).D1_SCALE_SECTIONS || 4000);
const CHUNKS_PER_DOCUMENT = 8;
const PLANTED =
  'Lynghøj Kommune købte i 2025 tolv selvkørende skraldevogne gennem et innovationspartnerskab med Vognmand Flink.';

/**
 * `SECTIONS` Danish sections made of the corpus's own words (drawn at random, so the vocabulary and
 * the document frequencies look like a real corpus's), in documents of 8, one of them with `PLANTED`.
 */
function generate(base: IndexState): IndexState {
  const words = [...base.chunks].flatMap((c) => c.text.split(/\s+/)).filter((w) => /^[\p{L}-]{3,}$/u.test(w));
  const next = random(42);
  const pick = (n: number) => Array.from({ length: n }, () => words[Math.floor(next() * words.length)]!).join(' ');
  const template = base.documents[0]!;
  const analyzer = createDanishAnalyzer();
  const lexical = new LexicalIndex();
  const chunks: Chunk[] = [];
  const documents: IndexedDocument[] = [];
  for (let i = 0; i < SECTIONS; i++) {
    const d = Math.floor(i / CHUNKS_PER_DOCUMENT);
    const docId = `genereret-${d}`;
    const title = `Dokument ${d}: ${pick(3)}`;
    if (i % CHUNKS_PER_DOCUMENT === 0) {
      documents.push({
        ...template,
        docId,
        path: `guide/${docId}.md`,
        hash: `h${d}`,
        meta: { ...template.meta, title },
      });
    }
    const section = pick(2);
    const text = i === Math.floor(SECTIONS / 2) ? `${pick(20)} ${PLANTED} ${pick(10)}` : `${pick(40 + (i % 50))}.`;
    const chunk: Chunk = {
      id: `${docId}#afsnit-${i}`,
      docId,
      anchor: `afsnit-${i}`,
      ordinal: i % CHUNKS_PER_DOCUMENT,
      title,
      kind: 'guide',
      sectionPath: [section],
      section,
      text,
      line: 1,
    };
    chunks.push(chunk);
    lexical.add(lexicalFields(analyzer, chunk));
  }
  const manifest = {
    ...base.manifest,
    corpusHash: `genereret-${SECTIONS}`,
    documents: [],
    counts: { documents: documents.length, chunks: chunks.length, terms: lexical.vocabularySize },
  };
  return {
    manifest,
    documents,
    chunks: ChunkTable.from(chunks),
    lexical,
    vectors: new MemoryRows(new Float32Array(0), manifest.dimensions),
  };
}

describe(`the Worker with ${SECTIONS} generated sections in local D1`, () => {
  let state: IndexState;
  let fillMs = 0;

  beforeAll(async () => {
    const started = performance.now();
    state = generate(await bundledState());
    const generatedMs = performance.now() - started;
    const filling = performance.now();
    await fillD1(env.DB, state, 50);
    fillMs = performance.now() - filling;
    console.log(
      `${SECTIONS} sections: generated and analysed in ${generatedMs.toFixed(0)} ms, D1 filled in ${fillMs.toFixed(0)} ms`,
    );
  }, 600_000);

  it('searches them as the in-memory BM25F does, reading only the query terms’ postings', async () => {
    const analyzer = createDanishAnalyzer();
    const d1 = await D1LexicalIndex.load(env.DB, { analyzerId: analyzer.id });
    expect(d1.stats().chunks).toBe(SECTIONS);
    for (const question of [
      'selvkørende skraldevogne',
      'innovationspartnerskab kommune',
      'offentlige virksomheder og samarbejde',
    ]) {
      const terms = analyzer.queryTerms(question);
      const started = performance.now();
      const hits = await d1.lexicalSearch(terms, 40);
      const ms = performance.now() - started;
      const expected = state.lexical.search(terms, 40);
      expect(hits.length, question).toBe(expected.length);
      expect(hits.length, question).toBeGreaterThan(0);
      hits.forEach((h, i) => {
        expect(h.score, question).toBeCloseTo(expected[i]!.score, 9);
        const tied = expected.filter((e) => Math.abs(e.score - h.score) < 1e-9).map((e) => e.id);
        expect(tied, question).toContain(h.id);
      });
      console.log(`D1 search over ${SECTIONS} sections, "${question}": ${ms.toFixed(1)} ms`);
    }
  });

  it('answers through the Worker from D1, citing the one section that holds the answer', async () => {
    const d1Env = { ...env, LEXICAL_INDEX: 'd1', INDEX_MODE: 'bundled' };
    const ctx = { waitUntil: () => {}, passThroughOnException: () => {} };
    const ask = () =>
      worker.fetch(
        new Request('https://helpdesk.test/api/ask', {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({ question: 'Hvor mange selvkørende skraldevogne købte Lynghøj Kommune?' }),
        }),
        d1Env,
        ctx,
      );
    let started = performance.now();
    const res = await ask();
    const coldMs = performance.now() - started;
    expect(res.status).toBe(200);
    const body = (await res.json()) as {
      answered: boolean;
      answer: string;
      citations: { docId: string; text: string }[];
    };
    expect(body.answered).toBe(true);
    expect(body.answer).toMatch(/tolv/);
    const planted = state.chunks.at(Math.floor(SECTIONS / 2))!;
    expect(body.citations[0]?.docId).toBe(planted.docId);
    expect(body.citations[0]?.text).toContain('Lynghøj');
    const warm: number[] = [];
    for (let i = 0; i < 5; i++) {
      started = performance.now();
      expect((await ask()).status).toBe(200);
      warm.push(performance.now() - started);
    }
    const warmMs = warm.sort((x, y) => x - y)[2]!;
    console.log(
      `/api/ask over ${SECTIONS} sections in D1: first ${coldMs.toFixed(0)} ms (loads the vocabulary), then ${warmMs.toFixed(0)} ms (median of 5)`,
    );
  });
});
