import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import autocannon from 'autocannon';

/** Throughput and latency of one HTTP load run. */
export interface LoadResult {
  path: string;
  connections: number;
  seconds: number;
  requestsPerSec: number;
  total: number;
  latencyP50: number;
  latencyP90: number;
  latencyP99: number;
  latencyMax: number;
  errors: number;
  non2xx: number;
}

export interface LoadOptions {
  url: string;
  /** `search` (GET /api/search), `ask` (POST /api/ask) or `healthz` (GET /healthz: the server's ceiling). */
  route: 'search' | 'ask' | 'healthz';
  questions: readonly string[];
  connections?: number;
  seconds?: number;
  /** Seconds of unrecorded load first, so the server's JIT and caches are warm; default 0. */
  warmupSeconds?: number;
}

/**
 * Drive the server with autocannon from this process (loopback), cycling
 * through the questions so caches and branch predictors see varied input.
 */
export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  if (options.warmupSeconds) await runLoad({ ...options, seconds: options.warmupSeconds, warmupSeconds: 0 });
  const connections = options.connections ?? 32;
  const seconds = options.seconds ?? 10;
  let next = 0;
  const question = () => options.questions[next++ % options.questions.length]!;
  const path = { search: '/api/search', ask: '/api/ask', healthz: '/healthz' }[options.route];
  const result = await autocannon({
    url: options.url,
    connections,
    duration: seconds,
    timeout: 30,
    requests: [
      {
        setupRequest: (req) =>
          options.route === 'healthz'
            ? { ...req, method: 'GET', path }
            : options.route === 'search'
              ? { ...req, method: 'GET', path: `/api/search?k=8&q=${encodeURIComponent(question())}` }
              : {
                  ...req,
                  method: 'POST',
                  path,
                  headers: { 'content-type': 'application/json' },
                  body: JSON.stringify({ question: question() }),
                },
      },
    ],
  });
  return {
    path,
    connections,
    seconds,
    requestsPerSec: result.requests.average,
    total: result.requests.total,
    latencyP50: result.latency.p50,
    latencyP90: result.latency.p90,
    latencyP99: result.latency.p99,
    latencyMax: result.latency.max,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
  };
}

/**
 * Run `runLoad` in a separate Node process, so the benchmark's own large heap
 * (and its garbage collection) never slows the load generator down.
 */
export function runLoadInChild(options: LoadOptions, root = process.cwd()): Promise<LoadResult> {
  return new Promise((ok, fail) => {
    const child = spawn(process.execPath, ['--import', 'tsx', resolve(root, 'scripts/bench/load.ts')], {
      cwd: root,
      stdio: ['pipe', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
    });
    child.once('error', fail);
    child.once('exit', (code) => {
      if (code !== 0) return fail(new Error(`Belastningsprocessen stoppede med kode ${code}`));
      try {
        ok(JSON.parse(out.trim().split('\n').pop() ?? '') as LoadResult);
      } catch (cause) {
        fail(new Error(`Belastningsprocessen gav ikke JSON: ${out.slice(0, 200)}`, { cause }));
      }
    });
    child.stdin.end(JSON.stringify(options));
  });
}

async function childMain(): Promise<void> {
  let input = '';
  for await (const chunk of process.stdin) input += chunk;
  const result = await runLoad(JSON.parse(input) as LoadOptions);
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  childMain().catch((err: unknown) => {
    console.error(err);
    process.exitCode = 1;
  });
}
