import type { SizeResult } from './run-size.js';

/** One line of a panel: a value per result (NaN or undefined leaves a gap). */
export interface Series {
  name: string;
  color: string;
  value: (r: SizeResult) => number | undefined;
}

/** One small chart: a title, a unit and its lines; the x axis is the chunk count (log scale). */
export interface Panel {
  title: string;
  unit: string;
  series: Series[];
  /** Fixed y range, e.g. [0, 1] for recall; default 0 to the largest value. */
  yRange?: [number, number];
  /** A dashed horizontal target line. */
  target?: { value: number; label: string };
}

const W = 380;
const H = 250;
const M = { left: 56, right: 14, top: 34, bottom: 64 };
const COLS = 3;

/** The default panels of docs/benchmarks.svg. */
export const PANELS: Panel[] = [
  {
    title: 'Latens i processen',
    unit: 'ms',
    series: [
      { name: 'søg p50', color: '#1f77b4', value: (r) => r.inProcess.search.p50 },
      { name: 'søg p95', color: '#aec7e8', value: (r) => r.inProcess.search.p95 },
      { name: 'svar p50', color: '#d62728', value: (r) => r.inProcess.ask.p50 },
      { name: 'svar p95', color: '#ff9896', value: (r) => r.inProcess.ask.p95 },
    ],
    target: { value: 15, label: 'mål svar p95 ≤ 15 ms (10k)' },
  },
  {
    title: 'HTTP-gennemløb, 32 forbindelser',
    unit: 'req/s',
    series: [
      { name: '/api/search', color: '#1f77b4', value: (r) => r.http?.search.requestsPerSec },
      { name: '/api/ask', color: '#d62728', value: (r) => r.http?.ask.requestsPerSec },
    ],
    target: { value: 1500, label: 'mål søg ≥ 1500 req/s (10k)' },
  },
  {
    title: 'HTTP-latens p99',
    unit: 'ms',
    series: [
      { name: '/api/search', color: '#1f77b4', value: (r) => r.http?.search.latencyP99 },
      { name: '/api/ask', color: '#d62728', value: (r) => r.http?.ask.latencyP99 },
    ],
    target: { value: 50, label: 'mål søg p99 ≤ 50 ms' },
  },
  {
    title: 'Hukommelse og disk',
    unit: 'MB',
    series: [
      { name: 'RSS efter indlæsning', color: '#2ca02c', value: (r) => r.memory.rssAfterLoadMB },
      { name: 'indeks på disk', color: '#9467bd', value: (r) => r.indexBytes / 1024 / 1024 },
    ],
  },
  {
    title: 'Indeksering og koldstart',
    unit: 's',
    series: [
      { name: 'fuld indeksering', color: '#ff7f0e', value: (r) => r.ingest.fullBuildMs / 1000 },
      { name: 'hnsw-opbygning (anslået)', color: '#8c564b', value: (r) => r.chunks / r.vector.vectorsPerSec },
      { name: 'koldstart', color: '#17becf', value: (r) => r.coldStartMs / 1000 },
      { name: 'ét dokument ændret', color: '#e377c2', value: (r) => Math.max(...r.ingest.incrementalMs) / 1000 },
    ],
  },
  {
    title: 'Vektor-recall@10 (hnsw mod eksakt)',
    unit: '',
    yRange: [0.5, 1],
    series: [
      { name: 'standard-ef', color: '#2ca02c', value: (r) => r.vector.defaultRecall },
      { name: 'ef = 16', color: '#bcbd22', value: (r) => r.vector.curve.find((p) => p.ef === 16)?.recall },
    ],
    target: { value: 0.95, label: 'mål ≥ 0,95' },
  },
];

function esc(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function fmt(v: number): string {
  if (v === 0) return '0';
  if (Math.abs(v) >= 100) return Math.round(v).toLocaleString('da-DK');
  if (Math.abs(v) >= 10) return v.toFixed(0);
  if (Math.abs(v) >= 1) return v.toFixed(1).replace('.', ',');
  return v.toFixed(2).replace('.', ',');
}

function sizeLabel(chunks: number): string {
  const short = (v: number) => (Number.isInteger(v) ? String(v) : fmt(v));
  return chunks >= 1e6 ? `${short(chunks / 1e6)}M` : chunks >= 1e3 ? `${short(chunks / 1e3)}k` : String(chunks);
}

function panelSvg(panel: Panel, results: SizeResult[], x0: number, y0: number): string {
  const pw = W - M.left - M.right;
  const ph = H - M.top - M.bottom;
  const xs = results.map((r) => Math.log10(Math.max(1, r.chunks)));
  const xmin = Math.min(...xs) - (results.length === 1 ? 0.5 : 0.1);
  const xmax = Math.max(...xs) + (results.length === 1 ? 0.5 : 0.1);
  const values = panel.series.flatMap((s) => results.map((r) => s.value(r))).filter((v): v is number => Number.isFinite(v));
  if (panel.target) values.push(panel.target.value);
  const [ymin, ymax] = panel.yRange ?? [0, Math.max(1e-9, ...values) * 1.12];
  const px = (x: number) => x0 + M.left + ((x - xmin) / (xmax - xmin)) * pw;
  const py = (y: number) => y0 + M.top + ph - ((Math.min(Math.max(y, ymin), ymax) - ymin) / (ymax - ymin)) * ph;
  const out: string[] = [];
  out.push(`<text x="${x0 + M.left}" y="${y0 + 20}" class="t">${esc(panel.title)}${panel.unit ? ` (${esc(panel.unit)})` : ''}</text>`);
  out.push(`<rect x="${x0 + M.left}" y="${y0 + M.top}" width="${pw}" height="${ph}" class="f"/>`);
  for (let i = 0; i <= 4; i++) {
    const y = ymin + ((ymax - ymin) * i) / 4;
    out.push(`<line x1="${x0 + M.left}" x2="${x0 + M.left + pw}" y1="${py(y)}" y2="${py(y)}" class="g"/>`);
    out.push(`<text x="${x0 + M.left - 6}" y="${py(y) + 4}" class="a" text-anchor="end">${fmt(y)}</text>`);
  }
  results.forEach((r, i) => {
    out.push(`<text x="${px(xs[i]!)}" y="${y0 + M.top + ph + 16}" class="a" text-anchor="middle">${sizeLabel(r.chunks)}</text>`);
  });
  out.push(`<text x="${x0 + M.left + pw / 2}" y="${y0 + M.top + ph + 30}" class="a" text-anchor="middle">tekststykker (log)</text>`);
  if (panel.target) {
    const y = py(panel.target.value);
    out.push(`<line x1="${x0 + M.left}" x2="${x0 + M.left + pw}" y1="${y}" y2="${y}" class="tg"/>`);
    out.push(`<text x="${x0 + M.left + pw - 4}" y="${y - 4}" class="a tl" text-anchor="end">${esc(panel.target.label)}</text>`);
  }
  panel.series.forEach((s, si) => {
    const pts = results
      .map((r, i) => ({ x: xs[i]!, v: s.value(r) }))
      .filter((p): p is { x: number; v: number } => p.v !== undefined && Number.isFinite(p.v));
    if (pts.length > 1) {
      out.push(`<polyline fill="none" stroke="${s.color}" stroke-width="2" points="${pts.map((p) => `${px(p.x).toFixed(1)},${py(p.v).toFixed(1)}`).join(' ')}"/>`);
    }
    for (const p of pts) {
      out.push(`<circle cx="${px(p.x).toFixed(1)}" cy="${py(p.v).toFixed(1)}" r="3.5" fill="${s.color}"><title>${esc(s.name)}: ${fmt(p.v)}</title></circle>`);
    }
    const lx = x0 + M.left + (si % 2) * (pw / 2);
    const ly = y0 + M.top + ph + 44 + Math.floor(si / 2) * 14;
    out.push(`<rect x="${lx}" y="${ly - 8}" width="10" height="10" fill="${s.color}"/>`);
    out.push(`<text x="${lx + 14}" y="${ly + 1}" class="a">${esc(s.name)}</text>`);
  });
  return out.join('\n');
}

/** A hand-written SVG with one small chart per panel, the chunk count on a log x axis. */
export function renderSvg(results: SizeResult[], panels: Panel[] = PANELS): string {
  const rows = Math.ceil(panels.length / COLS);
  const width = W * COLS;
  const height = H * rows + 30;
  const body = results.length
    ? panels.map((p, i) => panelSvg(p, results, (i % COLS) * W, 30 + Math.floor(i / COLS) * H)).join('\n')
    : '<text x="20" y="60" class="t">Ingen målinger endnu</text>';
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="system-ui, sans-serif">
<style>
.t{font-size:13px;font-weight:600;fill:#222}.a{font-size:10px;fill:#444}.tl{fill:#b00}
.f{fill:#fafafa;stroke:#ccc}.g{stroke:#e4e4e4}.tg{stroke:#b00;stroke-dasharray:5 4}
</style>
<rect width="100%" height="100%" fill="#fff"/>
<text x="12" y="20" class="t">opi-helpdesk: målt ydelse efter korpusstørrelse (${esc(results.map((r) => sizeLabel(r.chunks)).join(', '))})</text>
${body}
</svg>
`;
}
