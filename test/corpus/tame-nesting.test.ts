import { describe, expect, it } from 'vitest';
import { chunkDocument, parseDocument } from '../../src/corpus/index.js';
import { MAX_INDENT, tameNesting } from '../../src/corpus/tame-nesting.js';

const front =
  '---\ntitle: "Dybt"\nkind: guide\nsummary: "s"\nsource:\n  organisation: "o"\n  title: "t"\nupdated: "2026-11-01"\n---\n\n';

describe('tameNesting', () => {
  it('cuts indentation deeper than the limit and leaves ordinary text and frontmatter alone', () => {
    const text = `${front}- a\n  - b\n${' '.repeat(80)}- c`;
    const out = tameNesting(text);
    expect(out.changed).toBe(1);
    expect(out.text.split('\n').at(-1)).toBe(`${' '.repeat(MAX_INDENT)}- c`);
    expect(out.text.startsWith(front)).toBe(true);
    expect(tameNesting('## A\n\n- a\n  - b').changed).toBe(0);
  });

  it('caps block-quote nesting', () => {
    expect(tameNesting('>>>>>>>>>>>> dybt').text).toBe('>>>>>>>> dybt');
  });

  it('lets a 300-level nested list through the loader and chunker with a warning', () => {
    const body = Array.from({ length: 300 }, (_, i) => `${'  '.repeat(i)}- punkt ${i}`).join('\n');
    const { document, issues } = parseDocument({ path: 'guide/dybt.md', content: `${front}## Liste\n\n${body}\n` });
    expect(document).toBeDefined();
    expect(issues.some((i) => i.severity === 'warning' && /dyb indrykning/.test(i.message))).toBe(true);
    const chunks = chunkDocument(document!);
    const text = chunks.map((c) => c.text).join('\n');
    expect(text).toContain('punkt 0');
    expect(text).toContain('punkt 299');
  }, 10_000);

  it('never rewrites code inside a fence: its deep indentation stays as written', () => {
    const code = [
      'def f():',
      `${' '.repeat(40)}return 1`,
      `\t\t\t\t\t\t\t\tx = 2`,
      `${' '.repeat(30)}>>>>>>>>>>>> ikke et citat`,
    ];
    const body = `## Kode\n\n\`\`\`python\n${code.join('\n')}\n\`\`\`\n\n~~~\n${code.join('\n')}\n~~~\n`;
    expect(tameNesting(body)).toEqual({ text: body, changed: 0 });
    const { document } = parseDocument({ path: 'guide/kode.md', content: `${front}${body}` });
    const text = chunkDocument(document!)
      .map((c) => c.text)
      .join('\n');
    expect(text).toContain(`${' '.repeat(40)}return 1`);
    expect(text).toContain(`${' '.repeat(30)}>>>>>>>>>>>> ikke et citat`);
  });

  it('moves a too-deep fence and its code left together, so the code keeps its own indentation', () => {
    const deep = ' '.repeat(30);
    const out = tameNesting(`${deep}\`\`\`\n${deep}a\n${deep}    b\n${deep}\`\`\``);
    const pad = ' '.repeat(MAX_INDENT);
    expect(out.text).toBe(`${pad}\`\`\`\n${pad}a\n${pad}    b\n${pad}\`\`\``);
  });

  it('still flattens a deep list after a fence whose list item has ended', () => {
    const list = Array.from({ length: 40 }, (_, i) => `${'  '.repeat(i)}- punkt ${i}`).join('\n');
    const out = tameNesting(`- a\n\n  \`\`\`\n  kode\n${list}`);
    expect(out.changed).toBeGreaterThan(0);
    expect(out.text.split('\n').at(-1)).toBe(`${' '.repeat(MAX_INDENT)}- punkt 39`);
  });
});
