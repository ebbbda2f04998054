import { describe, expect, it } from 'vitest';
import { isDocumentPath, loadCorpus } from '../../src/corpus/load-corpus.js';
import type { SourceFile } from '../../src/corpus/types.js';

const file = (path: string, kind = 'guide', title = 'Titel'): SourceFile => ({
  path,
  content: `---\ntitle: ${title}\nkind: ${kind}\nsummary: Resumé.\nsource:\n  organisation: Org\n  title: Kilde\nupdated: 2024-05-01\n---\n\n## Afsnit\n\nTekst.\n`,
});

describe('isDocumentPath', () => {
  it.each([
    ['guide/a.md', true],
    ['a.md', true],
    ['case/sub/b.MD', true],
    ['_templates/case.md', false],
    ['_meta/synonyms.yaml', false],
    ['guide/_draft.md', false],
    ['guide/a.txt', false],
    ['README.md', false],
    ['.git/x.md', false],
  ])('%s → %s', (path, expected) => {
    expect(isDocumentPath(path)).toBe(expected);
  });
});

describe('loadCorpus', () => {
  it('loads valid documents sorted by path', () => {
    const { documents, issues } = loadCorpus([file('guide/b.md'), file('case/a.md', 'case')]);
    expect(issues).toEqual([]);
    expect(documents.map((d) => d.docId)).toEqual(['a', 'b']);
  });

  it('skips templates, meta files and non-Markdown files without issues', () => {
    const { documents, issues } = loadCorpus([
      { path: '_templates/case.md', content: '---\ntitle: <titel>\n---\n' },
      { path: '_meta/synonyms.yaml', content: 'synonyms: []' },
      { path: 'guide/notes.txt', content: 'x' },
      file('guide/a.md'),
    ]);
    expect(issues).toEqual([]);
    expect(documents.map((d) => d.path)).toEqual(['guide/a.md']);
  });

  it('reports a duplicate slug and keeps the first file by path', () => {
    const { documents, issues } = loadCorpus([file('guide/same.md', 'guide', 'B'), file('case/same.md', 'case', 'A')]);
    expect(documents.map((d) => d.path)).toEqual(['case/same.md']);
    expect(issues).toEqual([
      {
        path: 'guide/same.md',
        severity: 'error',
        message:
          "guide/same.md: dokument-id'et `same` findes allerede i case/same.md; omdøb en af filerne (denne er udeladt)",
      },
    ]);
  });

  it('leaves out bad files and still loads the rest', () => {
    const { documents, issues } = loadCorpus([
      file('guide/ok.md'),
      { path: 'guide/bad.md', content: 'ingen frontmatter' },
      { path: 'guide/worse.md', content: file('x').content.replace('kind: guide', 'kind: blog') },
    ]);
    expect(documents.map((d) => d.docId)).toEqual(['ok']);
    expect(issues.map((i) => i.path)).toEqual(['guide/bad.md', 'guide/worse.md']);
    expect(issues.every((i) => i.severity === 'error')).toBe(true);
  });

  it('returns an empty result for no files', () => {
    expect(loadCorpus([])).toEqual({ documents: [], issues: [] });
  });
});
