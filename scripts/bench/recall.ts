import { defaultEfSearch, HnswVectorStore } from '../../src/adapters/node/hnsw-vector-store.js';
import type { IndexState } from '../../src/index/artifact.js';
import type { Embedder } from '../../src/index/embedder.js';
import { ExactVectorStore } from '../../src/index/exact-vector-store.js';
import { fillVectorStore } from '../../src/index/fill-vector-store.js';
import { summarize } from './stats.js';

/** Recall and speed of the HNSW store at one search `ef`. */
export interface RecallPoint {
  ef: number;
  recall: number;
  p50Ms: number;
  p99Ms: number;
}

export interface RecallResult {
  k: number;
  queries: number;
  /** Time to build a fresh HNSW graph over the first `hnswBuildVectors` chunk vectors. */
  hnswBuildMs: number;
  hnswBuildVectors: number;
  vectorsPerSec: number;
  /** Exact (brute-force) search latency for comparison. */
  exactP50Ms: number;
  /** Recall@k with the store's default `ef` for the retriever's 40 candidates. */
  defaultEf: number;
  defaultRecall: number;
  curve: RecallPoint[];
}

/**
 * Recall@k of the index's saved hnswlib graph against exact cosine search over
 * the same vectors, for real query embeddings, at several search `ef` values;
 * plus the build rate of a fresh graph over (a sample of) the vectors.
 */
export async function measureRecall(options: {
  state: IndexState;
  embedder: Embedder;
  questions: readonly string[];
  /** The graph the server uses (loaded from the index folder); default a fresh build over every vector. */
  graph?: HnswVectorStore;
  /** Vectors in the timed fresh build; default 5 000 (build rate falls slowly, ~log n, with size). */
  buildSample?: number;
  k?: number;
  efs?: number[];
}): Promise<RecallResult> {
  const { state, embedder } = options;
  const k = options.k ?? 10;
  const dims = state.manifest.dimensions;
  const exact = new ExactVectorStore({ dimensions: dims });
  await fillVectorStore(exact, state);

  const sample = options.graph ? Math.min(state.chunks.length, options.buildSample ?? 5000) : state.chunks.length;
  const fresh = new HnswVectorStore({ dimensions: dims, initialCapacity: Math.max(16, sample) });
  const started = performance.now();
  await fillVectorStore(fresh, state, sample < state.chunks.length ? state.chunks.ids().slice(0, sample) : undefined);
  const hnswBuildMs = performance.now() - started;
  const hnsw = options.graph ?? fresh;

  const vectors: number[][] = [];
  for (const q of new Set(options.questions)) {
    const v = await embedder.embedQuery(q);
    if (v.some((x) => x !== 0)) vectors.push(v);
  }
  const truth: Set<string>[] = [];
  const exactTimes: number[] = [];
  for (const v of vectors) {
    const t = performance.now();
    truth.push(new Set((await exact.query(v, k)).map((h) => h.id)));
    exactTimes.push(performance.now() - t);
  }

  const run = async (ef: number | undefined): Promise<RecallPoint> => {
    hnsw.setEfSearch(ef);
    let found = 0;
    let wanted = 0;
    const times: number[] = [];
    for (let i = 0; i < vectors.length; i++) {
      const t = performance.now();
      const hits = await hnsw.query(vectors[i]!, k);
      times.push(performance.now() - t);
      for (const h of hits) if (truth[i]!.has(h.id)) found++;
      wanted += truth[i]!.size;
    }
    const s = summarize(times);
    return { ef: ef ?? defaultEfSearch(k), recall: wanted ? found / wanted : 1, p50Ms: s.p50, p99Ms: s.p99 };
  };
  const curve: RecallPoint[] = [];
  for (const ef of options.efs ?? [10, 16, 32, 64, 128, 256]) curve.push(await run(ef));
  // the retriever asks for 40 candidates: recall@k of its top k at the default ef for 40
  const defaultEf = defaultEfSearch(40);
  const atDefault = await run(defaultEf);
  return {
    k,
    queries: vectors.length,
    hnswBuildMs,
    hnswBuildVectors: sample,
    vectorsPerSec: sample / (hnswBuildMs / 1000),
    exactP50Ms: summarize(exactTimes).p50,
    defaultEf,
    defaultRecall: atDefault.recall,
    curve,
  };
}
