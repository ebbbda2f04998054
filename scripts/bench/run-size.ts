import { readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { HnswVectorStore } from '../../src/adapters/node/hnsw-vector-store.js';
import { createConsoleLogger } from '../../src/adapters/node/logger.js';
import { loadConfig } from '../../src/config.js';
import { chunksOf } from '../lib/baselines.js';
import { createNodeHelpdesk } from '../../src/runtime/node-helpdesk.js';
import { ensureCorpus, parseSize } from './corpus-generator.js';
import { type LoadResult, runLoadInChild } from './load.js';
import { measurePeers, type PeerResult } from './peers.js';
import { measureRecall, type RecallResult } from './recall.js';
import { startChildServer } from './server.js';
import { type LatencySummary, timeEach, timed } from './stats.js';

/** Every number measured for one corpus size. */
export interface SizeResult {
  size: string;
  date: string;
  /** 1-minute load average at the start and end of the run (other work on the machine skews timings). */
  loadAverage: [number, number];
  documents: number;
  chunks: number;
  markdownBytes: number;
  corpusGeneratedMs: number;
  ingest: {
    fullBuildMs: number;
    markdownMBps: number;
    chunksPerSec: number;
    /** Two edits of one document (change, then revert): ms from the start of the re-index until the new snapshot answers. */
    incrementalMs: number[];
    /** The same two re-indexes until `reindex()` resolved, i.e. with the index files saved. */
    incrementalSavedMs?: number[];
  };
  indexBytes: number;
  memory: { rssAfterLoadMB: number; peakRssMB: number; rssAfterLoadTestMB: number };
  coldStartMs: number;
  inProcess: { questions: number; search: LatencySummary; ask: LatencySummary };
  /** `healthz` (no work behind it) is the same server's ceiling in the same run; absent in runs before it was measured. */
  http: { search: LoadResult; ask: LoadResult; healthz?: LoadResult } | undefined;
  vector: RecallResult;
  /** Orama and MiniSearch over the same chunks and questions, in the same run (`--peers`). */
  peers?: PeerResult[];
  /** `GET /widget.js` from the server, bytes on the wire per `Accept-Encoding`. */
  widget?: WidgetBytes;
}

/** Bytes of `/widget.js` as sent: plain, gzip and brotli (0 when the server did not serve it). */
export interface WidgetBytes {
  identity: number;
  gzip: number;
  br: number;
}

export interface RunSizeOptions {
  size: string;
  /** Folder holding `corpus/` and `data/` of this size; default `/tmp/opi-bench/<size>`. */
  workDir?: string;
  /** Seconds of each HTTP load run; 0 skips the load test. Default 10. */
  loadSeconds?: number;
  connections?: number;
  /** Seconds of unrecorded load before each HTTP run; default 3. */
  warmupSeconds?: number;
  /** Questions used for latency; default 300. */
  questions?: number;
  /** Repository root; default the current folder. */
  root?: string;
  /** Also measure Orama and MiniSearch over the same chunks (each in its own process). */
  peers?: boolean;
  log?: (line: string) => void;
}

function dirBytes(dir: string): number {
  let total = 0;
  for (const name of readdirSync(dir)) {
    const st = statSync(join(dir, name));
    total += st.isDirectory() ? dirBytes(join(dir, name)) : st.size;
  }
  return total;
}

const MB = 1024 * 1024;

/** Generate (or reuse) the corpus of one size and measure everything on it. */
export async function runSize(options: RunSizeOptions): Promise<SizeResult> {
  const log = options.log ?? ((line: string) => console.log(line));
  const workDir = options.workDir ?? `/tmp/opi-bench/${options.size}`;
  const corpusDir = join(workDir, 'corpus');
  const dataDir = join(workDir, 'data');
  const chunksWanted = parseSize(options.size);
  const loadAtStart = loadavg()[0]!;

  log(`[${options.size}] korpus …`);
  const { manifest, generatedMs } = ensureCorpus({
    chunks: chunksWanted,
    dir: corpusDir,
    questions: options.questions ?? 300,
  });
  const questions = manifest.questions;
  rmSync(dataDir, { recursive: true, force: true });

  // 1–4 in this process; what they held (the whole index) is released before the server starts
  const inProcess = await measureInProcess(options.size, corpusDir, dataDir, manifest, log, options.peers ?? false);
  (globalThis as { gc?: () => void }).gc?.();
  const { full, chunks, incrementalMs, incrementalSavedMs, search, ask, indexBytes, vector } = inProcess;
  let peers: PeerResult[] | undefined;
  if (inProcess.peerChunks) {
    log(`[${options.size}] Orama og MiniSearch over de samme ${inProcess.peerChunks.length} tekststykker …`);
    peers = await measurePeers(inProcess.peerChunks, questions, workDir, options.root ?? process.cwd());
  }

  // 5. a fresh server process: cold start from the built index, memory, HTTP load
  log(`[${options.size}] koldstart og HTTP-belastning …`);
  const server = await startChildServer({
    corpusDir,
    dataDir,
    env: { RATE_LIMIT_PER_MINUTE: '0' },
    ...(options.root ? { root: options.root } : {}),
  });
  let http: SizeResult['http'];
  let rssAfterLoadTestMB = Number.NaN;
  let peakRssMB = Number.NaN;
  const rssAfterLoadMB = server.rss() / MB;
  let widget: WidgetBytes | undefined;
  try {
    widget = await widgetBytes(server.url);
    const seconds = options.loadSeconds ?? 10;
    if (seconds > 0) {
      const connections = options.connections ?? 32;
      const root = options.root ?? process.cwd();
      const base = { url: server.url, questions, connections, seconds, warmupSeconds: options.warmupSeconds ?? 3 };
      http = {
        search: await runLoadInChild({ ...base, route: 'search' }, root),
        ask: await runLoadInChild({ ...base, route: 'ask' }, root),
        healthz: await runLoadInChild({ ...base, route: 'healthz' }, root),
      };
    }
    rssAfterLoadTestMB = server.rss() / MB;
    peakRssMB = server.peakRss() / MB;
  } finally {
    await server.stop();
  }

  return {
    size: options.size,
    date: new Date().toISOString(),
    loadAverage: [loadAtStart, loadavg()[0]!],
    documents: full.value.documents,
    chunks,
    markdownBytes: manifest.bytes,
    corpusGeneratedMs: generatedMs,
    ingest: {
      fullBuildMs: full.ms,
      markdownMBps: manifest.bytes / 1e6 / (full.ms / 1000),
      chunksPerSec: chunks / (full.ms / 1000),
      incrementalMs,
      incrementalSavedMs,
    },
    indexBytes,
    memory: { rssAfterLoadMB, peakRssMB, rssAfterLoadTestMB },
    coldStartMs: server.coldStartMs,
    inProcess: { questions: questions.length, search, ask },
    http,
    vector,
    ...(peers ? { peers } : {}),
    ...(widget ? { widget } : {}),
  };
}

/** Bytes of `GET /widget.js` on the wire for each coding, read raw (fetch would decode them). */
async function widgetBytes(url: string): Promise<WidgetBytes> {
  const size = (encoding: string) =>
    new Promise<number>((ok, fail) => {
      const req = request(`${url}/widget.js`, { headers: { 'Accept-Encoding': encoding } }, (res) => {
        let bytes = 0;
        res.on('data', (d: Buffer) => {
          bytes += d.length;
        });
        res.on('end', () => ok(res.statusCode === 200 ? bytes : 0));
        res.on('error', fail);
      });
      req.on('error', fail);
      req.end();
    });
  return { identity: await size('identity'), gzip: await size('gzip'), br: await size('br') };
}

/** Steps 1–4: full build, incremental edits, in-process latency and vector recall, in this process. */
async function measureInProcess(
  size: string,
  corpusDir: string,
  dataDir: string,
  manifest: { documents: number; samplePaths: string[]; questions: string[] },
  log: (line: string) => void,
  peers: boolean,
) {
  const questions = manifest.questions;
  // 1. full build, in this process, exactly as the server does it
  log(`[${size}] fuld indeksering af ${manifest.documents} dokumenter …`);
  const config = loadConfig({ CORPUS_DIR: corpusDir, DATA_DIR: dataDir, LOG_LEVEL: 'error', WATCH_CORPUS: 'false' });
  const logger = createConsoleLogger('error');
  const { helpdesk, manager } = await createNodeHelpdesk({ config, logger });
  const full = await timed(() => manager.open());
  const chunks = full.value.chunks;
  if (full.value.issues.length > 0) log(`  advarsel: ${full.value.issues.length} dokumenter med fejl`);

  // 2. incremental: edit one document, re-index until the new snapshot is live
  const editPath = join(corpusDir, manifest.samplePaths[0]!);
  const original = readFileSync(editPath, 'utf8');
  const incrementalMs: number[] = [];
  const incrementalSavedMs: number[] = [];
  for (const content of [`${original}\nEn ny sætning om samarbejdsaftaler, tilføjet af benchmarken.\n`, original]) {
    writeFileSync(editPath, content);
    const r = await timed(() => manager.reindex());
    if (r.value.changed.length !== 1) throw new Error(`forventede ét ændret dokument, fik ${r.value.changed.length}`);
    incrementalMs.push(r.value.liveMs);
    incrementalSavedMs.push(r.ms);
  }

  // 3. in-process latency
  log(`[${size}] latens i processen (${questions.length} spørgsmål) …`);
  const search = await timeEach(questions, (q) => helpdesk.search(q, 8));
  const ask = await timeEach(questions, (q) => helpdesk.ask({ question: q }));

  // 4. vector recall against exact search
  log(`[${size}] vektor-recall …`);
  // the live index is what was just saved: measure it instead of loading a second copy from disk
  const indexDir = join(dataDir, 'index');
  const indexBytes = dirBytes(indexDir);
  const live = manager.searchIndex();
  if (!live) throw new Error('indekset blev ikke indlæst');
  const graph =
    live.vectorStore instanceof HnswVectorStore
      ? live.vectorStore
      : await HnswVectorStore.load(indexDir, { dimensions: live.state.manifest.dimensions });
  const vector = await measureRecall({ state: live.state, embedder: manager.embedder, questions, graph });
  // the peers index exactly what this help desk serves
  const peerChunks = peers ? await chunksOf(helpdesk) : undefined;
  return { full, chunks, incrementalMs, incrementalSavedMs, search, ask, indexBytes, vector, peerChunks };
}
