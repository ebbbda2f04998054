import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  buildWorkerAssets,
  d1ApplyCommands,
  TEST_WORKER_ASSETS_DIR,
  WORKER_ASSETS_DIR,
  WORKER_D1_DIR,
  withD1Flag,
  workerAssetsOptionsFromEnv,
  writeD1Sql,
} from '../../scripts/build-worker-assets.js';
import { deserializeIndex } from '../../src/index/artifact.js';

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

describe('npm run build:worker -- --d1', () => {
  it('writes the D1 fill as SQL files instead of index.bin, in statements D1 accepts', async () => {
    expect(withD1Flag({}, ['--d1']).d1Dir).toBe(WORKER_D1_DIR);
    expect(withD1Flag({}, []).d1Dir).toBeUndefined();
    const dir = mkdtempSync(join(tmpdir(), 'opi-d1-sql-'));
    try {
      const report = await buildWorkerAssets({
        corpusDir: resolve('test/fixtures/helpdesk-corpus'),
        outDir: join(dir, 'assets'),
        d1Dir: join(dir, 'd1'),
        widget: false,
      });
      expect(existsSync(join(dir, 'assets', 'index.bin'))).toBe(false);
      expect(report.sqlFiles).toHaveLength(1);
      const sql = readFileSync(report.sqlFiles![0]!.path, 'utf8');
      const statements = sql.split(';\n').filter(Boolean);
      expect(statements).toHaveLength(report.sqlFiles![0]!.statements);
      expect(statements[0]).toMatch(/^DROP TABLE IF EXISTS lex_/);
      expect(statements.at(-1)).toMatch(/^INSERT INTO lex_meta /);
      for (const s of statements) expect(Buffer.byteLength(s)).toBeLessThan(100_000);
      expect(d1ApplyCommands(report.sqlFiles!)[0]).toMatch(
        /^npx wrangler d1 execute opi-helpdesk --remote --yes --file /,
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('cuts a large fill into several files, tables first and lex_meta last', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'opi-d1-sql-'));
    try {
      await buildWorkerAssets({
        corpusDir: resolve('test/fixtures/helpdesk-corpus'),
        outDir: join(dir, 'a'),
        widget: false,
      });
      const state = deserializeIndex(new Uint8Array(readFileSync(join(dir, 'a', 'index.bin'))));
      const files = await writeD1Sql(state, join(dir, 'd1'), 4096);
      expect(files.length).toBeGreaterThan(2);
      expect(files.map((f) => f.path.slice(-13))).toEqual(
        files.map((_, i) => `index-${String(i + 1).padStart(3, '0')}.sql`),
      );
      expect(readFileSync(files[0]!.path, 'utf8')).toMatch(/^DROP TABLE IF EXISTS lex_meta;/);
      expect(readFileSync(files.at(-1)!.path, 'utf8')).toMatch(/INSERT INTO lex_meta [^\n]*;\n$/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('wrangler dev secrets', () => {
  it('keeps .dev.vars (and .dev.vars.<env>) out of git', () => {
    for (const file of ['.dev.vars', '.dev.vars.vectorize']) {
      expect(() => execFileSync('git', ['check-ignore', '-q', file]), file).not.toThrow();
    }
  });
});
