import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { chunkDocument } from '../../src/corpus/chunk.js';
import { parseDocument } from '../../src/corpus/parse-document.js';
import { importSource } from '../../src/import/import-source.js';
import type { ImportedDocument } from '../../src/import/types.js';
import { checkCorpus } from '../../src/ops/corpus-check.js';

const FIXTURES = new URL('../fixtures/import/', import.meta.url);

/** Import one fixture file as its own source and return the document. */
async function importFixture(name: string, options: { kind?: 'case' | 'guide' } = {}): Promise<ImportedDocument> {
  const bytes = await readFile(new URL(name, FIXTURES));
  const result = await importSource(
    { name: name.replace(/\.\w+$/, ''), files: [{ path: name, bytes, modified: '2025-03-04' }] },
    { today: '2025-06-01', organisation: 'OPI-sekretariatet', ...options },
  );
  expect(result.skipped).toEqual([]);
  expect(result.documents).toHaveLength(1);
  return result.documents[0]!;
}

/** The document as the corpus reads it, after checking it has no errors. */
function asCorpusDocument(doc: ImportedDocument) {
  const file = { path: `imported/${doc.id}.md`, content: doc.content };
  expect(checkCorpus([file]).filter((p) => p.severity === 'error')).toEqual([]);
  const parsed = parseDocument(file);
  expect(parsed.document).toBeDefined();
  return parsed.document!;
}

function sections(doc: ReturnType<typeof asCorpusDocument>): string[] {
  return [...new Set(chunkDocument(doc).map((c) => c.section))];
}

describe('importing small files of each format', () => {
  it('turns a Word case report into a case with its title, headings and lists', async () => {
    const doc = asCorpusDocument(await importFixture('case-report.docx', { kind: 'case' }));
    expect(doc.meta).toMatchObject({
      title: 'Casebeskrivelse: Velfærdsteknologi på Solgården',
      kind: 'case',
      language: 'da',
      updated: '2025-03-04',
      source: { organisation: 'OPI-sekretariatet' },
    });
    expect(doc.meta.summary).toMatch(/^Solgården og virksomheden Lunatech/);
    expect(sections(doc)).toEqual(['', 'Baggrund', 'Forløbet', 'Forløbet › Økonomi', 'Resultater']);
    expect(doc.body).toContain('1. Behovsafdækning med medarbejdere og pårørende');
    expect(doc.body).toContain('- Antallet af fald om natten faldt med 35 procent.');
  });

  it('keeps only the main content of an HTML page: no navigation, scripts, styles, header or footer', async () => {
    const imported = await importFixture('page.html');
    const doc = asCorpusDocument(imported);
    expect(doc.meta).toMatchObject({
      title: 'Innovationspartnerskab',
      summary: 'Sådan bruger kommunen innovationspartnerskaber til at udvikle nye løsninger sammen med virksomheder.',
      tags: ['innovationspartnerskab', 'udbud', 'OPI'],
      language: 'da',
    });
    expect(sections(doc)).toEqual(['', 'Hvornår giver det mening?', 'Faser', 'Faser › Økonomi']);
    for (const chrome of [
      'NAVIGATIONSMENU',
      'MENU-SCRIPT-TEKST',
      'SCRIPT-I-MAIN',
      'SIDEBJÆLKE',
      'SIDEFOD',
      'font-family',
    ]) {
      expect(doc.body).not.toContain(chrome);
    }
    expect(imported.warnings).toEqual([expect.stringMatching(/1 billede/)]);
  });

  it('reads a PDF report with its title and headings inferred from font size', async () => {
    const doc = asCorpusDocument(await importFixture('report.pdf'));
    expect(doc.meta).toMatchObject({
      title: 'Evaluering af OPI-projektet Grønne Tage',
      language: 'da',
      source: { title: 'Evaluering af Grønne Tage' },
    });
    expect(sections(doc)).toEqual(['', 'Formål', 'Metode', 'Metode › Måleudstyr', 'Resultater']);
    expect(doc.body).toContain(
      'Projektet skulle vise, om grønne tage kan forsinke regnvand og sænke temperaturen i bygningerne om sommeren.',
    );
  });

  it('reads plain text with a short first line as the title', async () => {
    const bytes = new TextEncoder().encode(
      'Mødereferat\n\nStyregruppen mødtes den 3. marts\nog besluttede at forlænge projektet.\n\n# ikke en overskrift\n',
    );
    const result = await importSource(
      { name: 'referat', files: [{ path: 'referat.txt', bytes }] },
      { today: '2025-06-01' },
    );
    const doc = asCorpusDocument(result.documents[0]!);
    expect(doc.meta.title).toBe('Mødereferat');
    expect(doc.body).toBe(
      'Styregruppen mødtes den 3. marts og besluttede at forlænge projektet.\n\n\\# ikke en overskrift\n',
    );
  });

  it('writes a literal replacement character as a character reference, so corpus:check does not take it for bad UTF-8', async () => {
    const bytes = new TextEncoder().encode(
      'Bad bytes show as \uFFFD when the encoding is wrong, and it is not rare.\n',
    );
    const result = await importSource({ name: 'x', files: [{ path: 'enc.md', bytes }] }, { today: '2025-06-01' });
    const doc = asCorpusDocument(result.documents[0]!);
    expect(doc.body).toContain('show as &#xFFFD; when');
  });

  it('skips a file it cannot read, with the reason, instead of failing the import', async () => {
    const bad = { path: 'broken.pdf', bytes: new TextEncoder().encode('not a pdf') };
    const old = { path: 'notat.doc', bytes: new Uint8Array([0xd0, 0xcf]) };
    const result = await importSource({ name: 'x', files: [bad, old] }, { today: '2025-06-01' });
    expect(result.documents).toEqual([]);
    expect(result.skipped).toEqual([
      { sourcePath: 'broken.pdf', reason: expect.stringMatching(/^kunne ikke læses/) },
      { sourcePath: 'notat.doc', reason: expect.stringMatching(/\.docx/) },
    ]);
  });
});
