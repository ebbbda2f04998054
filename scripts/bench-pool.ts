/**
 * `npx tsx scripts/bench-pool.ts [--size 10k] [--rounds 3] [--seconds 10] [--workers 2]` — the search pool
 * against the main thread, side by side: two servers from the same built index (`npm run bench` builds it in
 * /tmp/opi-bench/<size>), one with SEARCH_WORKERS=0 and one with N, loaded in turn (/api/search, /api/ask,
 * /healthz) so that both see the machine's load alike. Prints one JSON line per run with the load average.
 */
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { runLoadInChild } from './bench/load.js';
import { type ChildServer, startChildServer } from './bench/server.js';

const { values } = parseArgs({
  options: {
    size: { type: 'string', default: '10k' },
    rounds: { type: 'string', default: '3' },
    seconds: { type: 'string', default: '10' },
    workers: { type: 'string', default: '2' },
    'work-dir': { type: 'string', default: '/tmp/opi-bench' },
    connections: { type: 'string', default: '32' },
  },
});
const dir = join(resolve(values['work-dir']), values.size);
const manifest = JSON.parse(readFileSync(join(dir, 'corpus.manifest.json'), 'utf8')) as { questions: string[] };
const MB = 1024 * 1024;
const servers: [string, ChildServer][] = [];
for (const workers of ['0', values.workers]) {
  const server = await startChildServer({
    corpusDir: join(dir, 'corpus'),
    dataDir: join(dir, 'data'),
    env: { RATE_LIMIT_PER_MINUTE: '0', SEARCH_WORKERS: workers },
  });
  console.log(
    JSON.stringify({ workers, coldStartMs: Math.round(server.coldStartMs), rssMB: Math.round(server.rss() / MB) }),
  );
  servers.push([workers, server]);
}
try {
  for (let round = 0; round < Number(values.rounds); round++) {
    for (const route of ['search', 'ask', 'healthz'] as const) {
      for (const [workers, server] of round % 2 === 0 ? servers : [...servers].reverse()) {
        const before = loadavg()[0]!;
        const r = await runLoadInChild({
          url: server.url,
          questions: manifest.questions,
          connections: Number(values.connections),
          seconds: Number(values.seconds),
          warmupSeconds: 2,
          route,
        });
        console.log(
          JSON.stringify({
            round,
            workers,
            route,
            rps: r.requestsPerSec,
            p50: r.latencyP50,
            p99: r.latencyP99,
            errors: r.errors + r.non2xx,
            load: [before, loadavg()[0]],
            rssMB: Math.round(server.rss() / MB),
          }),
        );
      }
    }
  }
} finally {
  for (const [, server] of servers) await server.stop();
}
