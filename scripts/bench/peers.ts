/**
 * Peers in the benchmark: Orama and MiniSearch (scripts/lib/baselines.ts) over exactly the help desk's chunks,
 * each built and timed in its own Node process so its memory is its own and the benchmark's heap does not slow it.
 */
import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { miniSearchBaseline, oramaBaseline } from '../lib/baselines.js';
import { type LatencySummary, timeEach, timed } from './stats.js';

/** The engines measured, as `measurePeer` knows them. */
export const PEER_ENGINES = ['orama', 'minisearch'] as const;
export type PeerEngine = (typeof PEER_ENGINES)[number];

/** One peer over one corpus size. */
export interface PeerResult {
  engine: PeerEngine;
  /** The name the evaluation uses for it (with its settings). */
  name: string;
  buildMs: number;
  /** `search(q, 8)` over the benchmark's questions, after 20 warm-up calls. */
  search: LatencySummary;
  /** Resident memory of its process with only the chunks loaded, and after the engine was built (after GC), MB. */
  rssChunksMB: number;
  rssBuiltMB: number;
  /** V8 heap in use with only the chunks, and after the build (after GC), MB. */
  heapChunksMB: number;
  heapBuiltMB: number;
}

/** A chunk as the peers index it (`chunksOf` in scripts/lib/baselines.ts). */
export interface PeerChunk {
  id: string;
  docId: string;
  title: string;
  section: string;
  text: string;
}

interface PeerJob {
  engine: PeerEngine;
  chunksPath: string;
  questions: string[];
}

const MB = 1024 * 1024;

function memory(): { rss: number; heap: number } {
  (globalThis as { gc?: () => void }).gc?.();
  const m = process.memoryUsage();
  return { rss: m.rss / MB, heap: m.heapUsed / MB };
}

/** Build one peer over the chunks in `chunksPath` and time its searches, in this process. */
export async function measurePeer(job: PeerJob, chunks: PeerChunk[]): Promise<PeerResult> {
  const before = memory();
  const built = await timed(() => (job.engine === 'orama' ? oramaBaseline(chunks) : miniSearchBaseline(chunks)));
  const after = memory();
  const search = await timeEach(job.questions, (q) => built.value.search(q, 8));
  return {
    engine: job.engine,
    name: built.value.name,
    buildMs: built.ms,
    search,
    rssChunksMB: before.rss,
    rssBuiltMB: after.rss,
    heapChunksMB: before.heap,
    heapBuiltMB: after.heap,
  };
}

/**
 * Measure every peer over `chunks`, one child process each (`node --expose-gc --import tsx`), one after the
 * other. `workDir` receives the chunks as JSON for the children.
 */
export async function measurePeers(
  chunks: PeerChunk[],
  questions: string[],
  workDir: string,
  root = process.cwd(),
): Promise<PeerResult[]> {
  const chunksPath = resolve(workDir, 'peer-chunks.json');
  writeFileSync(chunksPath, JSON.stringify(chunks));
  const results: PeerResult[] = [];
  for (const engine of PEER_ENGINES) results.push(await runInChild({ engine, chunksPath, questions }, root));
  return results;
}

function runInChild(job: PeerJob, root: string): Promise<PeerResult> {
  return new Promise((ok, fail) => {
    const child = spawn(
      process.execPath,
      ['--expose-gc', '--max-old-space-size=8192', '--import', 'tsx', resolve(root, 'scripts/bench/peers.ts')],
      { cwd: root, stdio: ['pipe', 'pipe', 'inherit'] },
    );
    let out = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
    });
    child.once('error', fail);
    child.once('exit', (code) => {
      if (code !== 0) return fail(new Error(`${job.engine}: processen stoppede med kode ${code}`));
      try {
        ok(JSON.parse(out.trim().split('\n').pop() ?? '') as PeerResult);
      } catch (cause) {
        fail(new Error(`${job.engine}: processen gav ikke JSON: ${out.slice(0, 200)}`, { cause }));
      }
    });
    child.stdin.end(JSON.stringify(job));
  });
}

async function childMain(): Promise<void> {
  let input = '';
  for await (const chunk of process.stdin) input += chunk;
  const job = JSON.parse(input) as PeerJob;
  const chunks = JSON.parse(readFileSync(job.chunksPath, 'utf8')) as PeerChunk[];
  process.stdout.write(`${JSON.stringify(await measurePeer(job, chunks))}\n`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  childMain().catch((err: unknown) => {
    console.error(err);
    process.exitCode = 1;
  });
}
