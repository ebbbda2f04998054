import type { ListItem, Nodes, PhrasingContent, RootContent, Table } from 'mdast';
import { toString as mdastToString } from 'mdast-util-to-string';
import { splitSentences } from '../text/sentences.js';

/** A piece of a block that may start a new chunk: a sentence, a list item, a table row or a code line. */
export interface Unit {
  text: string;
  /** 1-based line in the parsed Markdown. */
  line: number;
}

/** One rendered Markdown block as plain text, and how to split it if it is too long. */
export interface Block {
  text: string;
  line: number;
  /** The block's units and the separator that joins them back into `text`. */
  pieces(): { units: Unit[]; sep: string };
}

const MAX_DEPTH = 24;

/** Plain text of inline Markdown: links keep their text, images their alt text, whitespace collapsed. */
export function inlineText(nodes: readonly PhrasingContent[]): string {
  return collapse(nodes.map(inlineNode).join(''));
}

function inlineNode(node: PhrasingContent): string {
  switch (node.type) {
    case 'text':
    case 'inlineCode':
      return node.value;
    case 'break':
      return ' ';
    case 'image':
      return node.alt ?? '';
    case 'imageReference':
      return node.alt ?? '';
    case 'html':
      return stripHtml(node.value);
    case 'footnoteReference':
      return '';
    default:
      return 'children' in node ? (node.children as PhrasingContent[]).map(inlineNode).join('') : '';
  }
}

/** Render one top-level (non-heading) node into blocks; nodes without text give none. */
export function renderBlocks(node: RootContent, depth = 0): Block[] {
  if (depth > MAX_DEPTH) return textBlock(collapse(mdastToString(node as Nodes)), lineOf(node));
  switch (node.type) {
    case 'paragraph':
      return textBlock(inlineText(node.children), lineOf(node));
    case 'heading':
      return textBlock(inlineText(node.children), lineOf(node));
    case 'html':
      return textBlock(stripHtml(node.value), lineOf(node));
    case 'code':
      return linesBlock(
        node.value.split('\n').map((text, i) => ({ text: text.trimEnd(), line: lineOf(node) + 1 + i })),
        lineOf(node),
      );
    case 'list':
      return linesBlock(
        node.children.map((item, i) => ({
          text: renderListItem(item, listMarker(node.ordered, node.start, i), 0, depth).join('\n'),
          line: lineOf(item),
        })),
        lineOf(node),
      );
    case 'table':
      return linesBlock(tableRows(node), lineOf(node));
    case 'blockquote':
    case 'footnoteDefinition':
      return node.children.flatMap((child) => renderBlocks(child, depth + 1));
    default:
      return [];
  }
}

function listMarker(ordered: boolean | null | undefined, start: number | null | undefined, index: number): string {
  return ordered ? `${(start ?? 1) + index}. ` : '- ';
}

function renderListItem(item: ListItem, marker: string, indent: number, depth: number): string[] {
  const pad = '  '.repeat(indent);
  const check = item.checked === true ? '[x] ' : item.checked === false ? '[ ] ' : '';
  const own: string[] = [];
  const nested: string[] = [];
  for (const child of item.children) {
    if (child.type === 'list') {
      if (depth + indent > MAX_DEPTH) {
        nested.push(`${pad}  - ${collapse(mdastToString(child))}`);
        continue;
      }
      child.children.forEach((sub, i) => {
        nested.push(...renderListItem(sub, listMarker(child.ordered, child.start, i), indent + 1, depth));
      });
    } else {
      const text = renderBlocks(child, depth + indent + 1)
        .map((b) => collapse(b.text))
        .join(' ');
      if (text) own.push(text);
    }
  }
  return [`${pad}${marker}${check}${own.join(' ')}`.trimEnd(), ...nested];
}

/** Table rows as readable lines (`rowUnit`; empty cells left out). */
export function tableRows(table: Table): Unit[] {
  const [head, ...rows] = table.children;
  if (!head) return [];
  const headers = tableHeaders(table);
  if (rows.length === 0) return [{ text: headers.filter(Boolean).join('; '), line: lineOf(head) }];
  const out: Unit[] = [];
  for (const row of rows) {
    const unit = rowUnit(
      headers,
      row.children.map((cell) => inlineText(cell.children)),
      lineOf(row),
    );
    if (unit) out.push(unit);
  }
  return out;
}

/** The plain text of each header cell of a table. */
export function tableHeaders(table: Table): string[] {
  return table.children[0]?.children.map((cell) => inlineText(cell.children)) ?? [];
}

/**
 * One table row as a line a person can read in an answer, from its cells' plain text; undefined when every cell is
 * empty. The first cell names the row: in a table of two columns the row reads `Label: value` ("Kvaliteten
 * forbedres: i tre ud af fire innovationer"), in a wider one `Label – Header: value; Header: value` ("Risikoprofil – Private aktører: lav
 * …; Offentlige aktører: …"). A row without a first cell reads `Header: value; Header: value`; a cell beyond the
 * headers stands without one.
 */
export function rowUnit(headers: readonly string[], values: readonly string[], line: number): Unit | undefined {
  const pairs: string[] = [];
  values.forEach((value, i) => {
    if (!value || i === 0) return;
    const header = headers[i];
    pairs.push(header ? `${header}: ${value}` : value);
  });
  const label = values[0] ?? '';
  if (!label) return pairs.length ? { text: pairs.join('; '), line } : undefined;
  if (pairs.length === 0) return { text: label, line };
  // (a header names the value unless the table has only the one: "Odense – År: 2020", not "Odense: 2020")
  if (headers.length <= 2 && values.length === 2) return { text: `${label}: ${values[1]}`, line };
  return { text: `${label} – ${pairs.join('; ')}`, line };
}

function textBlock(text: string, line: number): Block[] {
  if (!text) return [];
  return [
    {
      text,
      line,
      pieces: () => ({ units: splitSentences(text).map((s) => ({ text: s, line })), sep: ' ' }),
    },
  ];
}

/** A block of lines (code, list items, table rows), split between them when it is too long. */
export function linesBlock(units: Unit[], line: number): Block[] {
  const kept = units.filter((u) => u.text.trim() !== '');
  if (kept.length === 0) return [];
  return [{ text: kept.map((u) => u.text).join('\n'), line, pieces: () => ({ units: kept, sep: '\n' }) }];
}

function lineOf(node: { position?: { start: { line: number } } }): number {
  return node.position?.start.line ?? 1;
}

function stripHtml(html: string): string {
  return collapse(html.replace(/<!--[\s\S]*?(?:-->|$)/g, ' ').replace(/<[^>]*>/g, ' '));
}

/** `text` with each run of whitespace as one space, trimmed. */
export function collapse(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
