import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cleanEnv, copyCorpus, removeTemps, tempDir } from './helpers.js';

const TSX = resolve('node_modules/.bin/tsx');
const ENTRY = resolve('src/runtime/node.ts');
/** Starting tsx on a busy 2-core machine can take many seconds. */
const SLOW = 180_000;

/** Runs `tsx src/runtime/node.ts index` with a clean environment plus `env`; `ms` is the run's time seen from outside. */
function index(
  env: Record<string, string>,
): Promise<{ code: number | null; stdout: string; stderr: string; ms: number }> {
  const started = performance.now();
  return new Promise((done, fail) => {
    const child = execFile(
      TSX,
      [ENTRY, 'index'],
      { env: cleanEnv({ WATCH_CORPUS: 'false', ...env }), timeout: SLOW - 10_000 },
      (error, stdout, stderr) => {
        if (error && typeof error.code !== 'number') return fail(new Error(`index did not finish: ${stderr}`));
        done({ code: child.exitCode, stdout, stderr, ms: performance.now() - started });
      },
    );
  });
}

afterAll(removeTemps);

describe('npm run index', () => {
  it(
    'prints the wall time of the whole run (what the operator waited), not an inner build figure',
    async () => {
      const run = await index({ CORPUS_DIR: copyCorpus(), DATA_DIR: tempDir('opi-cli-wall-') });
      expect(run.code, run.stderr).toBe(0);
      const printed = Number(/Tid: (\d+) ms/.exec(run.stdout)?.[1]);
      // starting Node and tsx, loading the corpus, building and saving: most of what the caller measured
      expect(printed).toBeLessThanOrEqual(run.ms);
      expect(printed).toBeGreaterThan(run.ms * 0.5);
    },
    SLOW,
  );

  it(
    'exits 1 and names the folder when the index cannot be saved because DATA_DIR/index is a file',
    async () => {
      const data = tempDir('opi-cli-index-file-');
      writeFileSync(join(data, 'index'), 'en fil');
      const run = await index({ CORPUS_DIR: copyCorpus(), DATA_DIR: data });
      expect(run.code).toBe(1);
      expect(run.stderr).toContain(`${join(data, 'index')} er ikke en mappe`);
    },
    SLOW,
  );
});
