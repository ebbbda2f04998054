/**
 * Generate a deterministic Danish-like Markdown corpus for benchmarks.
 *
 *   tsx scripts/gen-corpus.ts --size 10k [--seed 42] [--out /tmp/opi-bench/10k/corpus]
 *
 * Sizes: 1k, 10k, 100k, 1M (approximate chunk counts) or a number. The corpus is
 * written outside the repository by default, with `<out>.manifest.json` beside it.
 */
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { generateCorpus, parseSize } from './bench/corpus-generator.js';

/** Parse `--name value` pairs. */
export function parseFlags(argv: string[]): Record<string, string> {
  const flags: Record<string, string> = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (!arg.startsWith('--')) continue;
    const [name, inline] = arg.slice(2).split('=', 2) as [string, string | undefined];
    if (inline !== undefined) flags[name] = inline;
    else if (argv[i + 1] !== undefined && !argv[i + 1]!.startsWith('--')) flags[name] = argv[++i]!;
    else flags[name] = 'true';
  }
  return flags;
}

/** Default corpus folder of a size. */
export function defaultCorpusDir(size: string): string {
  return `/tmp/opi-bench/${size}/corpus`;
}

function main(argv: string[]): void {
  const flags = parseFlags(argv);
  const size = flags.size ?? '10k';
  const dir = resolve(flags.out ?? defaultCorpusDir(size));
  const started = performance.now();
  const m = generateCorpus({ chunks: parseSize(size), dir, seed: Number(flags.seed ?? 42) });
  const s = ((performance.now() - started) / 1000).toFixed(1);
  console.log(
    `${dir}: ${m.documents} dokumenter, ca. ${m.expectedChunks} tekststykker, ${(m.bytes / 1e6).toFixed(1)} MB (${s} s)`,
  );
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  main(process.argv.slice(2));
}
