/**
 * `npm run bench:vectors` — the compact graph search (links read out of hnswlib's file, int8 vectors,
 * re-ranked with the float32 rows of index.bin) against hnswlib's own search over the same saved
 * graph, and both against exact search: equal top-k, recall@10 and time per query.
 *
 *   npm run bench:vectors                        our corpus (corpus/) and test/eval/questions.yaml
 *   npm run bench:vectors -- --size 10k          the generated corpus of the benchmark (/tmp/opi-bench/10k)
 *
 * The index is built (or loaded) in a data folder beside the corpus and kept for the next run.
 */
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { HnswVectorStore } from '../src/adapters/node/hnsw-vector-store.js';
import { loadConfig } from '../src/config.js';
import { ExactVectorStore } from '../src/index/exact-vector-store.js';
import { fillVectorStore } from '../src/index/fill-vector-store.js';
import { silentLogger } from '../src/logger.js';
import { createNodeHelpdesk } from '../src/runtime/node-helpdesk.js';
import { ensureCorpus, parseSize } from './bench/corpus-generator.js';
import { summarize } from './bench/stats.js';
import { parseFlags } from './gen-corpus.js';
import { readEvalQuestions } from './lib/eval-questions.js';

async function main(argv: string[]): Promise<void> {
  const flags = parseFlags(argv);
  let corpusDir: string;
  let dataDir: string;
  let questions: string[];
  if (flags.size) {
    const workDir = `/tmp/opi-bench/${flags.size}`;
    corpusDir = join(workDir, 'corpus');
    dataDir = join(workDir, 'vectors-data');
    questions = ensureCorpus({ chunks: parseSize(flags.size), dir: corpusDir, questions: 300 }).manifest.questions;
  } else {
    corpusDir = resolve('corpus');
    dataDir = '/tmp/opi-vectors-own';
    questions = (await readEvalQuestions(resolve('test/eval/questions.yaml'))).map((q) => q.question);
  }
  mkdirSync(dataDir, { recursive: true });
  const config = loadConfig({ CORPUS_DIR: corpusDir, DATA_DIR: dataDir, LOG_LEVEL: 'error', WATCH_CORPUS: 'false' });
  const { manager } = await createNodeHelpdesk({ config, logger: silentLogger });
  await manager.open();
  const live = manager.searchIndex();
  if (!live) throw new Error('indekset blev ikke indlæst');
  const { state } = live;
  const dims = state.manifest.dimensions;
  const indexDir = join(dataDir, 'index');
  const native = await HnswVectorStore.load(indexDir, { dimensions: dims, compact: false });
  const compact = await HnswVectorStore.load(indexDir, { dimensions: dims, compact: true });
  compact.attachRows(state.vectors, state.chunks.ids());
  const exact = new ExactVectorStore({ dimensions: dims });
  await fillVectorStore(exact, state);

  const vectors: number[][] = [];
  for (const q of new Set(questions)) {
    const v = await manager.embedder.embedQuery(q);
    if (v.some((x) => x !== 0)) vectors.push(v);
  }
  const out: Record<string, unknown> = {
    corpus: corpusDir,
    chunks: state.chunks.length,
    queries: vectors.length,
    compactBytes: compact.compactBytes,
  };
  for (const k of [8, 10, 40]) {
    let sameList = 0;
    let sameSet = 0;
    let found = { native: 0, compact: 0 };
    const times = { native: [] as number[], compact: [] as number[] };
    for (let round = 0; round < 2; round++) {
      sameList = 0;
      sameSet = 0;
      found = { native: 0, compact: 0 };
      times.native.length = 0;
      times.compact.length = 0;
      for (const v of vectors) {
        let t = performance.now();
        const a = (await native.query(v, k)).map((h) => h.id);
        times.native.push(performance.now() - t);
        t = performance.now();
        const b = (await compact.query(v, k)).map((h) => h.id);
        times.compact.push(performance.now() - t);
        if (a.join('\n') === b.join('\n')) sameList++;
        const setA = new Set(a);
        if (a.length === b.length && b.every((id) => setA.has(id))) sameSet++;
        const truth = new Set((await exact.query(v, k)).map((h) => h.id));
        found.native += a.filter((id) => truth.has(id)).length;
        found.compact += b.filter((id) => truth.has(id)).length;
      }
    }
    const n = vectors.length;
    out[`k${k}`] = {
      sameOrder: sameList / n,
      sameSet: sameSet / n,
      recallNative: found.native / (n * k),
      recallCompact: found.compact / (n * k),
      nativeMs: summarize(times.native),
      compactMs: summarize(times.compact),
    };
  }
  console.log(JSON.stringify(out, null, 2));
}

main(process.argv.slice(2)).catch((err) => {
  console.error(err);
  process.exit(1);
});
