/**
 * `npm run corpus:check [-- --corpus corpus]`
 * Validates every document; prints `path:line: message` and exits 1 on any error.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { isDocumentPath } from '../src/corpus/load-corpus.js';
import type { SourceFile } from '../src/corpus/types.js';
import { checkCorpus, formatProblem } from '../src/ops/corpus-check.js';

/** Every `.md` file under `dir`, with corpus-relative `/` paths. */
function readMarkdownFiles(dir: string): SourceFile[] {
  return (readdirSync(dir, { recursive: true }) as string[])
    .map((p) => p.split('\\').join('/'))
    .filter((p) => p.toLowerCase().endsWith('.md') && !p.split('/').includes('node_modules'))
    .filter((p) => statSync(join(dir, p)).isFile())
    .sort()
    .map((p) => ({ path: p, content: readFileSync(join(dir, p), 'utf8') }));
}

function main(): number {
  const { values } = parseArgs({ options: { corpus: { type: 'string' }, help: { type: 'boolean', short: 'h' } } });
  if (values.help) {
    console.log('Brug: npm run corpus:check [-- --corpus mappe]');
    return 0;
  }
  const corpus = values.corpus ?? process.env.CORPUS_DIR ?? 'corpus';
  let files: SourceFile[];
  try {
    files = readMarkdownFiles(corpus);
  } catch {
    console.error(`Korpusmappen ${corpus} kan ikke læses. Brug --corpus <mappe>.`);
    return 1;
  }
  const problems = checkCorpus(files);
  const prefix = `${corpus.replace(/[\\/]+$/, '')}/`;
  for (const p of problems) (p.severity === 'error' ? console.error : console.warn)(formatProblem(p, prefix));
  const errors = problems.filter((p) => p.severity === 'error').length;
  const warnings = problems.length - errors;
  const checked = files.filter((f) => isDocumentPath(f.path)).length;
  const summary = `${checked} dokumenter kontrolleret: ${errors} fejl, ${warnings} advarsler.`;
  if (errors) console.error(summary);
  else console.log(summary);
  return errors ? 1 : 0;
}

process.exitCode = main();
