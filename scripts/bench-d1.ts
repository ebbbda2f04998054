/**
 * The Worker with its lexical index in D1 (`LEXICAL_INDEX=d1`) at scale, measured in workerd:
 *
 *   npm run bench:d1 -- --size 100k [--questions 100] [--dir /tmp/opi-bench-d1] [--reuse]
 *
 * 1. generates a Danish corpus (`scripts/gen-corpus.ts`, seed 42) and builds it as `build:worker -- --d1`
 *    does: SQL files instead of `index.bin`;
 * 2. fills a local D1 with them through `wrangler d1 execute --local --file` (the maintainer's command,
 *    with `--local` instead of `--remote`);
 * 3. starts the Worker with `wrangler dev --local` (workerd) on that D1 and asks the corpus's generated
 *    questions through `/api/ask` and `/api/search`, one at a time.
 *
 * Prints the build, SQL, fill and start times and the latencies (p50/p95/max), and writes them as JSON
 * to `<dir>/<size>/result.json`. Offline; everything is written under `--dir`. `--reuse` skips building
 * and filling when an earlier run's local D1 is there (filling 100k takes wrangler half an hour).
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureCorpus, parseSize } from './bench/corpus-generator.js';
import { buildWorkerAssets } from './build-worker-assets.js';
import { parseFlags } from './gen-corpus.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const flags = parseFlags(process.argv.slice(2));
const size = flags.size ?? '10k';
const base = resolve(flags.dir ?? '/tmp/opi-bench-d1', size);
const port = Number(flags.port ?? 8797);
const questionCount = Number(flags.questions ?? 100);
const wranglerEnv = { ...process.env, WRANGLER_SEND_METRICS: 'false' };

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

/** What building and filling measured (kept in result.json, reused with `--reuse`). */
interface Built {
  documents: number;
  chunks: number;
  buildWithSqlMs: number;
  sqlFiles: number;
  sqlBytes: number;
  fillMs: number;
}

/** The build and fill figures of an earlier run whose filled local D1 is still there. */
function readPrevious(): Built | undefined {
  try {
    const p = JSON.parse(readFileSync(join(base, 'result.json'), 'utf8')) as Built;
    if (!existsSync(join(base, 'wrangler-state'))) return undefined;
    const { documents, chunks, buildWithSqlMs, sqlFiles, sqlBytes, fillMs } = p;
    return { documents, chunks, buildWithSqlMs, sqlFiles, sqlBytes, fillMs };
  } catch {
    return undefined;
  }
}

async function main(): Promise<void> {
  mkdirSync(base, { recursive: true });
  let started = performance.now();
  const { manifest } = ensureCorpus({ chunks: parseSize(size), dir: join(base, 'corpus'), seed: 42 });
  const corpusMs = performance.now() - started;
  const state = join(base, 'wrangler-state');
  const previous = flags.reuse ? readPrevious() : undefined;
  let built: Built;
  if (previous) {
    console.log(`Genbruger ${state} og målingerne af bygning og fyldning fra ${join(base, 'result.json')}`);
    built = previous;
  } else {
    started = performance.now();
    const report = await buildWorkerAssets({
      corpusDir: join(base, 'corpus'),
      outDir: join(base, 'assets'),
      d1Dir: join(base, 'd1'),
      vectorDimensions: 16,
      widget: false,
    });
    const buildMs = performance.now() - started;
    const sqlFiles = report.sqlFiles ?? [];
    const sqlBytes = sqlFiles.reduce((n, f) => n + f.bytes, 0);
    console.log(
      `${report.documents} dokumenter, ${report.chunks} afsnit; bygget med SQL i ${seconds(buildMs)}: ` +
        `${sqlFiles.length} filer, ${(sqlBytes / 1e6).toFixed(0)} MB`,
    );
    rmSync(state, { recursive: true, force: true });
    started = performance.now();
    for (const file of sqlFiles) {
      const run = spawnSync(
        'npx',
        ['wrangler', 'd1', 'execute', 'opi-helpdesk', '--local', '--yes', '--persist-to', state, '--file', file.path],
        { cwd: root, env: wranglerEnv, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
      );
      if (run.status !== 0) throw new Error(`wrangler d1 execute ${file.path}: ${run.stderr || run.stdout}`);
      console.log(`  ${file.path}: fyldt efter ${seconds(performance.now() - started)}`);
    }
    built = {
      documents: report.documents,
      chunks: report.chunks,
      buildWithSqlMs: Math.round(buildMs),
      sqlFiles: sqlFiles.length,
      sqlBytes,
      fillMs: Math.round(performance.now() - started),
    };
  }

  started = performance.now();
  const dev = spawn(
    'npx',
    [
      'wrangler',
      'dev',
      '--local',
      '--ip',
      '127.0.0.1',
      '--port',
      String(port),
      '--persist-to',
      state,
      '--assets',
      join(base, 'assets'),
      '--var',
      'LEXICAL_INDEX:d1',
      '--var',
      'INDEX_MODE:bundled',
      '--var',
      'LOG_LEVEL:warn',
      '--var',
      'RATE_LIMIT_PER_MINUTE:0',
    ],
    { cwd: root, env: wranglerEnv, stdio: ['ignore', 'pipe', 'pipe'], detached: true },
  );
  let devLog = '';
  dev.stdout.on('data', (d) => {
    devLog += d;
  });
  dev.stderr.on('data', (d) => {
    devLog += d;
  });
  const url = `http://127.0.0.1:${port}`;
  try {
    let health: { status?: string; chunks?: number } | undefined;
    let firstOk = 0;
    for (let i = 0; i < 600 && !health; i++) {
      try {
        const res = await fetch(`${url}/healthz`);
        if (res.status === 200) {
          health = (await res.json()) as typeof health;
          firstOk = performance.now() - started;
        } else if (res.status === 503) {
          throw new Error(`The Worker did not start: ${await res.text()}`);
        }
      } catch (error) {
        if (error instanceof Error && error.message.startsWith('The Worker')) throw error;
        await new Promise((r) => setTimeout(r, 250));
      }
    }
    if (!health) throw new Error(`wrangler dev did not answer:\n${devLog}`);
    console.log(
      `Workeren svarer (healthz, inkl. wranglers opstart og indlæsning af ordforrådet) efter ${seconds(firstOk)}`,
    );

    const questions = manifest.questions.slice(0, questionCount);
    const timings: Record<'ask' | 'search', number[]> = { ask: [], search: [] };
    let answered = 0;
    let cited = 0;
    for (const question of questions) {
      let t = performance.now();
      const res = await fetch(`${url}/api/ask`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ question }),
      });
      const body = (await res.json()) as { answered?: boolean; citations?: unknown[]; error?: unknown };
      timings.ask.push(performance.now() - t);
      if (res.status !== 200) throw new Error(`/api/ask ${res.status}: ${JSON.stringify(body)}`);
      if (body.answered) answered++;
      if ((body.citations?.length ?? 0) > 0) cited++;
      t = performance.now();
      const search = await fetch(`${url}/api/search?q=${encodeURIComponent(question)}&k=8`);
      await search.arrayBuffer();
      timings.search.push(performance.now() - t);
      if (search.status !== 200) throw new Error(`/api/search ${search.status}`);
    }
    const summary = (values: number[]) => ({
      first: Math.round(values[0] ?? Number.NaN),
      p50: Math.round(percentile(values.slice(1), 50)),
      p95: Math.round(percentile(values.slice(1), 95)),
      max: Math.round(Math.max(...values.slice(1))),
    });
    const result = {
      size,
      ...built,
      reused: previous !== undefined,
      healthChunks: health.chunks,
      corpusMs: Math.round(corpusMs),
      startMs: Math.round(firstOk),
      questions: questions.length,
      answered,
      withCitations: cited,
      askMs: summary(timings.ask),
      searchMs: summary(timings.search),
    };
    writeFileSync(join(base, 'result.json'), `${JSON.stringify(result, null, 2)}\n`);
    console.log(JSON.stringify(result, null, 2));
  } finally {
    // wrangler dev and its workerd: the process group this script started
    if (dev.pid) process.kill(-dev.pid, 'SIGTERM');
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
