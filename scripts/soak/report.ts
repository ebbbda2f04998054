import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import type { LatencySummary } from './stats.js';

/** One measured minute. */
export interface MinuteRow {
  minute: number;
  requests: number;
  errors: number;
  latency: LatencySummary;
  rssMb: number;
  /** Median live heap after the minute's full garbage collections. */
  heapMb: number;
}

/** The whole soak result. */
export interface SoakResult {
  startedAt: string;
  minutes: number;
  rps: number;
  achievedRps: number;
  warmupSeconds: number;
  corpus: string;
  documents: number;
  requests: number;
  errors: number;
  errorsByKind: Record<string, number>;
  latencyByKind: Record<string, LatencySummary>;
  perMinute: MinuteRow[];
  reindex: { count: number; errors: number; msP50: number; msMax: number };
  rss: { afterWarmupMb: number; endMb: number; growthPercent: number; peakMb: number };
  /** Live heap after full garbage collections (`--trace-gc`). */
  heap: { afterWarmupMb: number; endMb: number; growthPercent: number; collections: number };
  loadAverage: number[];
  cpus: string;
  node: string;
  pass: boolean;
}

const START = '<!-- soak:start -->';
const END = '<!-- soak:end -->';
const sign = (n: number) => (Number.isFinite(n) ? `${n >= 0 ? '+' : ''}${n.toFixed(1)}` : '–');
const fmt = (n: number) => (Number.isFinite(n) ? (n < 10 ? n.toFixed(1) : Math.round(n).toString()) : '–');

/** The `## Soak` section (Danish) for docs/BENCHMARKS.md. */
export function renderSoakSection(r: SoakResult): string {
  const kinds = Object.entries(r.latencyByKind)
    .map(
      ([k, l]) =>
        `| ${k} | ${l.count} | ${r.errorsByKind[k] ?? 0} | ${fmt(l.p50)} | ${fmt(l.p95)} | ${fmt(l.p99)} | ${fmt(l.max)} |`,
    )
    .join('\n');
  const minutes = r.perMinute
    .map(
      (m) =>
        `| ${m.minute} | ${m.requests} | ${m.errors} | ${fmt(m.latency.p50)} | ${fmt(m.latency.p95)} | ${fmt(m.latency.p99)} | ${fmt(m.heapMb)} | ${fmt(m.rssMb)} |`,
    )
    .join('\n');
  return `${START}
## Soak

Målt med \`npm run soak -- --minutes ${r.minutes} --rps ${r.rps}\` (${r.startedAt}): den rigtige server i sin egen proces over
loopback, egen midlertidig \`DATA_DIR\`, \`RATE_LIMIT_PER_MINUTE=0\`, korpus \`${r.corpus}\` (${r.documents} dokumenter, kopieret).
Blandet trafik, åben løkke: spørgsmål (JSON) 35 %, søgning 25 %, SSE-strøm 15 %, feedback 10 %, eskalering 5 %,
dokumentliste 5 %, \`/healthz\` 5 %; hvert minut (og én gang midt i opvarmningen) ændres et dokument, og
\`POST /api/admin/reindex\` kaldes med \`ADMIN_TOKEN\`.
Fejl = netværksfejl, uventet status eller en strøm uden \`done\`. Hukommelse: serveren kører med \`--trace-gc\`, og
*heap efter GC* er den levende heap efter hver fuld garbage collection (mark-compact) — det, serveren faktisk holder fast i;
RSS (\`VmRSS\` hvert 5. sekund) svinger med V8's savtakker og er kun vist til orientering. Vækst = median af sidste
femtedel mod median af første femtedel efter ${r.warmupSeconds} s opvarmning.
Maskine: ${r.cpus}, Node ${r.node}, load average ved slut ${r.loadAverage.map((l) => l.toFixed(1)).join(' / ')}.

**Resultat: ${r.pass ? 'bestået' : 'ikke bestået'}** (mål: 0 fejl og hukommelsesvækst under 5 %) —
${r.requests} forespørgsler (${fmt(r.achievedRps)}/s), **${r.errors} fejl**; heap efter GC ${fmt(r.heap.afterWarmupMb)} MB efter opvarmning →
${fmt(r.heap.endMb)} MB til sidst (**${sign(r.heap.growthPercent)} %**, ${r.heap.collections} fulde GC'er);
RSS ${fmt(r.rss.afterWarmupMb)} → ${fmt(r.rss.endMb)} MB (${sign(r.rss.growthPercent)} %, top ${fmt(r.rss.peakMb)} MB);
${r.reindex.count} genindekseringer (${r.reindex.errors} fejl, median ${fmt(r.reindex.msP50)} ms, max ${fmt(r.reindex.msMax)} ms).

| Slags | Antal | Fejl | p50 ms | p95 ms | p99 ms | max ms |
| --- | --- | --- | --- | --- | --- | --- |
${kinds}

| Minut | Forespørgsler | Fejl | p50 ms | p95 ms | p99 ms | Heap efter GC MB | RSS MB |
| --- | --- | --- | --- | --- | --- | --- | --- |
${minutes}
${END}`;
}

/** Replace the soak section of `path` (between the markers), or append it. */
export function writeSoakSection(path: string, section: string): void {
  const text = existsSync(path) ? readFileSync(path, 'utf8') : '# Ydelse og skala\n';
  const start = text.indexOf(START);
  const end = text.indexOf(END);
  const next =
    start >= 0 && end > start
      ? `${text.slice(0, start)}${section}${text.slice(end + END.length)}`
      : `${text.replace(/\s*$/, '')}\n\n${section}\n`;
  writeFileSync(path, next);
}
