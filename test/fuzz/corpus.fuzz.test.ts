import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import type { Root } from 'mdast';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { describe, expect, it } from 'vitest';
import { type Chunk, chunkDocument, type Document, loadCorpus, parseDocument } from '../../src/corpus/index.js';
import { tameNesting } from '../../src/corpus/tame-nesting.js';
import { renderBlocks } from '../../src/corpus/render-blocks.js';
import { anyText, NASTY, word } from './arbitraries.js';

const CHUNK_FILE = fileURLToPath(new URL('../support/chunk-file.ts', import.meta.url));

const FRONTMATTER = `---
title: "Fuzz"
kind: guide
summary: "Et dokument til fuzz-test."
source:
  organisation: "Test"
  title: "Test"
updated: "2024-01-01"
---
`;

/** A valid document around an arbitrary Markdown body. */
function docOf(body: string, docId = 'fuzz'): Document {
  return {
    docId,
    path: `guide/${docId}.md`,
    meta: {
      title: 'Fuzz',
      kind: 'guide',
      summary: 'Et dokument til fuzz-test.',
      tags: [],
      source: { organisation: 'Test', title: 'Test' },
      updated: '2024-01-01',
      language: 'da',
    },
    body,
    hash: '0',
  };
}

/** Markdown-shaped junk: fences (often unclosed), headings, quotes, nested lists, tables, HTML, BOMs, CRLF. */
const markdownPiece: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    '```',
    '~~~',
    '```js',
    '    code',
    '# ',
    '## ',
    '###### ',
    '####### ',
    '> ',
    '>>>>>>>> ',
    '- ',
    '* ',
    '1. ',
    '- [ ] ',
  ),
  fc.constantFrom(
    '| a | b |',
    '|---|---|',
    '| 1 |',
    '|',
    '||',
    ':-:',
    '<div>',
    '</div>',
    '<!--',
    '-->',
    '[x]: http://a',
    '[^1]',
    '[^1]: fod',
  ),
  fc.constantFrom(
    '\n',
    '\n\n',
    '\r\n',
    '\r',
    '\uFEFF',
    '  ',
    '\t',
    '***',
    '---',
    '===',
    '***bold',
    '_',
    '*',
    '![alt](x.png)',
    '[link](javascript:x)',
  ),
  fc.constantFrom(...NASTY),
  word,
  fc.integer({ min: 1, max: 40 }).map((n) => `${'  '.repeat(n)}- `),
  fc.integer({ min: 1, max: 60 }).map((n) => '> '.repeat(n)),
  fc.string({ unit: 'binary', maxLength: 20 }),
);
const markdownish = (maxLength = 80): fc.Arbitrary<string> =>
  fc.array(markdownPiece, { maxLength }).map((pieces) => pieces.join(''));

/** The same parse the chunker does (BOM stripped, line breaks normalised, pathological nesting flattened). */
const parser = unified().use(remarkParse).use(remarkGfm);
function parse(body: string): Root {
  return parser.parse(tameNesting(body.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n')).text);
}

/**
 * The document's plain-text rendering: every top-level non-heading node rendered to blocks, in order.
 * Headings are not text of a chunk; they become its `sectionPath`.
 */
function renderedText(body: string): string {
  return parse(body)
    .children.filter((n) => n.type !== 'heading')
    .flatMap((n) => renderBlocks(n))
    .map((b) => b.text)
    .join('\n');
}

const nonSpace = (s: string) => s.replace(/\s+/g, '');

/** Chunk invariants that hold for any input. */
function expectWellFormed(chunks: Chunk[], docId: string): void {
  expect(chunks.map((c) => c.ordinal)).toEqual(chunks.map((_, i) => i));
  expect(new Set(chunks.map((c) => c.id)).size).toBe(chunks.length);
  for (const c of chunks) {
    expect(c.id).toBe(`${docId}#${c.anchor}`);
    expect(c.text.trim()).not.toBe('');
    expect(c.line).toBeGreaterThanOrEqual(1);
  }
}

describe('loader under arbitrary files', () => {
  it('parseDocument never throws: arbitrary text gives a document or an error issue naming the path', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          anyText(400),
          markdownish(),
          markdownish().map((b) => FRONTMATTER + b),
        ),
        (content) => {
          const result = parseDocument({ path: 'guide/x.md', content });
          if (!result.document) {
            expect(result.issues.some((i) => i.severity === 'error')).toBe(true);
          }
          for (const issue of result.issues) expect(issue.path).toBe('guide/x.md');
        },
      ),
      { numRuns: 300 },
    );
  });

  it('parseDocument never throws on junk frontmatter (YAML bombs, tabs, duplicate keys, wrong types)', () => {
    const yamlPiece = fc.oneof(
      fc.constantFrom(
        'title: ',
        'kind: ',
        'summary: ',
        'source:\n  ',
        'updated: ',
        'tags: [',
        ']',
        '{',
        '}',
        '&a ',
        '*a',
        '!!binary ',
        ': ',
        '- ',
        '\t',
        '"',
        "'",
        '\n',
        '---',
        '...',
      ),
      fc.constantFrom('guide', 'case', '2024-13-45', 'null', '~', '[[[[[[[[', 'x'.repeat(300)),
      fc.string({ unit: 'binary', maxLength: 10 }),
    );
    fc.assert(
      fc.property(fc.array(yamlPiece, { maxLength: 40 }), fc.boolean(), (pieces, closed) => {
        const content = `---\n${pieces.join('')}\n${closed ? '---\n\nTekst.' : ''}`;
        const result = parseDocument({ path: 'guide/x.md', content });
        expect(result.document !== undefined || result.issues.length > 0).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('loadCorpus never throws and keeps one document per id over arbitrary file sets', () => {
    const file = fc.record({
      path: fc.oneof(
        fc.constantFrom('guide/a.md', 'case/a.md', '_meta/x.md', 'README.md', 'guide/b.MD', '.x/y.md', 'x.txt'),
        fc.string({ maxLength: 20 }),
      ),
      content: fc.oneof(
        anyText(),
        markdownish(30).map((b) => FRONTMATTER + b),
      ),
    });
    fc.assert(
      fc.property(fc.array(file, { maxLength: 8 }), (files) => {
        const { documents } = loadCorpus(files);
        expect(new Set(documents.map((d) => d.docId)).size).toBe(documents.length);
      }),
      { numRuns: 200 },
    );
  });

  it('loads a BOM + CRLF file the same as its LF twin', () => {
    const lf = `${FRONTMATTER}\n## Afsnit\n\nTekst om samarbejde.\n`;
    const crlf = `\uFEFF${lf.replace(/\n/g, '\r\n')}`;
    const a = parseDocument({ path: 'guide/x.md', content: lf }).document!;
    const b = parseDocument({ path: 'guide/x.md', content: crlf }).document!;
    expect(b.meta).toEqual(a.meta);
    expect(chunkDocument(b).map((c) => [c.id, c.text])).toEqual(chunkDocument(a).map((c) => [c.id, c.text]));
  });
});

describe('chunker under arbitrary Markdown', () => {
  it('never throws and yields well-formed chunks (ordinals, unique ids, non-empty text)', () => {
    fc.assert(
      fc.property(fc.oneof(markdownish(120), anyText(400)), (body) => {
        expectWellFormed(chunkDocument(docOf(body)), 'fuzz');
      }),
      { numRuns: 300 },
    );
  });

  // "Cover" for the plain-text rendering: the rendered text of a document is the text of its
  // top-level non-heading blocks, in order (renderBlocks). The chunks, read in ordinal order, hold
  // exactly that text: the same sequence of non-whitespace characters — nothing lost, nothing
  // repeated, nothing reordered. Only whitespace between pieces may change where chunks split.
  it('chunks cover the rendered text exactly: no loss, no duplication, no reordering', () => {
    fc.assert(
      fc.property(fc.oneof(markdownish(120), anyText(300)), fc.integer({ min: 50, max: 400 }), (body, target) => {
        const chunks = chunkDocument(docOf(body), { targetChars: target, maxChars: target * 2 });
        expect(nonSpace(chunks.map((c) => c.text).join(''))).toBe(nonSpace(renderedText(body)));
      }),
      { numRuns: 300 },
    );
  });

  it('covers generated documents word for word and files each word under its heading', () => {
    const section = fc.record({
      heading: fc.array(word, { minLength: 1, maxLength: 3 }).map((w) => w.join(' ')),
      paragraphs: fc.array(fc.array(word, { minLength: 1, maxLength: 60 }), { maxLength: 4 }),
      list: fc.array(fc.array(word, { minLength: 1, maxLength: 8 }), { maxLength: 5 }),
    });
    fc.assert(
      fc.property(
        fc.array(section, { minLength: 1, maxLength: 6 }),
        fc.integer({ min: 50, max: 300 }),
        (sections, target) => {
          const body = sections
            .map((s) => {
              const paras = s.paragraphs.map((p) => `${p.join(' ')}.`).join('\n\n');
              const list = s.list.map((item) => `- ${item.join(' ')}`).join('\n');
              return `## ${s.heading}\n\n${paras}\n\n${list}\n`;
            })
            .join('\n');
          const chunks = chunkDocument(docOf(body), { targetChars: target, maxChars: target * 2 });
          const words = (t: string) => t.match(/[a-zæøå]+/g) ?? [];
          const expected = sections.flatMap((s) => [...s.paragraphs.flat(), ...s.list.flat()]);
          expect(chunks.flatMap((c) => words(c.text))).toEqual(expected);
          // every chunk sits under the heading its words came from
          const headingOfWords = sections.flatMap((s) =>
            [...s.paragraphs.flat(), ...s.list.flat()].map(() => s.heading.trim()),
          );
          expect(chunks.flatMap((c) => words(c.text).map(() => c.section))).toEqual(headingOfWords);
          // a chunk exceeds maxChars only when it is one unsplittable piece (a sentence or list item)
          for (const c of chunks) {
            if (c.text.length > target * 2) expect(c.text).not.toMatch(/\n/);
          }
        },
      ),
      { numRuns: 80 },
    );
  });

  it('keeps chunk ids stable when another section is edited, and when a section is appended', () => {
    const sectionArb = fc.record({
      paragraphs: fc.array(fc.array(word, { minLength: 1, maxLength: 80 }), { minLength: 1, maxLength: 4 }),
    });
    fc.assert(
      fc.property(
        fc.array(sectionArb, { minLength: 2, maxLength: 6 }),
        fc.nat(),
        fc.array(fc.array(word, { minLength: 1, maxLength: 80 }), { minLength: 1, maxLength: 4 }),
        (sections, pick, replacement) => {
          const render = (secs: { paragraphs: string[][] }[]) =>
            secs
              .map((s, i) => `## Afsnit ${i + 1}\n\n${s.paragraphs.map((p) => `${p.join(' ')}.`).join('\n\n')}\n`)
              .join('\n');
          const edited = pick % sections.length;
          const before = chunkDocument(docOf(render(sections)));
          const after = chunkDocument(
            docOf(render(sections.map((s, i) => (i === edited ? { paragraphs: replacement } : s)))),
          );
          const untouched = (cs: Chunk[]) =>
            cs.filter((c) => c.section !== `Afsnit ${edited + 1}`).map((c) => [c.id, c.text]);
          expect(untouched(after)).toEqual(untouched(before));

          const appended = chunkDocument(docOf(`${render(sections)}\n## Nyt afsnit\n\nNy tekst.\n`));
          expect(appended.slice(0, before.length).map((c) => [c.id, c.text])).toEqual(
            before.map((c) => [c.id, c.text]),
          );
        },
      ),
      { numRuns: 60 },
    );
  });

  it('survives pathological shapes: 1 000-deep quotes, 60-deep lists, a 100×30 table, a 200 KB line, unclosed fences', () => {
    const cases = [
      `${'> '.repeat(1000)}dybt citat`,
      Array.from({ length: 60 }, (_, i) => `${'  '.repeat(i)}- punkt ${i}`).join('\n'),
      [
        `| ${Array.from({ length: 30 }, (_, i) => `k${i}`).join(' | ')} |`,
        `|${'---|'.repeat(30)}`,
        ...Array.from(
          { length: 100 },
          (_, r) => `| ${Array.from({ length: 30 }, (_, i) => `v${r}-${i}`).join(' | ')} |`,
        ),
      ].join('\n'),
      `Indledning ${'ord '.repeat(10_000)}`,
      `${'x'.repeat(200_000)}\n\n## Efter\n\nTekst.`,
      '```\nkode uden slut\n\n## Ikke en overskrift\n',
      '~~~\n'.repeat(500),
      '\uFEFF\r\n## Overskrift\r\n\r\nTekst\r\rmere\r\n',
      '<div>\n'.repeat(500),
      '[a]: http://a\n'.repeat(300) + '[a] '.repeat(300),
    ];
    for (const body of cases) {
      const chunks = chunkDocument(docOf(body));
      expectWellFormed(chunks, 'fuzz');
      expect(nonSpace(chunks.map((c) => c.text).join(''))).toBe(nonSpace(renderedText(body)));
    }
  });

  it('loads and chunks a file with a single 5 MB line', () => {
    const content = `${FRONTMATTER}\n## Lang linje\n\n${'x'.repeat(5_000_000)}\n`;
    expect(content.length).toBeGreaterThan(5_000_000);
    const { documents } = loadCorpus([{ path: 'guide/lang.md', content }]);
    expect(documents).toHaveLength(1);
    const chunks = chunkDocument(documents[0]!);
    expect(chunks.length).toBeGreaterThan(0);
    expect(chunks.every((c) => c.section === 'Lang linje')).toBe(true);
    expect(chunks.reduce((n, c) => n + c.text.length, 0)).toBe(5_000_000);
  }, 60_000);

  // remark-parse is super-linear in list nesting depth (300 levels took 10–20 s); the loader now
  // flattens pathological nesting first (src/corpus/tame-nesting.ts). The chunker runs in a child
  // process here: the chunking itself must finish within 5 s (it takes milliseconds), and the child is
  // killed after 60 s so a relapse cannot hang the suite. Module loading is not counted: on a busy
  // machine tsx alone can take 5 s to start.
  it('chunks a 300-deep nested list (90 KB) without stalling (under 5 s; child killed after 60 s)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'fuzz-deep-'));
    try {
      const file = join(dir, 'deep.md');
      writeFileSync(file, Array.from({ length: 300 }, (_, i) => `${'  '.repeat(i)}- punkt ${i}`).join('\n'));
      const run = spawnSync(process.execPath, ['--import', 'tsx', CHUNK_FILE, file], {
        timeout: 60_000,
        encoding: 'utf8',
      });
      expect(run.signal).toBeNull();
      const [count, ms] = run.stdout.trim().split(' ').map(Number);
      expect(count).toBeGreaterThan(0);
      expect(ms).toBeLessThan(5_000);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 70_000);
});
