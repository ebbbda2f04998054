import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  readCorpusDir,
  readCorpusFile,
  readSynonymsFile,
  scanCorpusDir,
} from '../../../src/adapters/node/fs-corpus.js';
import { loadCorpus } from '../../../src/corpus/load-corpus.js';
import { parseSynonyms } from '../../../src/text/synonyms.js';

const tree = fileURLToPath(new URL('../../fixtures/corpus/tree', import.meta.url));

describe('readCorpusDir', () => {
  it('reads every .md file recursively with sorted, corpus-relative / paths', async () => {
    const files = await readCorpusDir(tree);
    expect(files.map((f) => f.path)).toEqual([
      'README.md',
      '_templates/case.md',
      'advice/good-guide.md',
      'case/good-case.md',
      'case/missing-summary.md',
      'case/wrong-kind.md',
      'event/empty-body.md',
      'faq/no-frontmatter.md',
      'faq/unclosed.md',
      'faq/yaml-error.md',
      'guide/good-guide.md',
    ]);
    expect(files[2]!.content).toMatch(/^---\ntitle: Samme slug/);
  });

  it('rejects a missing folder with a clear error', async () => {
    await expect(readCorpusDir(join(tree, 'findes-ikke'))).rejects.toThrow(/Korpusmappen .*findes-ikke findes ikke/);
  });
});

describe('readSynonymsFile', () => {
  it('reads _meta/synonyms.yaml', async () => {
    const text = await readSynonymsFile(tree);
    expect(parseSynonyms(text!).glossary).toEqual([{ from: 'municipality', to: ['kommune'] }]);
  });

  it('gives undefined when there is no synonym file', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'opi-corpus-'));
    try {
      expect(await readSynonymsFile(dir)).toBeUndefined();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('a corpus folder with good and bad files', () => {
  it('loads the good documents and reports each bad one with its path and field', async () => {
    const { documents, issues } = loadCorpus(await readCorpusDir(tree));
    expect(documents.map((d) => d.path)).toEqual(['advice/good-guide.md', 'case/good-case.md']);
    const byPath = Object.fromEntries(issues.map((i) => [i.path, i]));
    expect(Object.keys(byPath).sort()).toEqual([
      'case/missing-summary.md',
      'case/wrong-kind.md',
      'event/empty-body.md',
      'faq/no-frontmatter.md',
      'faq/unclosed.md',
      'faq/yaml-error.md',
      'guide/good-guide.md',
    ]);
    expect(byPath['case/wrong-kind.md']).toMatchObject({ field: 'kind', line: 3 });
    expect(issues.filter((i) => i.path === 'case/missing-summary.md').map((i) => i.field)).toEqual([
      'summary',
      'source.url',
      'updated',
    ]);
    expect(byPath['faq/yaml-error.md']!.message).toMatch(/YAML-syntaksfejl/);
    expect(byPath['guide/good-guide.md']!.message).toMatch(/findes allerede i advice\/good-guide\.md/);
  });
});

const DOC = (title: string) =>
  `---\ntitle: "${title}"\nkind: guide\nsummary: "Om ${title}."\nsource:\n  organisation: "Org"\n  title: "Kilde"\nupdated: "2026-01-05"\n---\n\n## Afsnit\n\nSærlige regler for æbler, øer og åer.\n`;

/** A corpus folder with one good document, plus whatever `add` puts there; removed afterwards. */
async function withCorpus(add: (dir: string, outside: string) => void, run: (dir: string) => Promise<void>) {
  const root = await mkdtemp(join(tmpdir(), 'opi-corpus-'));
  const dir = join(root, 'corpus');
  const outside = join(root, 'udenfor');
  mkdirSync(join(dir, 'guide'), { recursive: true });
  mkdirSync(outside);
  writeFileSync(join(dir, 'guide', 'god.md'), DOC('God'));
  add(dir, outside);
  try {
    await run(dir);
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}

describe('files that are not plain UTF-8 Markdown', () => {
  it('reports a file that is not UTF-8 (Windows-1252, UTF-16) by name instead of indexing replacement characters', async () => {
    await withCorpus(
      (dir) => {
        writeFileSync(join(dir, 'guide', 'latin1.md'), Buffer.from(DOC('Latin'), 'latin1'));
        writeFileSync(
          join(dir, 'guide', 'utf16.md'),
          Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(DOC('Seksten'), 'utf16le')]),
        );
      },
      async (dir) => {
        const { documents, issues } = loadCorpus(await readCorpusDir(dir));
        expect(documents.map((d) => d.path)).toEqual(['guide/god.md']);
        expect(documents[0]!.body).toContain('æbler, øer og åer');
        expect(issues.map((i) => [i.path, i.severity])).toEqual([
          ['guide/latin1.md', 'error'],
          ['guide/utf16.md', 'error'],
        ]);
        expect(issues[0]!.message).toMatch(
          /^guide\/latin1\.md: er ikke gyldig UTF-8 \(første ugyldige tegn i linje 13;.*gem filen som UTF-8/,
        );
        expect(issues[0]!.line).toBe(13);
        expect(issues[1]!.message).toMatch(/^guide\/utf16\.md: er ikke gyldig UTF-8 .*UTF-16/);
      },
    );
  });

  it('indexes .markdown files and symbolic links to files inside the corpus', async () => {
    await withCorpus(
      (dir) => {
        writeFileSync(join(dir, 'guide', 'lang-endelse.markdown'), DOC('Lang endelse'));
        mkdirSync(join(dir, 'delt'));
        writeFileSync(join(dir, 'delt', 'kilde.txt'), DOC('Linket'));
        symlinkSync('../delt/kilde.txt', join(dir, 'guide', 'linket.md'));
      },
      async (dir) => {
        const { documents, issues } = loadCorpus(await readCorpusDir(dir));
        expect(issues).toEqual([]);
        expect(documents.map((d) => [d.path, d.docId, d.meta.title])).toEqual([
          ['guide/god.md', 'god', 'God'],
          ['guide/lang-endelse.markdown', 'lang-endelse', 'Lang endelse'],
          ['guide/linket.md', 'linket', 'Linket'],
        ]);
        expect((await scanCorpusDir(dir)).map((e) => e.path)).toEqual([
          'guide/god.md',
          'guide/lang-endelse.markdown',
          'guide/linket.md',
        ]);
      },
    );
  });

  it('reports a symbolic link that leaves the corpus, is broken or points to a folder, and never reads what it points to', async () => {
    await withCorpus(
      (dir, outside) => {
        writeFileSync(join(outside, 'hemmelig.md'), DOC('HEMMELIGT'));
        symlinkSync(join(outside, 'hemmelig.md'), join(dir, 'guide', 'ud.md'));
        symlinkSync('../findes-ikke.md', join(dir, 'guide', 'brudt.md'));
        symlinkSync('..', join(dir, 'guide', 'mappe.md'));
      },
      async (dir) => {
        const files = await readCorpusDir(dir);
        expect(JSON.stringify(files)).not.toContain('HEMMELIGT');
        const { documents, issues } = loadCorpus(files);
        expect(documents.map((d) => d.path)).toEqual(['guide/god.md']);
        const byPath = Object.fromEntries(issues.map((i) => [i.path, i]));
        expect(Object.keys(byPath).sort()).toEqual(['guide/brudt.md', 'guide/mappe.md', 'guide/ud.md']);
        expect(byPath['guide/ud.md']!.message).toMatch(
          /symbolsk link til .*hemmelig\.md uden for korpusmappen og læses ikke/,
        );
        expect(byPath['guide/brudt.md']!.message).toMatch(/symbolsk link til \.\.\/findes-ikke\.md, som ikke findes/);
        expect(byPath['guide/mappe.md']!.message).toMatch(/symbolsk link til \.\., som ikke er en fil/);
        for (const issue of issues) expect(issue.severity).toBe('error');
        const scanned = await scanCorpusDir(dir);
        expect(scanned.find((e) => e.path === 'guide/ud.md')?.problem).toMatch(/uden for korpusmappen/);
        await expect(readCorpusFile(dir, 'guide/ud.md')).rejects.toThrow(
          /guide\/ud\.md: er et symbolsk link .* uden for korpusmappen/,
        );
      },
    );
  });
});
