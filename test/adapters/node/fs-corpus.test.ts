import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { readCorpusDir, readSynonymsFile } from '../../../src/adapters/node/fs-corpus.js';
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
