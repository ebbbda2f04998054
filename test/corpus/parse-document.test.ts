import { describe, expect, it } from 'vitest';
import { parseDocument, slugOf } from '../../src/corpus/parse-document.js';

const VALID = `---
title: Fem råd
kind: advice
summary: Råd til virksomheder.
tags: [opi, kommune]
source:
  organisation: Danish Life Science Cluster
  title: Fem råd til virksomheder
  url: https://example.org/fem-raad
  date: 2019-01-20
updated: 2024-05-01
---

## Råd 1

Lær kommunen at kende.
`;

describe('parseDocument', () => {
  it('parses a valid file into a document with defaults applied', () => {
    const { document, issues } = parseDocument({ path: 'advice/fem-raad.md', content: VALID });
    expect(issues).toEqual([]);
    expect(document).toMatchObject({
      docId: 'fem-raad',
      path: 'advice/fem-raad.md',
      body: '## Råd 1\n\nLær kommunen at kende.\n',
      bodyLine: 14,
      meta: { title: 'Fem råd', kind: 'advice', tags: ['opi', 'kommune'], language: 'da', updated: '2024-05-01' },
    });
    expect(document!.meta.source.date).toBe('2019-01-20');
    expect(document!.hash).toMatch(/^[0-9a-f]{14}$/);
  });

  it('hashes the whole file, so any change changes the hash', () => {
    const a = parseDocument({ path: 'advice/a.md', content: VALID }).document!;
    const b = parseDocument({ path: 'advice/a.md', content: VALID.replace('Fem råd', 'Seks råd') }).document!;
    expect(a.hash).not.toBe(b.hash);
  });

  it('reads files with a BOM and CRLF line endings', () => {
    const { document, issues } = parseDocument({
      path: 'advice/x.md',
      content: `\uFEFF${VALID.replace(/\n/g, '\r\n')}`,
    });
    expect(issues).toEqual([]);
    expect(document!.body).toBe('## Råd 1\n\nLær kommunen at kende.\n');
    expect(document!.meta.title).toBe('Fem råd');
  });

  it('reports a wrong kind with path, field, line and the allowed values', () => {
    const { document, issues } = parseDocument({
      path: 'case/x.md',
      content: VALID.replace('kind: advice', 'kind: cases'),
    });
    expect(document).toBeUndefined();
    expect(issues).toEqual([
      {
        path: 'case/x.md',
        field: 'kind',
        line: 3,
        severity: 'error',
        message: 'case/x.md: frontmatter-feltet `kind` skal være en af guide, case, advice, event, faq (fandt "cases")',
      },
    ]);
  });

  it('reports every failing field, nested fields by dotted path', () => {
    const content = VALID.replace('summary: Råd til virksomheder.\n', '')
      .replace('url: https://example.org/fem-raad', 'url: ikke en url')
      .replace('updated: 2024-05-01', 'updated: 1. maj 2024');
    const { issues } = parseDocument({ path: 'advice/x.md', content });
    expect(issues.map((i) => [i.field, i.line])).toEqual([
      ['summary', 1],
      ['source.url', 8],
      ['updated', 10],
    ]);
    expect(issues[0]!.message).toBe('advice/x.md: frontmatter-feltet `summary` mangler');
    expect(issues[1]!.message).toMatch(/`source\.url` skal være en gyldig URL/);
    expect(issues[2]!.message).toMatch(/`updated` skal være en dato på formen ÅÅÅÅ-MM-DD/);
  });

  it('refuses impossible dates such as 2026-02-31 in updated and source.date', () => {
    const cases = [
      ['updated', 'updated: 2024-05-01', '2026-02-31'],
      ['updated', 'updated: 2024-05-01', '2025-02-29'],
      ['updated', 'updated: 2024-05-01', '2024-13-01'],
      ['source.date', 'date: 2019-01-20', '2019-04-31'],
    ] as const;
    for (const [field, from, value] of cases) {
      const content = VALID.replace(from, `${from.split(':')[0]}: ${value}`);
      const { document, issues } = parseDocument({ path: 'advice/x.md', content });
      expect(document, value).toBeUndefined();
      expect(issues).toHaveLength(1);
      expect(issues[0]).toMatchObject({ field, severity: 'error' });
      expect(issues[0]!.message).toBe(
        `advice/x.md: frontmatter-feltet \`${field}\` skal være en dato, der findes i kalenderen (fandt "${value}")`,
      );
    }
  });

  it('accepts 29 February in a leap year', () => {
    const { document } = parseDocument({
      path: 'advice/x.md',
      content: VALID.replace('updated: 2024-05-01', 'updated: 2024-02-29'),
    });
    expect(document?.meta.updated).toBe('2024-02-29');
  });

  it('reports a field of the wrong type', () => {
    const { issues } = parseDocument({
      path: 'advice/x.md',
      content: VALID.replace('tags: [opi, kommune]', 'tags: opi'),
    });
    expect(issues).toMatchObject([
      { field: 'tags', line: 5, message: expect.stringMatching(/`tags` skal være en liste/) },
    ]);
  });

  it('reports a YAML syntax error with its line', () => {
    const { document, issues } = parseDocument({
      path: 'faq/y.md',
      content: VALID.replace('summary: Råd til virksomheder.', 'summary: [ikke lukket'),
    });
    expect(document).toBeUndefined();
    expect(issues).toHaveLength(1);
    expect(issues[0]!.message).toMatch(/^faq\/y\.md: YAML-syntaksfejl i frontmatter \(linje \d+\)/);
    expect(issues[0]!.line).toBeGreaterThanOrEqual(4);
  });

  it('ends the frontmatter at the first `---` line (spaces allowed on the fences) and counts bodyLine from it', () => {
    const content = VALID.replace('---\ntitle', '--- \ntitle')
      .replace('2024-05-01\n---\n', '2024-05-01\n---\t\n\n')
      .replace('Lær kommunen at kende.', 'Lær kommunen at kende.\n\n---\n\nEfter en skillelinje.');
    const { document, issues } = parseDocument({ path: 'advice/x.md', content });
    expect(issues).toEqual([]);
    expect(document!.bodyLine).toBe(15);
    expect(document!.body).toBe('## Råd 1\n\nLær kommunen at kende.\n\n---\n\nEfter en skillelinje.\n');
  });

  it('does not take a `----` line or an indented `---` as the closing fence', () => {
    for (const fence of ['----', ' ---']) {
      const content = VALID.replace('2024-05-01\n---\n', `2024-05-01\n${fence}\n`);
      const { issues } = parseDocument({ path: 'advice/x.md', content });
      expect(issues).toMatchObject([{ message: expect.stringMatching(/frontmatter er ikke lukket/) }]);
    }
  });

  it('reads an empty frontmatter block as one that is not a mapping', () => {
    const { issues } = parseDocument({ path: 'faq/z.md', content: '---\n---\n\nTekst.\n' });
    expect(issues).toMatchObject([{ line: 1, message: expect.stringMatching(/samling af felter/) }]);
  });

  it('reports a missing frontmatter', () => {
    const { issues } = parseDocument({ path: 'faq/z.md', content: '## Spørgsmål\n\nSvar.\n' });
    expect(issues).toMatchObject([
      { path: 'faq/z.md', line: 1, message: expect.stringMatching(/mangler frontmatter/) },
    ]);
  });

  it('reports an unclosed frontmatter', () => {
    const { issues } = parseDocument({ path: 'faq/z.md', content: '---\ntitle: x\nkind: faq\n\n## Tekst\n' });
    expect(issues).toMatchObject([{ message: expect.stringMatching(/frontmatter er ikke lukket/) }]);
  });

  it('reports a frontmatter that is not a mapping', () => {
    const { issues } = parseDocument({ path: 'faq/z.md', content: '---\n- en\n- liste\n---\n\nTekst.\n' });
    expect(issues).toMatchObject([{ message: expect.stringMatching(/samling af felter/) }]);
  });

  it('reports an empty body', () => {
    const { document, issues } = parseDocument({
      path: 'advice/x.md',
      content: VALID.replace(/## Råd 1[\s\S]*$/, '\n  \n'),
    });
    expect(document).toBeUndefined();
    expect(issues).toMatchObject([{ message: 'advice/x.md: dokumentet har ingen tekst efter frontmatter' }]);
  });

  it('warns about unknown fields, a kind that differs from the folder and an odd file name, but keeps the document', () => {
    const content = VALID.replace('updated: 2024-05-01', 'updated: 2024-05-01\nauthor: Nogen');
    const { document, issues } = parseDocument({ path: 'guide/Fem Råd.md', content });
    expect(document?.docId).toBe('Fem Råd');
    expect(issues.map((i) => [i.severity, i.field])).toEqual([
      ['warning', 'author'],
      ['warning', undefined],
      ['warning', 'kind'],
    ]);
  });

  it('never throws, whatever the content', () => {
    for (const content of [
      '',
      '---',
      '---\n---',
      '\uFEFF',
      '---\n: :\n---\nx',
      '\u0000\u0001',
      '---\ntitle: [\n---\n',
    ]) {
      expect(parseDocument({ path: 'x/y.md', content }).issues.length).toBeGreaterThan(0);
    }
  });
});

describe('slugOf', () => {
  it('is the file name without .md', () => {
    expect(slugOf('case/aalborg-medicin.md')).toBe('aalborg-medicin');
    expect(slugOf('x.MD')).toBe('x');
  });
});
