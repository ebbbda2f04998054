import { cpus, release, totalmem, type } from 'node:os';
import type { SizeResult } from './run-size.js';

/** The machine a benchmark ran on. */
export interface MachineInfo {
  cpu: string;
  cores: number;
  mhz: number;
  memoryGB: number;
  node: string;
  os: string;
  date: string;
}

/** Describe this machine from `os.cpus()`, total memory, Node version and today's date. */
export function machineInfo(): MachineInfo {
  const list = cpus();
  return {
    cpu: list[0]?.model.trim() ?? 'ukendt',
    cores: list.length,
    mhz: list[0]?.speed ?? 0,
    memoryGB: totalmem() / 1024 ** 3,
    node: process.version,
    os: `${type()} ${release()}`,
    date: new Date().toISOString().slice(0, 10),
  };
}

/** Start and end markers of the generated part of BENCHMARKS.md; text outside them is kept. */
export const MARKERS = { start: '<!-- bench:start -->', end: '<!-- bench:end -->' } as const;

const num = (v: number | undefined, digits = 1): string =>
  v === undefined || !Number.isFinite(v)
    ? '—'
    : v.toLocaleString('da-DK', { minimumFractionDigits: digits, maximumFractionDigits: digits });
const ms = (v: number | undefined) => (v === undefined ? '—' : v >= 100 ? num(v, 0) : num(v, v >= 10 ? 1 : 2));

/** A route's throughput as a percentage of `/healthz`'s in the same run. */
const share = (load: { requestsPerSec: number }, ceiling: number) => (100 * load.requestsPerSec) / ceiling;

/** Rows of the main table: a label and a cell per result. */
const ROWS: [string, (r: SizeResult) => string][] = [
  ['Dokumenter', (r) => num(r.documents, 0)],
  ['Tekststykker (chunks)', (r) => num(r.chunks, 0)],
  ['Markdown (MB)', (r) => num(r.markdownBytes / 1e6, 1)],
  ['Maskinens load average (start / slut)', (r) => (r.loadAverage ?? []).map((v) => num(v, 1)).join(' / ')],
  ['**Indeksering**', () => ''],
  ['Fuld indeksering (s)', (r) => num(r.ingest.fullBuildMs / 1000, 1)],
  ['Markdown MB/s', (r) => num(r.ingest.markdownMBps, 2)],
  ['Tekststykker/s', (r) => num(r.ingest.chunksPerSec, 0)],
  ['Ét ændret dokument live (ms, ændring / tilbage)', (r) => r.ingest.incrementalMs.map((v) => num(v, 0)).join(' / ')],
  [
    'Ét ændret dokument gemt på disk (ms, ændring / tilbage)',
    (r) => r.ingest.incrementalSavedMs?.map((v) => num(v, 0)).join(' / ') ?? '—',
  ],
  [
    'hnsw-opbygning alene: vektorer/s (stikprøve)',
    (r) => `${num(r.vector.vectorsPerSec, 0)} (${num(r.vector.hnswBuildVectors ?? r.chunks, 0)})`,
  ],
  ['hnsw-opbygning, anslået for alle (s)', (r) => num(r.chunks / r.vector.vectorsPerSec, 1)],
  ['**Størrelse og start**', () => ''],
  ['Indeks på disk (MB)', (r) => num(r.indexBytes / 1024 / 1024, 1)],
  ['RSS efter indlæsning (MB)', (r) => num(r.memory.rssAfterLoadMB, 0)],
  ['RSS efter belastning / top (MB)', (r) => `${num(r.memory.rssAfterLoadTestMB, 0)} / ${num(r.memory.peakRssMB, 0)}`],
  ['Koldstart til `/healthz` 200 (s)', (r) => num(r.coldStartMs / 1000, 2)],
  [
    '`widget.js` på nettet (KB: rå / gzip / brotli)',
    (r) => (r.widget ? [r.widget.identity, r.widget.gzip, r.widget.br].map((b) => num(b / 1024, 1)).join(' / ') : '—'),
  ],
  ['**I processen**', () => ''],
  [
    '`search` p50 / p95 / p99 (ms)',
    (r) => [r.inProcess.search.p50, r.inProcess.search.p95, r.inProcess.search.p99].map(ms).join(' / '),
  ],
  [
    '`ask` p50 / p95 / p99 (ms)',
    (r) => [r.inProcess.ask.p50, r.inProcess.ask.p95, r.inProcess.ask.p99].map(ms).join(' / '),
  ],
  ['**HTTP, 32 forbindelser**', () => ''],
  ['`/api/search` req/s', (r) => num(r.http?.search.requestsPerSec, 0)],
  [
    '`/api/search` p50 / p99 (ms)',
    (r) => (r.http ? `${ms(r.http.search.latencyP50)} / ${ms(r.http.search.latencyP99)}` : '—'),
  ],
  ['`/api/ask` req/s', (r) => num(r.http?.ask.requestsPerSec, 0)],
  ['`/api/ask` p50 / p99 (ms)', (r) => (r.http ? `${ms(r.http.ask.latencyP50)} / ${ms(r.http.ask.latencyP99)}` : '—')],
  ['`/healthz` req/s (samme server, samme kørsel)', (r) => num(r.http?.healthz?.requestsPerSec, 0)],
  [
    '`/api/search` / `/api/ask` som andel af `/healthz`',
    (r) => {
      const ceiling = r.http?.healthz?.requestsPerSec;
      if (!r.http || !ceiling) return '—';
      return `${num(share(r.http.search, ceiling), 1)} % / ${num(share(r.http.ask, ceiling), 1)} %`;
    },
  ],
  [
    'Fejl / ikke-2xx',
    (r) => (r.http ? `${r.http.search.errors + r.http.ask.errors} / ${r.http.search.non2xx + r.http.ask.non2xx}` : '—'),
  ],
  ['**Vektorer**', () => ''],
  ['recall@10 ved standard-ef (ef)', (r) => `${num(r.vector.defaultRecall, 3)} (${r.vector.defaultEf})`],
  [
    'hnsw p50 / eksakt p50 (ms)',
    (r) => {
      const p = r.vector.curve.find((c) => c.ef === r.vector.defaultEf) ?? r.vector.curve[r.vector.curve.length - 1];
      return `${ms(p?.p50Ms)} / ${ms(r.vector.exactP50Ms)}`;
    },
  ],
];

interface Target {
  text: string;
  /** Size the target is stated for. */
  size: string;
  measure: (r: SizeResult) => { value: string; ok: boolean } | undefined;
}

const TARGETS: Target[] = [
  {
    text: '`ask` i processen p50 ≤ 5 ms',
    size: '10k',
    measure: (r) => ({ value: `${ms(r.inProcess.ask.p50)} ms`, ok: r.inProcess.ask.p50 <= 5 }),
  },
  {
    text: '`ask` i processen p95 ≤ 15 ms',
    size: '10k',
    measure: (r) => ({ value: `${ms(r.inProcess.ask.p95)} ms`, ok: r.inProcess.ask.p95 <= 15 }),
  },
  {
    text: '`ask` i processen p95 ≤ 40 ms',
    size: '1M',
    measure: (r) => ({ value: `${ms(r.inProcess.ask.p95)} ms`, ok: r.inProcess.ask.p95 <= 40 }),
  },
  {
    text: '`/api/search` ≥ 1.500 req/s',
    size: '10k',
    measure: (r) =>
      r.http ? { value: num(r.http.search.requestsPerSec, 0), ok: r.http.search.requestsPerSec >= 1500 } : undefined,
  },
  {
    text: '`/api/search` p99 ≤ 50 ms',
    size: '10k',
    measure: (r) =>
      r.http ? { value: `${ms(r.http.search.latencyP99)} ms`, ok: r.http.search.latencyP99 <= 50 } : undefined,
  },
  {
    text: '`/api/search` ≥ 15 % af `/healthz` i samme kørsel',
    size: '10k',
    measure: (r) => {
      const ceiling = r.http?.healthz?.requestsPerSec;
      if (!r.http || !ceiling) return undefined;
      const pct = share(r.http.search, ceiling);
      return { value: `${num(pct, 1)} %`, ok: pct >= 15 };
    },
  },
  {
    text: '`widget.js` ≤ 15 KB på nettet (brotli / gzip)',
    size: '10k',
    measure: (r) =>
      r.widget?.br
        ? {
            value: `${num(r.widget.br / 1024, 1)} / ${num(r.widget.gzip / 1024, 1)} KB`,
            ok: Math.max(r.widget.br, r.widget.gzip) <= 15 * 1024,
          }
        : undefined,
  },
  {
    text: 'RSS ≤ 400 MB',
    size: '100k',
    measure: (r) => ({ value: `${num(r.memory.rssAfterLoadMB, 0)} MB`, ok: r.memory.rssAfterLoadMB <= 400 }),
  },
  {
    text: 'RSS ≤ 4 GB',
    size: '1M',
    measure: (r) => ({ value: `${num(r.memory.rssAfterLoadMB, 0)} MB`, ok: r.memory.rssAfterLoadMB <= 4096 }),
  },
  {
    text: 'Koldstart ≤ 3 s fra bygget indeks',
    size: '100k',
    measure: (r) => ({ value: `${num(r.coldStartMs / 1000, 2)} s`, ok: r.coldStartMs <= 3000 }),
  },
  {
    text: 'Indeksering ≥ 1,5 MB/s Markdown',
    size: '*',
    measure: (r) => ({ value: `${num(r.ingest.markdownMBps, 2)} MB/s`, ok: r.ingest.markdownMBps >= 1.5 }),
  },
  {
    text: 'Ét ændret dokument live ≤ 1 s',
    size: '100k',
    measure: (r) => {
      const worst = Math.max(...r.ingest.incrementalMs);
      return { value: `${num(worst, 0)} ms`, ok: worst <= 1000 };
    },
  },
  {
    text: 'Fuld indeksering ≤ 20 min',
    size: '1M',
    measure: (r) => ({ value: `${num(r.ingest.fullBuildMs / 60000, 1)} min`, ok: r.ingest.fullBuildMs <= 20 * 60000 }),
  },
  {
    text: 'Vektor-recall@10 ≥ 0,95',
    size: '*',
    measure: (r) => ({ value: num(r.vector.defaultRecall, 3), ok: r.vector.defaultRecall >= 0.95 }),
  },
];

function targetRows(results: SizeResult[]): string[] {
  const rows: string[] = [];
  for (const t of TARGETS) {
    const at = t.size === '*' ? results : results.filter((r) => r.size === t.size);
    if (at.length === 0) {
      const nearest = results[results.length - 1];
      const m = nearest && t.measure(nearest);
      rows.push(`| ${t.text} | ${t.size} | ikke kørt${m ? ` (ved ${nearest.size}: ${m.value})` : ''} | — |`);
      continue;
    }
    for (const r of at) {
      const m = t.measure(r);
      rows.push(
        `| ${t.text} | ${r.size} | ${m?.value ?? '—'} | ${m === undefined ? '—' : m.ok ? '✅ nået' : '❌ ikke nået'} |`,
      );
    }
  }
  return rows;
}

/**
 * Orama and MiniSearch next to the help desk, for each size whose run measured them (`--peers`): the same
 * chunks, the same questions, `search(q, 8)`, the same run.
 */
function peerTable(results: SizeResult[]): string[] {
  const measured = results.filter((r) => r.peers?.length);
  if (measured.length === 0) return [];
  const out = [
    '## Sammenlignet med Orama og MiniSearch (samme kørsel, samme tekststykker og spørgsmål)',
    '',
    '| Størrelse | Søgemaskine | Opbygning (s) | `search` p50 / p95 / p99 (ms) | p50 i forhold til os | RSS (MB) | Heap ud over tekststykkerne (MB) |',
    '| --- | --- | ---: | ---: | ---: | ---: | ---: |',
  ];
  for (const r of measured) {
    const ours = r.inProcess.search;
    out.push(
      `| ${r.size} | opi-helpdesk (hybrid: BM25F + hnsw + reranking) | ${num(r.ingest.fullBuildMs / 1000, 1)} | ${[ours.p50, ours.p95, ours.p99].map(ms).join(' / ')} | 1,0× | ${num(r.memory.rssAfterLoadMB, 0)} (server) | — |`,
    );
    for (const p of r.peers ?? []) {
      out.push(
        `| ${r.size} | ${p.name} | ${num(p.buildMs / 1000, 1)} | ${[p.search.p50, p.search.p95, p.search.p99].map(ms).join(' / ')} | ${num(p.search.p50 / ours.p50, 1)}× | ${num(p.rssBuiltMB, 0)} (kun tekststykker: ${num(p.rssChunksMB, 0)}) | ${num(p.heapBuiltMB - p.heapChunksMB, 0)} |`,
      );
    }
  }
  out.push('');
  return out;
}

/** The generated part of BENCHMARKS.md: machine, table, targets and recall curves. */
export function renderGenerated(machine: MachineInfo, results: SizeResult[]): string {
  const out: string[] = [MARKERS.start, ''];
  out.push('## Maskine', '');
  out.push(
    `- CPU: ${machine.cpu}, ${machine.cores} kerner${machine.mhz ? ` à ${machine.mhz} MHz` : ''}`,
    `- Hukommelse: ${num(machine.memoryGB, 1)} GB`,
    `- Node ${machine.node} på ${machine.os}`,
    `- Kørt: ${[...new Set(results.map((r) => r.date.slice(0, 10)))].join(', ') || machine.date} (${results.map((r) => r.size).join(', ')})`,
    '',
  );
  out.push('## Resultater', '');
  out.push(`| Måling | ${results.map((r) => r.size).join(' | ')} |`);
  out.push(`| --- | ${results.map(() => '---:').join(' | ')} |`);
  for (const [label, cell] of ROWS) out.push(`| ${label} | ${results.map(cell).join(' | ')} |`);
  out.push('', '![Målte kurver](benchmarks.svg)', '');
  out.push('## Mål', '');
  out.push('| Mål | Størrelse | Målt | Status |', '| --- | --- | --- | --- |', ...targetRows(results), '');
  out.push(...peerTable(results));
  out.push('## Recall-kurve (hnsw mod eksakt søgning, k = 10)', '');
  const efs = [...new Set(results.flatMap((r) => r.vector.curve.map((p) => p.ef)))].sort((a, b) => a - b);
  out.push(`| ef | ${results.map((r) => `${r.size} recall / p50 ms`).join(' | ')} |`);
  out.push(`| ---: | ${results.map(() => '---:').join(' | ')} |`);
  for (const ef of efs) {
    const cells = results.map((r) => {
      const p = r.vector.curve.find((c) => c.ef === ef);
      return p ? `${num(p.recall, 3)} / ${ms(p.p50Ms)}` : '—';
    });
    out.push(`| ${ef} | ${cells.join(' | ')} |`);
  }
  out.push('', MARKERS.end);
  return out.join('\n');
}

const HEADER = `# Ydelse og skala

Målt med \`npm run bench -- --size 10k\` (eller \`--sizes 1k,10k,100k\`) på genererede danske korpusser
(\`scripts/gen-corpus.ts\`, fast frø). Tallene mellem markeringerne skrives af benchmarken; resten er noter.
`;

/**
 * The whole BENCHMARKS.md: the generated part replaces the one in `existing`
 * (or a new file is started), hand-written notes outside the markers are kept.
 */
export function renderMarkdown(machine: MachineInfo, results: SizeResult[], existing?: string): string {
  const generated = renderGenerated(machine, results);
  if (existing?.includes(MARKERS.start) && existing.includes(MARKERS.end)) {
    const before = existing.slice(0, existing.indexOf(MARKERS.start));
    const after = existing.slice(existing.indexOf(MARKERS.end) + MARKERS.end.length);
    return `${before}${generated}${after}`;
  }
  return `${HEADER}\n${generated}\n`;
}
