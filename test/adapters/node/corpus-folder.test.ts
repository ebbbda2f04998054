import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { corpusFolder } from '../../../src/adapters/node/corpus-folder.js';

describe('corpusFolder', () => {
  let dir = '';
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('writes into kind folders it creates, lists the files and removes them', async () => {
    dir = mkdtempSync(join(tmpdir(), 'opi-folder-'));
    const folder = corpusFolder(dir);
    await folder.write('case/ny.md', '---\ntitle: x\n---\n\nTekst\n');
    expect(readFileSync(join(dir, 'case/ny.md'), 'utf8')).toMatch(/Tekst/);
    expect((await folder.list()).map((f) => f.path)).toEqual(['case/ny.md']);
    await folder.remove('case/ny.md');
    await folder.remove('case/ny.md');
    expect(existsSync(join(dir, 'case/ny.md'))).toBe(false);
  });

  it('refuses a path outside the corpus folder or into a hidden one', async () => {
    dir = mkdtempSync(join(tmpdir(), 'opi-folder-'));
    const folder = corpusFolder(join(dir, 'corpus'));
    await expect(folder.write('../udenfor.md', 'x')).rejects.toThrow(/ligger ikke i korpusmappen/);
    await expect(folder.write('.git/config', 'x')).rejects.toThrow(/ligger ikke i korpusmappen/);
    await expect(folder.remove('/etc/passwd')).rejects.toThrow(/ligger ikke i korpusmappen/);
    expect(existsSync(join(dir, 'udenfor.md'))).toBe(false);
  });
});
