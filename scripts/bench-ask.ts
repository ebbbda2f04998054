/**
 * `npm run bench:ask` — latency of `POST /api/ask` over HTTP on the bundled corpus (issue: p95 < 50 ms).
 * Starts the real server in a child process on loopback, asks every eval question one at a time
 * (sequential latency p50/p95/p99 over several rounds), then drives it with autocannon, and writes
 * the result into README.md between the ask-bench markers.
 *   --rounds N      sequential rounds over the question set (default 3)
 *   --connections N autocannon connections (default 8)
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { runLoad } from './bench/load.js';
import { startChildServer } from './bench/server.js';
import { summarize } from './bench/stats.js';
import { readEvalQuestions } from './lib/eval-questions.js';

function flag(args: string[], name: string, fallback: number): number {
  const i = args.indexOf(name);
  return i >= 0 ? Number(args[i + 1]) : fallback;
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const rounds = flag(args, '--rounds', 3);
  const connections = flag(args, '--connections', 8);
  const questions = (await readEvalQuestions(resolve('test/eval/questions.yaml'))).map((q) => q.question);
  const dataDir = mkdtempSync(join(tmpdir(), 'opi-bench-ask-'));
  const server = await startChildServer({
    corpusDir: resolve('corpus'),
    dataDir,
    env: { RATE_LIMIT_PER_MINUTE: '0', LOG_LEVEL: 'warn' },
  });
  try {
    const samples: number[] = [];
    for (let round = 0; round < rounds + 1; round++) {
      for (const question of questions) {
        const started = performance.now();
        const res = await fetch(`${server.url}/api/ask`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ question }),
        });
        await res.json();
        if (!res.ok) throw new Error(`/api/ask answered ${res.status} for: ${question}`);
        if (round > 0) samples.push(performance.now() - started); // round 0 warms up
      }
    }
    const seq = summarize(samples.sort((a, b) => a - b));
    const load = await runLoad({
      url: server.url,
      route: 'ask',
      questions,
      connections,
      seconds: 10,
      warmupSeconds: 2,
    });
    const f = (x: number) => x.toFixed(1);
    const section = [
      '<!-- ask-bench:start -->',
      `\`npm run bench:ask\`, ${new Date().toISOString().slice(0, 10)}, ${cpus().length} kerner, Node ${process.version}, belastning (load average) ${loadavg()[0]!.toFixed(1)}:`,
      '',
      '| `POST /api/ask` over HTTP, bundlet korpus | værdi |',
      '| --- | ---: |',
      `| sekventielt, ${seq.n} spørgsmål: p50 / p95 / p99 (ms) | ${f(seq.p50)} / ${f(seq.p95)} / ${f(seq.p99)} |`,
      `| autocannon ${connections} forbindelser, 10 s: forespørgsler/s | ${f(load.requestsPerSec)} |`,
      `| autocannon: p50 / p99 (ms), fejl | ${f(load.latencyP50)} / ${f(load.latencyP99)}, ${load.errors + load.non2xx} |`,
      '<!-- ask-bench:end -->',
    ].join('\n');
    console.log(section);
    const readme = await readFile('README.md', 'utf8');
    await writeFile('README.md', readme.replace(/<!-- ask-bench:start -->[\s\S]*<!-- ask-bench:end -->/, section));
  } finally {
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exitCode = 1;
});
