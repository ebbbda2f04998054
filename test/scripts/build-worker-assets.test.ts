import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  TEST_WORKER_ASSETS_DIR,
  WORKER_ASSETS_DIR,
  workerAssetsOptionsFromEnv,
} from '../../scripts/build-worker-assets.js';

describe('npm run build:worker', () => {
  it('builds from CORPUS_DIR when it is set, like the server and deploy:index', () => {
    expect(workerAssetsOptionsFromEnv({ CORPUS_DIR: 'test/fixtures/helpdesk-corpus' }).corpusDir).toBe(
      resolve('test/fixtures/helpdesk-corpus'),
    );
    expect(workerAssetsOptionsFromEnv({}).corpusDir).toBe(resolve('corpus'));
    expect(workerAssetsOptionsFromEnv({}).outDir).toBe(WORKER_ASSETS_DIR);
  });

  it('is never overwritten by a test run: the workerd tests build and serve assets of their own', () => {
    expect(TEST_WORKER_ASSETS_DIR).not.toBe(WORKER_ASSETS_DIR);
    expect(TEST_WORKER_ASSETS_DIR.startsWith(`${WORKER_ASSETS_DIR}/`)).toBe(false);
    const config = readFileSync('vitest.workers.config.ts', 'utf8');
    const builds = [...config.matchAll(/buildWorkerAssets\(([^)]*)\)/g)].map((m) => m[1]);
    expect(builds).toEqual(['{ outDir: TEST_WORKER_ASSETS_DIR }']);
    expect(config).toMatch(/assets: \{\s*directory: TEST_WORKER_ASSETS_DIR/);
  });
});

describe('wrangler dev secrets', () => {
  it('keeps .dev.vars (and .dev.vars.<env>) out of git', () => {
    for (const file of ['.dev.vars', '.dev.vars.vectorize']) {
      expect(() => execFileSync('git', ['check-ignore', '-q', file]), file).not.toThrow();
    }
  });
});
