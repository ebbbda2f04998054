/**
 * Measure ingestion, index size, memory, cold start, latency, HTTP load and
 * vector recall on generated corpora, and write docs/BENCHMARKS.md and
 * docs/benchmarks.svg.
 *
 *   npm run bench -- --size 10k
 *   npm run bench -- --sizes 1k,10k,100k [--load-seconds 10] [--connections 32] [--fresh]
 *   npm run bench -- --sizes 1k,10k --peers   (also Orama and MiniSearch over the same chunks)
 *   npm run bench -- --render-only        (rewrite the report from docs/benchmarks.json)
 *   npm run bench -- --help
 *
 * Results of earlier runs at other sizes are kept in docs/benchmarks.json, so
 * the curves grow as sizes are added; `--fresh` starts over.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { machineInfo, renderGenerated, renderMarkdown } from './bench/report.js';
import { type SizeResult, runSize } from './bench/run-size.js';
import { renderSvg } from './bench/svg-chart.js';
import { parseFlags } from './gen-corpus.js';

/** Paths the benchmark writes, relative to the repository root. */
export const OUTPUTS = {
  json: 'docs/benchmarks.json',
  markdown: 'docs/BENCHMARKS.md',
  svg: 'docs/benchmarks.svg',
} as const;

function loadPrevious(path: string): SizeResult[] {
  if (!existsSync(path)) return [];
  try {
    const data = JSON.parse(readFileSync(path, 'utf8')) as { results?: SizeResult[] };
    return Array.isArray(data.results) ? data.results : [];
  } catch {
    return [];
  }
}

const USAGE = `npm run bench -- [options]
  --size <n> | --sizes <n,n,…>  corpus sizes in chunks: 1k, 10k, 100k, 1M (default 10k); the corpus is
                                generated once per size (scripts/gen-corpus.ts, seed 42) under /tmp/opi-bench/<size>
  --peers                       also build Orama and MiniSearch over the same chunks (each in its own process)
                                and time search(q, 8) over the same questions
  --load-seconds <s>            seconds of each HTTP load run (/api/search, /api/ask, /healthz); 0 skips (default 10)
  --connections <n>             HTTP connections (default 32)
  --work-dir <dir>              where corpora and indexes go (default /tmp/opi-bench)
  --fresh                       forget the results of other sizes in docs/benchmarks.json
  --render-only                 rewrite docs/BENCHMARKS.md and the SVG from docs/benchmarks.json`;

async function main(argv: string[]): Promise<void> {
  const flags = parseFlags(argv);
  if (flags.help === 'true') {
    console.log(USAGE);
    return;
  }
  const sizes = (flags.sizes ?? flags.size ?? '10k')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const root = resolve(flags.root ?? '.');
  const started = performance.now();
  const fresh: SizeResult[] = [];
  // --render-only: rewrite the Markdown and SVG from docs/benchmarks.json without measuring
  for (const size of flags['render-only'] === 'true' ? [] : sizes) {
    const result = await runSize({
      size,
      root,
      loadSeconds: Number(flags['load-seconds'] ?? 10),
      connections: Number(flags.connections ?? 32),
      peers: flags.peers === 'true',
      ...(flags['work-dir'] ? { workDir: resolve(flags['work-dir'], size) } : {}),
    });
    fresh.push(result);
    console.log(JSON.stringify(result));
  }
  const jsonPath = resolve(root, OUTPUTS.json);
  const ran = fresh.map((r) => r.size);
  const kept = flags.fresh === 'true' ? [] : loadPrevious(jsonPath).filter((r) => !ran.includes(r.size));
  const results = [...kept, ...fresh].sort((a, b) => a.chunks - b.chunks);
  const machine = machineInfo();
  writeFileSync(jsonPath, `${JSON.stringify({ machine, results }, null, 2)}\n`);
  const mdPath = resolve(root, OUTPUTS.markdown);
  const markdown = renderMarkdown(machine, results, existsSync(mdPath) ? readFileSync(mdPath, 'utf8') : undefined);
  writeFileSync(mdPath, markdown);
  writeFileSync(resolve(root, OUTPUTS.svg), renderSvg(results));
  console.log(renderGenerated(machine, results));
  console.log(`Færdig på ${((performance.now() - started) / 1000).toFixed(0)} s: ${OUTPUTS.markdown}, ${OUTPUTS.svg}`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  main(process.argv.slice(2)).catch((err: unknown) => {
    console.error(err instanceof Error ? (err.stack ?? err.message) : String(err));
    process.exitCode = 1;
  });
}
