/**
 * Soak test: the real server under mixed traffic for a configurable time.
 * `npm run soak -- --minutes 10 --rps 100` — see scripts/soak/args.ts for every flag.
 * Reports errors, latency percentiles per minute and memory growth after warm-up (live heap after full
 * GCs from `--trace-gc`, and RSS), and writes
 * the `## Soak` section of docs/BENCHMARKS.md. Exits 1 when the target (0 errors, < 5 % heap growth) is missed.
 */
import { randomBytes } from 'node:crypto';
import { appendFileSync, cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseSoakArgs } from './soak/args.js';
import { type MinuteRow, renderSoakSection, type SoakResult, writeSoakSection } from './soak/report.js';
import { startSoakServer } from './soak/server.js';
import { growthPercent, median, summarise } from './soak/stats.js';
import { type Kind, loadQuestions, pickKind, plan } from './soak/traffic.js';
import { runMain } from './lib/run-main.js';

const MB = 1024 * 1024;
const REQUEST_TIMEOUT_MS = 30_000;

async function main(): Promise<number> {
  const opts = parseSoakArgs(process.argv.slice(2));
  const work = mkdtempSync(join(tmpdir(), 'opi-soak-'));
  const corpus = join(work, 'corpus');
  cpSync(opts.corpus, corpus, { recursive: true });
  const adminToken = randomBytes(24).toString('hex');
  console.log(
    `Soak: ${opts.minutes} min à ${opts.rps} forespørgsler/s efter ${opts.warmupSeconds} s opvarmning (arbejdsmappe ${work})`,
  );
  const server = await startSoakServer({
    CORPUS_DIR: corpus,
    DATA_DIR: join(work, 'data'),
    PORT: '0',
    HOST: '127.0.0.1',
    WATCH_CORPUS: 'false',
    RATE_LIMIT_PER_MINUTE: '0',
    ADMIN_TOKEN: adminToken,
    LOG_LEVEL: 'warn',
  });
  const health = (await (await fetch(`${server.url}/healthz`)).json()) as { documents: number };
  console.log(`Server klar på ${server.url} (${health.documents} dokumenter, pid ${server.pid})`);

  const questions = loadQuestions();
  const warmupMs = opts.warmupSeconds * 1000;
  const measuredMs = opts.minutes * 60_000;
  const minutes = Math.ceil(opts.minutes);
  const perMinute = Array.from({ length: minutes }, () => ({
    latencies: [] as number[],
    errors: 0,
    rss: [] as number[],
  }));
  const byKind = new Map<Kind, number[]>();
  const errorsByKind: Record<string, number> = {};
  const errorSamples: string[] = [];
  const rssSamples: number[] = [];
  const reindexMs: number[] = [];
  let reindexErrors = 0;
  const reindexFailures: string[] = [];
  let inFlight = 0;
  let sent = 0;
  let measured = 0;
  let seed = 42;
  const random = () => {
    seed = (seed * 1103515245 + 12345) >>> 0;
    return seed / 2 ** 32;
  };

  const t0 = performance.now();
  const minuteOf = (t: number) => Math.floor((t - t0 - warmupMs) / 60_000);
  const pending = new Set<Promise<void>>();

  const fail = (kind: string, at: number, why: string) => {
    if (at - t0 < warmupMs) return;
    errorsByKind[kind] = (errorsByKind[kind] ?? 0) + 1;
    const m = perMinute[Math.min(minutes - 1, minuteOf(at))];
    if (m) m.errors++;
    if (errorSamples.length < 20) errorSamples.push(`${kind}: ${why}`);
  };

  const launch = (n: number) => {
    const kind = pickKind(random());
    const start = performance.now();
    if (inFlight >= opts.maxInFlight) {
      fail(kind, start, `over ${opts.maxInFlight} samtidige forespørgsler (serveren følger ikke med)`);
      return;
    }
    const p = plan(server.url, kind, questions, n);
    inFlight++;
    const run = (async () => {
      try {
        const res = await fetch(p.url, { ...p.init, signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
        const good = await p.check(res);
        const ms = performance.now() - start;
        if (!good) fail(kind, start, `status ${res.status}`);
        else if (start - t0 >= warmupMs) {
          measured++;
          perMinute[Math.min(minutes - 1, minuteOf(start))]?.latencies.push(ms);
          if (!byKind.has(kind)) byKind.set(kind, []);
          byKind.get(kind)!.push(ms);
        }
      } catch (err) {
        fail(kind, start, err instanceof Error ? `${err.name}: ${err.message}` : String(err));
      } finally {
        inFlight--;
      }
    })();
    pending.add(run);
    void run.finally(() => pending.delete(run));
  };

  // a document that changes before every re-index, so each one has work to do
  const docs = readdirSync(corpus, { recursive: true, encoding: 'utf8' }).filter(
    (f) => f.endsWith('.md') && !f.split('/').some((s) => s.startsWith('_')),
  );
  let reindexes = 0;
  const reindex = async () => {
    const file = join(corpus, docs[reindexes++ % docs.length]!);
    appendFileSync(file, `\nSoak-ændring ${reindexes}: samarbejdet blev evalueret igen.\n`);
    const start = performance.now();
    try {
      const res = await fetch(`${server.url}/api/admin/reindex`, {
        method: 'POST',
        headers: { authorization: `Bearer ${adminToken}` },
      });
      if (res.status !== 200) throw new Error(`status ${res.status}: ${(await res.text()).slice(0, 200)}`);
      await res.arrayBuffer();
      reindexMs.push(performance.now() - start);
    } catch (err) {
      reindexErrors++;
      reindexFailures.push(`${((performance.now() - t0) / 1000).toFixed(0)} s: ${String(err)}`);
    }
  };

  const endAt = t0 + warmupMs + measuredMs;
  const ticker = setInterval(() => {
    const now = performance.now();
    const due = Math.floor(((Math.min(now, endAt) - t0) / 1000) * opts.rps);
    while (sent < due) launch(sent++);
  }, 5);
  // The first re-index falls inside the warm-up, so the measured memory is that of the steady state
  // (a live index plus the one being built), not of a server that has never re-indexed.
  const firstReindex = setTimeout(() => void reindex(), warmupMs / 2);
  const reindexer = setInterval(() => void reindex(), opts.reindexEverySeconds * 1000);
  const sampler = setInterval(() => {
    const now = performance.now();
    if (now - t0 < warmupMs) return;
    const rss = server.rss();
    rssSamples.push(rss);
    perMinute[Math.min(minutes - 1, minuteOf(now))]?.rss.push(rss);
  }, 5_000);
  const progress = setInterval(() => {
    const t = (performance.now() - t0) / 1000;
    const errors = Object.values(errorsByKind).reduce((a, b) => a + b, 0);
    console.log(
      `  ${t.toFixed(0)} s: ${sent} sendt, ${inFlight} i gang, ${errors} fejl, RSS ${(server.rss() / MB).toFixed(0)} MB`,
    );
  }, 30_000);

  await new Promise((r) => setTimeout(r, endAt - t0));
  clearInterval(ticker);
  clearTimeout(firstReindex);
  clearInterval(reindexer);
  clearInterval(sampler);
  clearInterval(progress);
  await Promise.race([Promise.allSettled([...pending]), new Promise((r) => setTimeout(r, REQUEST_TIMEOUT_MS))]);
  const peakMb = peakRssMb(server.pid);
  await server.stop();

  const errors = Object.values(errorsByKind).reduce((a, b) => a + b, 0) + reindexErrors;
  const growth = growthPercent(rssSamples);
  const w = Math.max(1, Math.floor(rssSamples.length / 5));
  const heap = server.heapAfterGc().filter((s) => s.at - t0 >= warmupMs && s.at <= endAt);
  const heapMb = heap.map((s) => s.mb);
  const hw = Math.max(1, Math.floor(heapMb.length / 5));
  const heapGrowth = heapMb.length >= 2 ? growthPercent(heapMb) : Number.NaN;
  const rows: MinuteRow[] = perMinute.map((m, i) => ({
    minute: i + 1,
    requests: m.latencies.length + m.errors,
    errors: m.errors,
    latency: summarise(m.latencies),
    rssMb: m.rss.length ? m.rss[m.rss.length - 1]! / MB : Number.NaN,
    heapMb: median(heap.filter((s) => minuteOf(s.at) === i).map((s) => s.mb)),
  }));
  const result: SoakResult = {
    startedAt: new Date(Date.now() - (performance.now() - t0)).toISOString().slice(0, 16).replace('T', ' '),
    minutes: opts.minutes,
    rps: opts.rps,
    achievedRps: (measured + errors) / (measuredMs / 1000),
    warmupSeconds: opts.warmupSeconds,
    corpus: opts.corpus,
    documents: health.documents,
    requests: measured + errors,
    errors,
    errorsByKind,
    latencyByKind: Object.fromEntries([...byKind].map(([k, l]) => [k, summarise(l)])),
    perMinute: rows,
    reindex: {
      count: reindexMs.length + reindexErrors,
      errors: reindexErrors,
      msP50: median(reindexMs),
      msMax: reindexMs.length ? Math.max(...reindexMs) : Number.NaN,
    },
    rss: {
      afterWarmupMb: median(rssSamples.slice(0, w)) / MB,
      endMb: median(rssSamples.slice(-w)) / MB,
      growthPercent: growth,
      peakMb,
    },
    heap: {
      afterWarmupMb: median(heapMb.slice(0, hw)),
      endMb: median(heapMb.slice(-hw)),
      growthPercent: heapGrowth,
      collections: heapMb.length,
    },
    loadAverage: loadavg(),
    cpus: `${cpus()[0]?.model ?? 'ukendt CPU'}, ${cpus().length} kerner`,
    node: process.versions.node,
    // memory: the live heap after full GCs when there were enough of them, else RSS
    pass: errors === 0 && (heapMb.length >= 5 ? heapGrowth < 5 : growth < 5),
  };
  writeFileSync(
    join(work, 'soak.json'),
    JSON.stringify(
      { ...result, rssSamplesMb: rssSamples.map((b) => Math.round(b / MB)), heapAfterGcMb: heapMb },
      null,
      2,
    ),
  );
  const section = renderSoakSection(result);
  console.log(`\n${section}\n`);
  if (errorSamples.length) console.log(`Eksempler på fejl:\n  ${errorSamples.join('\n  ')}`);
  if (reindexFailures.length) console.log(`Fejlede genindekseringer:\n  ${reindexFailures.join('\n  ')}`);
  if (!result.pass) console.log(`Serverens sidste stderr:\n${server.stderr().slice(-3000)}`);
  if (opts.write) {
    writeSoakSection('docs/BENCHMARKS.md', section);
    console.log('Skrev afsnittet "## Soak" i docs/BENCHMARKS.md.');
  }
  rmSync(corpus, { recursive: true, force: true });
  rmSync(join(work, 'data'), { recursive: true, force: true });
  console.log(`Rådata: ${join(work, 'soak.json')}`);
  return result.pass ? 0 : 1;
}

/** Peak RSS (VmHWM) of a process in MB, where /proc has it. */
function peakRssMb(pid: number): number {
  try {
    const m = /VmHWM:\s+(\d+)\s+kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : Number.NaN;
  } catch {
    return Number.NaN;
  }
}

runMain(main);
