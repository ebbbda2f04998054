import { env } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadAssetTexts } from '../../src/adapters/cloudflare/asset-index.js';
import { D1LexicalIndex } from '../../src/adapters/cloudflare/d1-lexical-index.js';
import type { IndexState } from '../../src/index/artifact.js';
import { createLocalEmbedder } from '../../src/index/local-embedder.js';
import { SearchIndex } from '../../src/index/search-index.js';
import type { LegHit } from '../../src/retrieval/retrieval-index.js';
import { ALL_STAGES, Retriever } from '../../src/retrieval/retriever.js';
import worker from '../../src/runtime/worker.js';
import { createDanishAnalyzer, parseSynonyms } from '../../src/text/index.js';
import { bundledState, emptyD1, fillD1 } from './d1-index-support.js';

/** The Worker with its lexical index in D1 (the real fetch handler of src/runtime/worker.ts). */
const d1Env = { ...env, LEXICAL_INDEX: 'd1', INDEX_MODE: 'bundled' };
const ctx = { waitUntil: () => {}, passThroughOnException: () => {} };
const call = (path: string, init?: RequestInit) =>
  worker.fetch(new Request(`https://helpdesk.test${path}`, init), d1Env, ctx);
const ask = (question: string) =>
  call('/api/ask', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ question }),
  });

/** Questions of every kind: plain, compound, typo, English, long, and one the corpus does not cover. */
const QUESTIONS = [
  'Hvad står forkortelsen OPI for?',
  'Hvem ejer rettighederne til resultaterne i et OPI-projekt?',
  'Hvordan laver man en samarbejdsaftale?',
  'Hvad er et innovationspartnerskab?',
  'markedsdialog før udbud',
  'Hvordan undgår man konkurrenceforvridning, når en virksomhed har været med til at udvikle løsningen?',
  'velfaerdsteknologi i kommunen',
  'markedsdialogg',
  'What is public-private innovation?',
  'Vi er en lille kommune, og vi har talt med en virksomhed om et nyt produkt til hjemmeplejen; hvordan kommer vi i gang med et OPI-projekt, og hvad skal vi være opmærksomme på i forhold til udbudsreglerne?',
  'Hvilke krav stiller GDPR til deling af data med en privat partner?',
  'Hvad er hovedstaden i Frankrig?',
];

/** Hits equal up to the order of (near-)ties: the same scores, and the same ids wherever the scores differ. */
function expectSameHits(d1: LegHit[], memory: LegHit[], question: string): void {
  expect(d1.length, question).toBe(memory.length);
  for (let i = 0; i < memory.length; i++) {
    expect(d1[i]!.score, `${question} #${i}`).toBeCloseTo(memory[i]!.score, 9);
    const tied = memory.filter((h) => Math.abs(h.score - memory[i]!.score) < 1e-9).map((h) => h.id);
    expect(tied, `${question} #${i}`).toContain(d1[i]!.id);
  }
}

describe('the Worker with LEXICAL_INDEX=d1 and nothing in D1', () => {
  beforeAll(async () => {
    await emptyD1(env.DB);
  });

  it('answers every route with a JSON 503 that says how to fill D1, not a crash', async () => {
    for (const res of [await call('/healthz'), await ask('Hvad er OPI?'), await call('/api/search?q=opi')]) {
      expect(res.status).toBe(503);
      expect(res.headers.get('content-type')).toMatch(/application\/json/);
      const body = (await res.json()) as { error: { code: string; message: string } };
      expect(body.error.code).toBe('index_not_ready');
      expect(body.error.message).toMatch(/D1/);
      expect(body.error.message).toContain('--d1');
    }
  });

  it('a fill that stopped half-way (no lex_meta row) is no index either', async () => {
    const state = await bundledState();
    await fillD1(env.DB, state);
    await env.DB.prepare('DELETE FROM lex_meta').run();
    const res = await ask('Hvad er OPI?');
    expect(res.status).toBe(503);
    expect(((await res.json()) as { error: { code: string; message: string } }).error.message).toMatch(/tom|delvist/);
  });
});

describe('the lexical index in local D1 against the in-memory BM25F over the same chunks', () => {
  let state: IndexState;
  let memory: SearchIndex;
  let d1: D1LexicalIndex;
  let fillMs = 0;
  const analyzer = createDanishAnalyzer();
  const embedder = createLocalEmbedder(analyzer, { dimensions: 16 });
  const lexicalOnly = { stages: { ...ALL_STAGES, vector: false } };

  beforeAll(async () => {
    state = await bundledState();
    memory = await SearchIndex.create(state);
    const started = performance.now();
    await fillD1(env.DB, state);
    fillMs = performance.now() - started;
    d1 = await D1LexicalIndex.load(env.DB, { analyzerId: analyzer.id });
  });

  it('holds every chunk, term and document of the artifact', async () => {
    expect(d1.meta.chunks).toBe(state.chunks.length);
    expect(d1.meta.documents).toBe(state.documents.length);
    expect(d1.meta.terms).toBe(state.lexical.vocabularySize);
    expect(d1.stats().chunks).toBe(memory.stats().chunks);
    expect([...d1.vocabulary()]).toEqual([...memory.vocabulary()]);
    for (const term of ['opi', 'innovation', 'udbud', 'ukendtord']) {
      expect(d1.documentFrequency(term), term).toBe(memory.documentFrequency(term));
      expect(d1.idf(term), term).toBeCloseTo(memory.idf(term), 12);
    }
    const some = state.chunks.ids().filter((_, i) => i % 17 === 0);
    const got = await d1.chunksById([...some, 'findes-ikke#nej']);
    expect([...got.keys()].sort()).toEqual([...some].sort());
    for (const id of some) expect(got.get(id)).toEqual(memory.chunkById(id));
    const doc = state.documents[0]!.docId;
    expect(await d1.chunksOf(doc)).toEqual(memory.chunksOf(doc));
    console.log(`D1 fill of ${state.chunks.length} chunks: ${fillMs.toFixed(0)} ms`);
  });

  it('finds the same chunks with the same BM25F scores for the analysed questions', async () => {
    const retriever = new Retriever(memory, analyzer, embedder, lexicalOnly);
    let compared = 0;
    for (const question of QUESTIONS) {
      const terms = retriever.analyze(question).lexicalTerms;
      const expected = memory.lexicalSearch(terms, 40);
      expectSameHits(await d1.lexicalSearch(terms, 40), expected, question);
      compared += expected.length;
    }
    expect(compared).toBeGreaterThan(200);
    expect(await d1.lexicalSearch([], 10)).toEqual([]);
    expect(await d1.lexicalSearch([{ term: 'ukendtord', weight: 1, origin: 'query' }], 10)).toEqual([]);
  });

  it('gives the same passages and the same answerability decisions as the in-memory index', async () => {
    const fromMemory = new Retriever(memory, analyzer, embedder, lexicalOnly);
    const fromD1 = new Retriever(d1, analyzer, embedder, lexicalOnly);
    const answered = [];
    for (const question of QUESTIONS) {
      const [a, b] = [await fromMemory.retrieve(question), await fromD1.retrieve(question)];
      expect(b.query.lexicalTerms, question).toEqual(a.query.lexicalTerms);
      expect(
        b.passages.map((p) => p.chunk.id),
        question,
      ).toEqual(a.passages.map((p) => p.chunk.id));
      b.passages.forEach((p, i) => {
        expect(p.score, question).toBeCloseTo(a.passages[i]!.score, 9);
      });
      expect(b.decision.answerable, question).toBe(a.decision.answerable);
      answered.push(b.decision.answerable);
    }
    // the set is not trivial: some questions are answered and the out-of-corpus one is not
    expect(answered.filter(Boolean).length).toBeGreaterThan(QUESTIONS.length / 3);
    expect(answered.filter((a) => !a).length).toBeGreaterThanOrEqual(2);
    expect(answered.at(-1)).toBe(false);
  });
});

describe('D1 round trips of one question', () => {
  it('are the searches alone: the chunks to rerank and cite come with the search results', async () => {
    const state = await bundledState();
    await fillD1(env.DB, state);
    const statements: string[] = [];
    const counting = {
      prepare: (sql: string) => {
        statements.push(sql);
        return env.DB.prepare(sql);
      },
      batch: (list: D1PreparedStatement[]) => env.DB.batch(list),
    } as unknown as D1Database;
    const analyzer = createDanishAnalyzer();
    const d1 = await D1LexicalIndex.load(counting, { analyzerId: analyzer.id });
    statements.length = 0;
    const retriever = new Retriever(d1, analyzer, createLocalEmbedder(analyzer, { dimensions: 16 }), {
      stages: { ...ALL_STAGES, vector: false },
    });
    const retrieval = await retriever.retrieve('Hvem ejer rettighederne til resultaterne i et OPI-projekt?');
    expect(retrieval.passages.length).toBeGreaterThan(0);
    expect(statements.length).toBeGreaterThanOrEqual(1);
    expect(statements.length).toBeLessThanOrEqual(3);
    expect(statements.every((sql) => sql.includes('lex_postings'))).toBe(true);
  });
});

describe('the Worker answering from the index in D1 (src/runtime/worker.ts, LEXICAL_INDEX=d1)', () => {
  let state: IndexState;

  beforeAll(async () => {
    state = await bundledState();
    await fillD1(env.DB, state);
  });

  it('GET /healthz counts the documents and chunks in D1', async () => {
    const res = await call('/healthz');
    expect(res.status).toBe(200);
    const body = (await res.json()) as { status: string; documents: number; chunks: number; indexBuiltAt: string };
    expect(body).toMatchObject({ status: 'ok', documents: state.documents.length, chunks: state.chunks.length });
    expect(body.indexBuiltAt).toBe(state.manifest.builtAt);
  });

  it('POST /api/ask answers in Danish with [n] markers backed by citations read from D1', async () => {
    const res = await ask('Hvad står forkortelsen OPI for?');
    expect(res.status).toBe(200);
    const body = (await res.json()) as {
      answer: string;
      answered: boolean;
      citations: { id: number; docId: string; text: string; url: string }[];
    };
    expect(body.answered).toBe(true);
    expect(body.answer.toLowerCase()).toContain('offentlig-privat innovation');
    const ids = new Set(body.citations.map((c) => c.id));
    const markers = [...body.answer.matchAll(/\[(\d+)\]/g)].map((m) => Number(m[1]));
    expect(markers.length).toBeGreaterThan(0);
    for (const n of markers) expect(ids.has(n)).toBe(true);
    const texts = new Map([...state.chunks].map((c) => [c.text, c.docId]));
    for (const c of body.citations) expect(texts.get(c.text)).toBe(c.docId);
  });

  it('refuses what the corpus does not cover; GET /api/search returns what the in-memory index returns', async () => {
    const refused = (await (await ask('Hvad er hovedstaden i Frankrig?')).json()) as { answered: boolean };
    expect(refused.answered).toBe(false);
    // the Worker's analyzer: with the corpus's synonyms
    const { synonyms } = await loadAssetTexts(env.ASSETS);
    const analyzer = createDanishAnalyzer({ synonyms: parseSynonyms(synonyms ?? '', 'synonyms.yaml') });
    expect(synonyms).toBeDefined();
    const memory = new Retriever(await SearchIndex.create(state), analyzer, createLocalEmbedder(analyzer), {
      stages: { ...ALL_STAGES, vector: false },
    });
    for (const q of ['markedsdialog før udbud', 'Hvad er et innovationspartnerskab?', 'velfaerdsteknologi']) {
      const res = await call(`/api/search?q=${encodeURIComponent(q)}&k=5`);
      expect(res.status).toBe(200);
      const { results } = (await res.json()) as { results: { chunkId: string }[] };
      const expected = (await memory.retrieve(q, { k: 5 })).passages.map((p) => p.chunk.id);
      expect(expected.length, q).toBeGreaterThan(0);
      expect(
        results.map((r) => r.chunkId),
        q,
      ).toEqual(expected);
    }
  });

  it('lists the documents and renders one with its sections read from D1', async () => {
    const list = (await (await call('/api/documents')).json()) as { documents: { docId: string; chunks: number }[] };
    expect(list.documents).toHaveLength(state.documents.length);
    const first = list.documents[0]!;
    const expected = [...state.chunks].filter((c) => c.docId === first.docId);
    expect(first.chunks).toBe(expected.length);
    const res = await call(`/api/documents/${encodeURIComponent(first.docId)}`);
    expect(res.status).toBe(200);
    const doc = (await res.json()) as { sections: { chunkId: string; text: string }[] };
    expect(doc.sections.map((s) => s.chunkId)).toEqual(expected.map((c) => c.id));
    expect((await call('/api/documents/findes-ikke')).status).toBe(404);
  });

  it('a D1 filled again under a running isolate: one JSON 503, then answers from the new fill', async () => {
    const rebuilt = { ...state, manifest: { ...state.manifest, builtAt: '2030-01-01T00:00:00.000Z' } };
    await fillD1(env.DB, rebuilt);
    const first = await ask('Hvad står forkortelsen OPI for?');
    expect(first.status).toBe(503);
    expect(((await first.json()) as { error: { code: string; message: string } }).error).toMatchObject({
      code: 'index_not_ready',
      message: expect.stringMatching(/fyldt igen/),
    });
    expect((await ask('Hvad står forkortelsen OPI for?')).status).toBe(200);
    const health = (await (await call('/healthz')).json()) as { indexBuiltAt: string };
    expect(health.indexBuiltAt).toBe('2030-01-01T00:00:00.000Z');
  });

  it('tables dropped under a running isolate: a JSON 503 that says how to fill D1, never a crash', async () => {
    await env.DB.prepare('DROP TABLE lex_postings').run();
    const res = await ask('Hvad er et innovationspartnerskab?');
    expect(res.status).toBe(503);
    expect(res.headers.get('content-type')).toMatch(/application\/json/);
    const body = (await res.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('index_not_ready');
    expect(body.error.message).toContain('--d1');
    await fillD1(env.DB, state);
    expect((await ask('Hvad er et innovationspartnerskab?')).status).toBe(200);
  });
});
