import { cpSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { IndexManager } from '../../../src/adapters/node/index-manager.js';
import { createLocalEmbedder } from '../../../src/index/local-embedder.js';
import { RecordingLogger } from '../../support/recording-logger.js';

const FIXTURE = resolve('test/fixtures/helpdesk-corpus');
const temps: string[] = [];
afterEach(() => {
  for (const dir of temps.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const DOC = (title: string) =>
  `---\ntitle: "${title}"\nkind: guide\nsummary: "Om ${title}."\nsource:\n  organisation: "Org"\n  title: "Kilde"\nupdated: "2026-01-05"\n---\n\n## Afsnit\n\nSærlige regler for ${title}.\n`;

describe('IndexManager over files that are not plain UTF-8 Markdown', () => {
  it('indexes .markdown files and links inside the corpus, and reports non-UTF-8 files and links out of the corpus', async () => {
    const root = mkdtempSync(join(tmpdir(), 'opi-im-files-'));
    temps.push(root);
    const corpus = join(root, 'corpus');
    cpSync(FIXTURE, corpus, { recursive: true });
    mkdirSync(join(root, 'udenfor'));
    writeFileSync(join(root, 'udenfor', 'hemmelig.md'), DOC('HEMMELIGT'));
    writeFileSync(join(corpus, 'guide', 'endelse.markdown'), DOC('endelsen'));
    writeFileSync(join(corpus, 'guide', 'latin1.md'), Buffer.from(DOC('æbler'), 'latin1'));
    symlinkSync('endelse.markdown', join(corpus, 'guide', 'linket.md'));
    symlinkSync(join(root, 'udenfor', 'hemmelig.md'), join(corpus, 'guide', 'ud.md'));

    const manager = new IndexManager({
      corpusDir: corpus,
      indexDir: join(root, 'data', 'index'),
      logger: new RecordingLogger(),
      baseUrl: '',
      embedder: (analyzer) => createLocalEmbedder(analyzer),
    });
    const report = await manager.open();
    const docs = manager.current()!.documents;
    expect(docs.has('endelse')).toBe(true);
    expect(docs.has('linket')).toBe(true);
    expect(docs.has('latin1')).toBe(false);
    expect(docs.has('ud')).toBe(false);
    expect(report.issues.map((i) => [i.path, i.severity]).sort()).toEqual([
      ['guide/latin1.md', 'error'],
      ['guide/ud.md', 'error'],
    ]);
    expect(report.issues.find((i) => i.path === 'guide/ud.md')!.message).toMatch(/uden for korpusmappen/);
    expect(JSON.stringify([...docs.values()])).not.toContain('HEMMELIGT');

    // unchanged on the next scan: still reported, still not read
    const again = await manager.reindex();
    expect(again.issues.map((i) => i.path).sort()).toEqual(['guide/latin1.md', 'guide/ud.md']);
  });
});
