import type { Table } from 'mdast';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { describe, expect, it } from 'vitest';
import { liftBigTables, TABLE_MARKER } from '../../src/corpus/big-tables.js';
import { chunkDocument } from '../../src/corpus/chunk.js';
import { tableRows } from '../../src/corpus/render-blocks.js';
import type { Document } from '../../src/corpus/types.js';

const parser = unified().use(remarkParse).use(remarkGfm);

const doc = (body: string): Document => ({
  docId: 'tabel',
  path: 'guide/tabel.md',
  meta: {
    title: 'Tabel',
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

const header = '| Kommune | *Region* | Beløb |\n| --- | :-: | ---: |';
const oddRows = [
  '| Aarhus | Midtjylland | 100 kr |',
  '| Odense |  | 200 kr |',
  '| **Fed** kommune | [link](https://x.dk) | `kode | med rør` |',
  '| escaped \\| rør | Syd | 1 &amp; 2 |',
  '| for | mange | celler | her |',
  '| kun én |',
  '|  |  |  |',
  '|Uden mellemrum|Nord|3|',
  '| <b>html</b> | ~~slettet~~ | æøå |',
];

describe('liftBigTables', () => {
  it('renders every row exactly as remark does: plain rows, markup, escaped pipes, code, missing, extra and empty cells', () => {
    const rows = Array.from({ length: 250 }, (_, i) => oddRows[i % oddRows.length]!.replace('Aarhus', `Aarhus ${i}`));
    const markdown = `Indledning.\n\n${header}\n${rows.join('\n')}\n\nEfter tabellen.`;
    const lifted = liftBigTables(markdown, 1);
    const table = parser.parse(markdown).children[1] as Table;
    expect(table.type).toBe('table');
    expect(lifted.byLine.get(3)).toEqual(tableRows(table));
    const lines = lifted.text.split('\n');
    expect(lines).toHaveLength(markdown.split('\n').length);
    expect(lines[2]).toBe(TABLE_MARKER);
    expect(lines.at(-1)).toBe('Efter tabellen.');
  });

  it('leaves small tables, tables in code fences, HTML comments and lists, and a table a lazy line continues, to remark', () => {
    const table = `${header}\n${'| a | b | c |\n'.repeat(5)}`;
    const cases = [
      `${header}\n| a | b | c |\n`,
      `\`\`\`\n${table}\`\`\`\n`,
      `~~~~md\n\n${table}\n~~~~\n`,
      `<!--\n\n${table}\n-->\n`,
      `<pre>\n\n${table}\n</pre>\n`,
      `- punkt\n\n  ${table.replaceAll('\n', '\n  ')}`,
      `${table}lazy linje uden rør\n`,
    ];
    for (const markdown of cases) {
      const lifted = liftBigTables(markdown, markdown === cases[0] ? 2 : 1);
      expect(lifted.byLine.size, markdown).toBe(0);
      expect(lifted.text).toBe(markdown);
    }
  });
});

describe('chunkDocument over a big table', () => {
  it('chunks a 10,000-row table by rows with its header, in well under the 10.7 s it took', () => {
    const rows = Array.from(
      { length: 10_000 },
      (_, i) => `| Kommune ${i} | Region ${i % 5} | ${i * 100} kr | en note om række ${i} |`,
    );
    const body = `## Tal\n\n| Kommune | Region | Beløb | Note |\n| --- | --- | --- | --- |\n${rows.join('\n')}\n\n## Efter\n\nSidste afsnit.`;
    const started = performance.now();
    const chunks = chunkDocument(doc(body));
    expect(performance.now() - started).toBeLessThan(3000);
    const table = chunks.filter((c) => c.section === 'Tal');
    expect(table.length).toBeGreaterThan(100);
    const lines = table.flatMap((c) => c.text.split('\n'));
    expect(lines).toHaveLength(10_000);
    expect(lines).toEqual(
      rows.map(
        (_, i) => `Kommune ${i} – Region: Region ${i % 5}; Beløb: ${i * 100} kr; Note: en note om række ${i}`,
      ),
    );
    expect(table[0]!.line).toBe(5);
    expect(table[1]!.line).toBe(5 + table[0]!.text.split('\n').length);
    const after = chunks.find((c) => c.section === 'Efter')!;
    expect(after.line).toBe(body.split('\n').indexOf('Sidste afsnit.') + 1);
  });
});
