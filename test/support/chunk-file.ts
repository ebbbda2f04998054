/**
 * Child process for the fuzz tests: reads a Markdown body from the file named in argv[2], chunks it,
 * and prints the chunk count and the milliseconds the chunking took (module loading excluded). Runs out
 * of process so a test can bound a runaway parse with a kill.
 */
import { readFileSync } from 'node:fs';
import { chunkDocument } from '../../src/corpus/index.js';

const body = readFileSync(process.argv[2]!, 'utf8');
const started = performance.now();
const chunks = chunkDocument({
  docId: 'dyb',
  path: 'guide/dyb.md',
  meta: {
    title: 'Dyb',
    kind: 'guide',
    summary: 'Dybt indlejret.',
    tags: [],
    source: { organisation: 'Test', title: 'Test' },
    updated: '2024-01-01',
    language: 'da',
  },
  body,
  hash: '0',
});
process.stdout.write(`${chunks.length} ${Math.round(performance.now() - started)}\n`);
