/**
 * `npm run corpus:check [-- --corpus corpus]`
 * Validates every document; prints `path:line: message` and exits 1 on any error.
 */
import { parseArgs } from 'node:util';
import { readCorpusDir } from '../src/adapters/node/fs-corpus.js';
import { isDocumentPath } from '../src/corpus/load-corpus.js';
import type { SourceFile } from '../src/corpus/types.js';
import { checkCorpus, formatProblem } from '../src/ops/corpus-check.js';
import { runMain } from './lib/run-main.js';

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { corpus: { type: 'string' }, help: { type: 'boolean', short: 'h' } } });
  if (values.help) {
    console.log('Brug: npm run corpus:check [-- --corpus mappe]');
    return 0;
  }
  const corpus = values.corpus ?? process.env.CORPUS_DIR ?? 'corpus';
  let files: SourceFile[];
  try {
    files = await readCorpusDir(corpus);
  } catch (error) {
    console.error(error instanceof Error ? error.message : `Korpusmappen ${corpus} kan ikke læses.`);
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

runMain(main);
