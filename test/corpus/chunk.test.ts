import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { chunkDocument } from '../../src/corpus/chunk.js';
import { parseDocument } from '../../src/corpus/parse-document.js';
import type { Chunk, Document } from '../../src/corpus/types.js';
import { splitSentences } from '../../src/text/sentences.js';

const fixture = (name: string) => fileURLToPath(new URL(`../fixtures/corpus/${name}`, import.meta.url));

function load(name: string, kind: string): Document {
  const content = readFileSync(fixture(`${name}.md`), 'utf8');
  const { document, issues } = parseDocument({ path: `${kind}/${name}.md`, content });
  expect(issues).toEqual([]);
  return document!;
}

const doc = (body: string, docId = 'test-doc'): Document => ({
  docId,
  path: `guide/${docId}.md`,
  meta: {
    title: 'Testdokument',
    kind: 'guide',
    summary: 'Resumé',
    tags: [],
    source: { organisation: 'Org', title: 'Kilde' },
    updated: '2024-05-01',
    language: 'da',
  },
  body,
  hash: 'x',
});

const view = (chunks: Chunk[]) =>
  chunks.map(({ id, anchor, ordinal, sectionPath, section, line, text }) => ({
    id,
    anchor,
    ordinal,
    sectionPath,
    section,
    line,
    text,
  }));

describe('chunkDocument on fixtures (Markdown next to its expected chunks)', () => {
  it.each([
    ['nested-headings', 'guide'],
    ['tables', 'case'],
    ['crlf-bom', 'faq'],
  ])('%s.md gives %s.json', (name, kind) => {
    const expected = JSON.parse(readFileSync(fixture(`${name}.json`), 'utf8'));
    expect(view(chunkDocument(load(name, kind)))).toEqual(expected);
  });

  it('carries title, kind and docId on every chunk', () => {
    const chunks = chunkDocument(load('nested-headings', 'guide'));
    for (const c of chunks) {
      expect(c).toMatchObject({ docId: 'nested-headings', title: 'Indlejrede overskrifter', kind: 'guide' });
      expect(c.id).toBe(`nested-headings#${c.anchor}`);
    }
  });
});

describe('chunkDocument: sections', () => {
  it('puts text before the first heading in its own chunk with an empty section', () => {
    const [intro, next] = chunkDocument(doc('Først lidt tekst.\n\n## Afsnit\n\nMere tekst.'));
    expect(intro).toMatchObject({ anchor: 'intro', section: '', sectionPath: [], text: 'Først lidt tekst.', line: 1 });
    expect(next).toMatchObject({ anchor: 'afsnit', section: 'Afsnit', text: 'Mere tekst.', line: 5 });
  });

  it('builds the section path from H2 down to H4 and pops it at a higher heading', () => {
    const chunks = chunkDocument(doc('## A\n\na\n\n### B\n\nb\n\n#### C\n\nc\n\n### D\n\nd\n\n## E\n\ne'));
    expect(chunks.map((c) => c.section)).toEqual(['A', 'A › B', 'A › B › C', 'A › D', 'E']);
  });

  it('gives no chunk to a heading without its own text', () => {
    const chunks = chunkDocument(doc('## Tom\n\n### Under\n\nTekst.'));
    expect(chunks.map((c) => c.anchor)).toEqual(['under']);
  });

  it('strips inline Markdown from headings and text, keeping link text', () => {
    const [c] = chunkDocument(
      doc('## Om *OPI* og [`kode`](https://x.dk)\n\nSe **guiden** på [opi.dk](https://opi.dk) ![logo](a.png).'),
    );
    expect(c).toMatchObject({ section: 'Om OPI og kode', anchor: 'om-opi-og-kode', text: 'Se guiden på opi.dk logo.' });
  });

  it('renders ordered, nested and task lists as lines', () => {
    const [c] = chunkDocument(doc('## L\n\n3. tre\n4. fire\n   - under\n\n- [x] gjort\n- [ ] mangler'));
    expect(c!.text).toBe('3. tre\n4. fire\n  - under\n\n- [x] gjort\n- [ ] mangler');
  });
});

describe('chunkDocument: anchors', () => {
  it('slugs headings to ASCII with æ→ae, ø→oe, å→aa', () => {
    const chunks = chunkDocument(
      doc('## Råd 1: Lær kommunen at kende\n\nx\n\n## Økonomi & ændringer\n\ny\n\n## Café é\n\nz'),
    );
    expect(chunks.map((c) => c.anchor)).toEqual(['raad-1-laer-kommunen-at-kende', 'oekonomi-aendringer', 'cafe-e']);
  });

  it('numbers repeated headings -2, -3 and split parts --2, --3', () => {
    const long = Array.from({ length: 30 }, (_, i) => `Sætning nummer ${i + 1} er her.`).join(' ');
    const chunks = chunkDocument(doc(`## Råd\n\na\n\n## Råd\n\n${long}\n\n## Råd\n\nc`), {
      targetChars: 200,
      maxChars: 300,
    });
    const anchors = chunks.map((c) => c.anchor);
    expect(anchors[0]).toBe('raad');
    expect(anchors[1]).toBe('raad-2');
    expect(anchors[2]).toBe('raad-2--2');
    expect(anchors.at(-1)).toBe('raad-3');
    expect(new Set(anchors).size).toBe(anchors.length);
    expect(chunks.map((c) => c.ordinal)).toEqual(chunks.map((_, i) => i));
  });

  it('does not collide a repeated heading with a heading that already has that slug', () => {
    const chunks = chunkDocument(doc('## Råd 2\n\na\n\n## Råd\n\nb\n\n## Råd\n\nc'));
    expect(chunks.map((c) => c.anchor)).toEqual(['raad-2', 'raad', 'raad-3']);
  });

  it("keeps other sections' ids when one section is edited", () => {
    const before = chunkDocument(load('nested-headings', 'guide'));
    const edited = load('nested-headings', 'guide');
    const long = Array.from({ length: 80 }, (_, i) => `Ny sætning ${i + 1} om borgerne.`).join(' ');
    edited.body = edited.body.replace('Tekst i første fase', `${long}\n\nTekst i første fase`);
    const after = chunkDocument(edited);
    const ids = (cs: Chunk[]) => cs.filter((c) => c.section !== 'Første fase').map((c) => c.id);
    expect(ids(after)).toEqual(ids(before));
    expect(after.filter((c) => c.section === 'Første fase').length).toBeGreaterThan(1);
  });
});

describe('chunkDocument: sizes', () => {
  const longDoc = load('long-section', 'advice');

  it('splits a long section at sentence boundaries, never inside a sentence', () => {
    const chunks = chunkDocument(longDoc).filter((c) => c.section === 'Et langt råd');
    expect(chunks.length).toBeGreaterThan(2);
    const sentences = new Set(splitSentences(longDoc.body.replace(/^## .*$/gm, '')));
    for (const c of chunks) {
      for (const s of splitSentences(c.text)) expect(sentences.has(s)).toBe(true);
      expect(c.text.length).toBeLessThanOrEqual(1200);
    }
    expect(chunks.map((c) => c.anchor)).toEqual(
      chunks.map((_, i) => (i === 0 ? 'et-langt-raad' : `et-langt-raad--${i + 1}`)),
    );
  });

  it('loses no text when splitting', () => {
    const chunks = chunkDocument(longDoc).filter((c) => c.section === 'Et langt råd');
    const all = chunks
      .map((c) => c.text)
      .join(' ')
      .replace(/\s+/g, ' ');
    for (const s of splitSentences(longDoc.body.split('## Kort afsnit')[0]!.replace(/^## .*$/gm, ''))) {
      expect(all).toContain(s);
    }
  });

  it('keeps a section up to targetChars in one chunk', () => {
    const body = `## Kort\n\n${'Ord og flere ord. '.repeat(20).trim()}\n\n- punkt et\n- punkt to`;
    expect(chunkDocument(doc(body))).toHaveLength(1);
  });

  it('cuts a sentence longer than maxChars between words, so no chunk is longer than maxChars', () => {
    const sentence = `${'langt ord '.repeat(200).trim()}.`;
    const chunks = chunkDocument(doc(`## S\n\nKort start. ${sentence} Kort slut.`), {
      targetChars: 100,
      maxChars: 200,
    });
    for (const c of chunks) {
      expect(c.text.length).toBeLessThanOrEqual(200);
      for (const w of c.text.split(' ')) expect(['Kort', 'start.', 'langt', 'ord', 'ord.', 'slut.']).toContain(w);
    }
    expect(chunks.map((c) => c.text).join(' ')).toBe(`Kort start. ${sentence} Kort slut.`);
  });

  it('caps every chunk at maxChars, even for a 1 MB line without a full stop or a 100 KB word', () => {
    const line = 'ord uden punktum '.repeat(62_000).trim();
    const word = `${'æ'.repeat(99_999)}😀`;
    const chunks = chunkDocument(
      doc(`## Lang\n\n${line}\n\n## Ord\n\n${word}\n\n## Liste\n\n- punkt ${line.slice(0, 100_000)}`),
    );
    expect(line.length).toBeGreaterThan(1_000_000);
    for (const c of chunks) expect(c.text.length).toBeLessThanOrEqual(1200);
    const text = (section: string) =>
      chunks
        .filter((c) => c.section === section)
        .map((c) => c.text)
        .join(' ');
    expect(text('Lang')).toBe(line);
    expect(text('Liste')).toBe(`- punkt ${line.slice(0, 100_000)}`);
    expect(text('Ord').replace(/\s+/g, '')).toBe(word);
    expect(text('Ord')).not.toContain('\uFFFD');
  });

  it('writes table rows as lines a person can read: "Label: value" in two columns, "Label – Header: value; …" wider', () => {
    const [two] = chunkDocument(
      doc('## Effekt\n\n| Effekt | Hvor ofte |\n| --- | --- |\n| Kvaliteten forbedres | i tre ud af fire |'),
    );
    expect(two!.text).toBe('Kvaliteten forbedres: i tre ud af fire');
    const [wide] = chunkDocument(
      doc(
        '## Forskelle\n\n| Dimension | Private | Offentlige |\n| --- | --- | --- |\n| Risiko | Lav | Høj |\n| Tempo | | Langsom |',
      ),
    );
    expect(wide!.text).toBe('Risiko – Private: Lav; Offentlige: Høj\nTempo – Offentlige: Langsom');
    // a row without a first cell names its values by their headers
    const [headless] = chunkDocument(
      doc('## Tider\n\n| | København | Aalborg |\n| --- | --- | --- |\n| | kl. 13 | kl. 14 |'),
    );
    expect(headless!.text).toBe('København: kl. 13; Aalborg: kl. 14');
  });

  it('keeps a table whole when it fits and splits it row-wise with headers otherwise', () => {
    const chunks = chunkDocument(load('tables', 'case'));
    expect(chunks.filter((c) => c.section === 'Nøgletal')).toHaveLength(1);
    const rows = chunks.filter((c) => c.section === 'Mange rækker');
    expect(rows.length).toBeGreaterThan(1);
    for (const c of rows.slice(1)) {
      for (const line of c.text.split('\n')) expect(line).toMatch(/^[^–;:]+ – Rolle: .+; Bidrag: .+$/);
    }
  });
});

describe('chunkDocument: odd input never throws', () => {
  it.each([
    ['empty body', ''],
    ['only headings', '## A\n### B'],
    ['unclosed fence', '## Kode\n\n```js\nconst x = 1;\n\n## Ikke en overskrift'],
    ['deep nesting', `## Dybt\n\n${Array.from({ length: 60 }, (_, i) => `${'  '.repeat(i)}- niveau ${i}`).join('\n')}`],
    ['deep quotes', `## Citat\n\n${'> '.repeat(80)}dybt citat`],
    ['huge table', `## T\n\n| a | b |\n| - | - |\n${'| x | y |\n'.repeat(3000)}`],
    ['html and comments', '## H\n\n<div>Tekst <b>fed</b></div>\n\n<!-- skjult -->'],
    ['H1 and setext', '# Titel\n\nTekst\n\nUnder\n-----\n\nMere'],
    ['footnotes', '## F\n\nTekst[^1].\n\n[^1]: En fodnote.'],
  ])('%s', (_name, body) => {
    const chunks = chunkDocument(doc(body));
    for (const c of chunks) {
      expect(c.text.trim()).not.toBe('');
      expect(c.id).toBe(`test-doc#${c.anchor}`);
    }
  });

  it('keeps code from an unclosed fence as text', () => {
    const chunks = chunkDocument(doc('## Kode\n\n```js\nconst x = 1;'));
    expect(chunks[0]!.text).toBe('const x = 1;');
  });

  it('renders a 3000-row table in chunks of at most maxChars', () => {
    const chunks = chunkDocument(doc(`## T\n\n| a | b |\n| - | - |\n${'| x | y |\n'.repeat(3000)}`));
    expect(chunks.length).toBeGreaterThan(10);
    for (const c of chunks) expect(c.text.length).toBeLessThanOrEqual(1200);
  });
});
