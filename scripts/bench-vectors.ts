/**
 * `npm run bench:vectors` — the compact graph search (links read out of hnswlib's file, int8 vectors,
 * re-ranked with the float32 rows of index.bin) against hnswlib's own search over the same saved
 * graph, and both against exact search: equal top-k, recall@10 and time per query.
 *
 *   npm run bench:vectors                        our corpus (corpus/) and test/eval/questions.yaml
 *   npm run bench:vectors -- --size 10k          the generated corpus of the benchmark (/tmp/opi-bench/10k)
 *   npm run bench:vectors -- --size 10k --ef-construction 100,64 [--m 16,12]
 *                                                instead: build a fresh graph over the index's vectors for each
 *                                                setting (CPU seconds and wall time of the build) and measure its
 *                                                recall@10 as the server searches it (saved, compact form)
 *   --work-dir <dir>                             where generated corpora and their data go (default /tmp/opi-bench)
 *
 * The index is built (or loaded) in a data folder beside the corpus and kept for the next run.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { defaultEfSearch, HnswVectorStore } from '../src/adapters/node/hnsw-vector-store.js';
import type { IndexState } from '../src/index/artifact.js';
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
    const workDir = join(resolve(flags['work-dir'] ?? '/tmp/opi-bench'), flags.size);
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
  if (flags['ef-construction'] || flags.m) {
    const list = (value: string | undefined) => (value ? value.split(',').map(Number) : [undefined]);
    const settings = list(flags.m).flatMap((m) =>
      list(flags['ef-construction']).map((efConstruction) => ({ m, efConstruction })),
    );
    const queries: number[][] = [];
    for (const q of new Set(questions)) {
      const v = await manager.embedder.embedQuery(q);
      if (v.some((x) => x !== 0)) queries.push(v);
    }
    const exact = new ExactVectorStore({ dimensions: dims });
    await fillVectorStore(exact, state);
    const truth: Set<string>[] = [];
    for (const v of queries) truth.push(new Set((await exact.query(v, 10)).map((h) => h.id)));
    const savedSha256 = (JSON.parse(readFileSync(join(indexDir, 'vectors.json'), 'utf8')) as { graphSha256: string })
      .graphSha256;
    for (const setting of settings) {
      console.log(
        JSON.stringify({
          chunks: state.chunks.length,
          queries: queries.length,
          ...(await graphBuild(state, setting, queries, truth, savedSha256, dataDir)),
        }),
      );
    }
    return;
  }
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

/** CPU seconds (user + system) of the calling thread so far, from /proc (Linux). */
function threadCpuSeconds(): number {
  const fields = readFileSync('/proc/thread-self/stat', 'utf8').split(') ')[1]!.split(' ');
  // fields 14 and 15 of stat (utime, stime), counted from the state field (3): clock ticks of 1/100 s
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

/**
 * Build a fresh graph over every vector of `state` with these settings (in row order, as a full
 * build adds them), save it, load it in its compact form as the server does, and measure recall@10
 * against exact search: at the benchmark's ef (`defaultEfSearch(40)`, as `npm run bench`) and as the
 * retriever asks (40 candidates at the store's default ef, top 10 of them).
 */
async function graphBuild(
  state: IndexState,
  setting: { m: number | undefined; efConstruction: number | undefined },
  queries: number[][],
  truth: Set<string>[],
  savedSha256: string,
  dataDir: string,
) {
  const dims = state.manifest.dimensions;
  const fresh = new HnswVectorStore({
    dimensions: dims,
    initialCapacity: Math.max(1024, state.chunks.length),
    ...(setting.m === undefined ? {} : { m: setting.m }),
    ...(setting.efConstruction === undefined ? {} : { efConstruction: setting.efConstruction }),
  });
  global.gc?.();
  const cpu = process.cpuUsage();
  const thread = threadCpuSeconds();
  const started = performance.now();
  await fillVectorStore(fresh, state);
  const wallS = (performance.now() - started) / 1000;
  const threadCpuS = threadCpuSeconds() - thread;
  const used = process.cpuUsage(cpu);
  const dir = await mkdtemp(join(dataDir, 'graph-'));
  try {
    await fresh.save(dir);
    const sidecar = JSON.parse(readFileSync(join(dir, 'vectors.json'), 'utf8')) as {
      graphSha256: string;
      graphBytes: number;
    };
    const compact = await HnswVectorStore.load(dir, { dimensions: dims, compact: true });
    compact.attachRows(state.vectors, state.chunks.ids());
    const recall = async (store: HnswVectorStore, ef: number | undefined, k: number): Promise<number> => {
      store.setEfSearch(ef);
      let found = 0;
      let wanted = 0;
      for (let i = 0; i < queries.length; i++) {
        const top = (await store.query(queries[i]!, k)).slice(0, 10);
        found += top.filter((h) => truth[i]!.has(h.id)).length;
        wanted += truth[i]!.size;
      }
      return found / wanted;
    };
    return {
      m: fresh.m,
      efConstruction: fresh.efConstruction,
      buildWallS: Number(wallS.toFixed(2)),
      buildProcessCpuS: Number(((used.user + used.system) / 1e6).toFixed(2)),
      buildThreadCpuS: Number(threadCpuS.toFixed(2)),
      graphBytes: sidecar.graphBytes,
      sameGraphAsIndex: sidecar.graphSha256 === savedSha256,
      recallAtBenchEf: Number((await recall(compact, defaultEfSearch(40), 10)).toFixed(4)),
      recallAsRetriever: Number((await recall(compact, undefined, 40)).toFixed(4)),
      recallNativeAtBenchEf: Number((await recall(fresh, defaultEfSearch(40), 10)).toFixed(4)),
      load: readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' '),
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

main(process.argv.slice(2)).catch((err) => {
  console.error(err);
  process.exit(1);
});
