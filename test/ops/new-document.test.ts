import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { documentSlug, renderNewDocument } from '../../src/ops/new-document.js';

describe('documentSlug', () => {
  it('transliterates Danish letters and makes kebab-case', () => {
    expect(documentSlug('Aalborg: Plejehjem & medicinhåndtering')).toBe('aalborg-plejehjem-medicinhaandtering');
    expect(documentSlug('Økonomi i OPI-samarbejder — hvad gør vi?')).toBe('oekonomi-i-opi-samarbejder-hvad-goer-vi');
    expect(documentSlug('Æbler, ører og ål')).toBe('aebler-oerer-og-aal');
    expect(documentSlug('Café Über')).toBe('cafe-uber');
    expect(documentSlug('!!!')).toBe('');
  });

  it('cuts long titles at a word boundary', () => {
    const slug = documentSlug('Et meget langt navn '.repeat(10));
    expect(slug.length).toBeLessThanOrEqual(80);
    expect(slug).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
    expect(slug.endsWith('-')).toBe(false);
  });
});

describe('renderNewDocument', () => {
  const template = [
    '---',
    'title: "Kommunenavn: kort beskrivelse"',
    'kind: case',
    'summary: "…"',
    'source:',
    '  organisation: "Org"',
    '  title: "Titel"',
    '  date: "2026-01-01"',
    'updated: "2026-01-01"',
    '---',
    '',
    '## Kort om {{title}}',
    '',
    'Id: {{slug}}, dato {{date}}.',
    '',
  ].join('\n');

  it('sets title and updated and fills placeholders, leaving the rest', () => {
    const out = renderNewDocument(template, {
      title: 'Odense: "boliger" til unge',
      slug: 'odense',
      date: '2025-05-04',
    });
    const front = parse(out.split('---\n')[1]!);
    expect(front).toMatchObject({ title: 'Odense: "boliger" til unge', updated: '2025-05-04', kind: 'case' });
    expect(front.source.date).toBe('2026-01-01');
    expect(out).toContain('## Kort om Odense: "boliger" til unge');
    expect(out).toContain('Id: odense, dato 2025-05-04.');
  });

  it('refuses a template without frontmatter or fields', () => {
    expect(() => renderNewDocument('# Ingen frontmatter', { title: 't', slug: 's', date: 'd' })).toThrow(/frontmatter/);
    expect(() => renderNewDocument('---\ntitle: x\n---\n', { title: 't', slug: 's', date: 'd' })).toThrow(/updated/);
  });
});
