import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);

/** `npm run import -- args` as a child process: exit code and output. */
async function importCli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, ['--import', 'tsx', 'scripts/import.ts', ...args], {
      cwd: process.cwd(),
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe('npm run import', () => {
  let root: string;
  let source: string;
  let corpus: string;

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'import-cli-'));
    source = join(root, 'wiki');
    corpus = join(root, 'corpus');
    await mkdir(join(source, 'sub'), { recursive: true });
    await mkdir(corpus);
    await writeFile(
      join(source, 'index.md'),
      '---\ntitle: Wiki\ndescription: Start page.\n---\nSee [the page](sub/page.md).\n',
    );
    await writeFile(
      join(source, 'sub', 'page.md'),
      '# A page\n\nThe server listens on port 8080 and it is not public.\n',
    );
    await writeFile(join(source, 'draft.md'), '---\ntitle: Draft\ndraft: true\n---\nNot yet.\n');
    await writeFile(join(source, 'logo.png'), 'png');
  });

  afterAll(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it('lists what it would import with --dry-run and writes nothing', async () => {
    const out = await importCli([source, '--corpus', corpus, '--dry-run']);
    expect(out.code).toBe(0);
    expect(out.stdout).toContain('2 dokumenter ville blive importeret');
    await expect(readdir(corpus)).resolves.toEqual([]);
  });

  it('writes into <corpus>/imported/<source name>/ and prints imported, skipped with reasons and warnings', async () => {
    const out = await importCli([source, '--corpus', corpus, '--language', 'en']);
    expect(out.code).toBe(0);
    expect(out.stdout).toMatch(/wiki → .*imported\/wiki: 2 dokumenter importeret/);
    expect(out.stdout).toContain('draft.md: kladde (draft: true)');
    expect(out.stdout).toContain('logo.png: filtypen .png importeres ikke');
    expect(out.stdout).toMatch(/I alt: 2 dokumenter importeret, 2 sprunget over, 0 advarsler/);
    const written = (await readdir(join(corpus, 'imported', 'wiki'))).sort();
    expect(written).toEqual(['sub-page.md', 'wiki.md']);
    const start = await readFile(join(corpus, 'imported', 'wiki', 'wiki.md'), 'utf8');
    expect(start).toContain('summary: "Start page."');
    expect(start).toContain('language: en');
    expect(start).toContain('[the page](/docs/sub-page)');
  });

  it('never overwrites an existing file without --force', async () => {
    const file = join(corpus, 'imported', 'wiki', 'wiki.md');
    await writeFile(file, 'edited by hand');
    const again = await importCli([source, '--corpus', corpus]);
    expect(again.stdout).toMatch(/wiki\.md findes allerede \(brug --force for at overskrive\)/);
    expect(await readFile(file, 'utf8')).toBe('edited by hand');
    const forced = await importCli([source, '--corpus', corpus, '--force']);
    expect(forced.code).toBe(0);
    expect(await readFile(file, 'utf8')).toMatch(/^---\ntitle: "Wiki"/);
  });

  it('exits non-zero only when nothing could be imported', async () => {
    const nothing = await importCli([join(source, 'logo.png'), '--corpus', corpus]);
    expect(nothing.code).toBe(1);
    expect(nothing.stdout).toContain('I alt: 0 dokumenter importeret, 1 sprunget over');
    const missing = await importCli([join(root, 'no-such-folder'), '--corpus', corpus]);
    expect(missing.code).toBe(1);
    expect(missing.stdout).toMatch(/findes ikke/);
  });

  it('rejects an unknown --kind with the allowed values', async () => {
    const out = await importCli([source, '--kind', 'nyhed']);
    expect(out.code).toBe(1);
    expect(out.stderr).toMatch(/--kind: .*guide/);
  });
});
