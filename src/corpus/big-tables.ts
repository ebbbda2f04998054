import type { Table } from 'mdast';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { collapse, rowUnit, tableHeaders, tableRows, type Unit } from './render-blocks.js';

/** A table with at least this many body rows is rendered here, row by row, instead of by remark. */
export const BIG_TABLE_ROWS = 100;
/** Rows that need Markdown parsing (a cell with markup) are parsed this many at a time, under their header. */
const SLICE_ROWS = 100;
/** The paragraph left where a lifted table stood (private-use characters, so never in a heading's slug). */
export const TABLE_MARKER = '\uE000tabel\uE000';

/** Markdown with its big tables lifted out, and their rows. */
export interface LiftedTables {
  /** The Markdown with each lifted table replaced by a `TABLE_MARKER` line and blank lines (line numbers kept). */
  text: string;
  /** The rows of each lifted table as `rowUnit` lines, by the 1-based line of its marker. */
  byLine: Map<number, Unit[]>;
}

const parser = unified().use(remarkParse).use(remarkGfm);
const DELIMITER_ROW = /^\|[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)*\|?[ \t]*$/;
const ATX_HEADING = /^ {0,3}#{1,6}(?:[ \t]|$)/;
/** Characters that can make a cell's rendered text differ from its source (escapes, code, emphasis, links, HTML, entities). */
const MARKUP = /[\\`*_[\]<&~\0]/;

/**
 * Lift top-level GFM tables of `minRows` body rows or more out of `markdown` before remark parses
 * it: remark builds a tree node per cell and was slow and memory-hungry on them (a 10,000-row table
 * took 10.7 s and 478 MB). Rows without markup are rendered directly; rows with markup are parsed
 * by remark in slices of 100 under the table's header, so every row renders as `tableRows` would.
 * Only a table that starts in column 0 after a blank line, a heading or the start, whose rows all
 * start with `|`, and that ends at a blank line, a heading or the end, is lifted; code fences and
 * multi-line HTML blocks are skipped; anything else is left to remark.
 */
export function liftBigTables(markdown: string, minRows = BIG_TABLE_ROWS): LiftedTables {
  const byLine = new Map<number, Unit[]>();
  if (!markdown.includes('\n|')) return { text: markdown, byLine };
  const lines = markdown.split('\n');
  let fence: string | undefined;
  let htmlEnd: RegExp | undefined;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (fence !== undefined) {
      if (closesFence(line, fence)) fence = undefined;
      continue;
    }
    if (htmlEnd) {
      if (htmlEnd.test(line)) htmlEnd = undefined;
      continue;
    }
    fence = opensFence(line);
    htmlEnd = fence === undefined ? opensHtmlBlock(line) : undefined;
    if (fence !== undefined || htmlEnd || !line.startsWith('|')) continue;
    const before = lines[i - 1];
    if (before !== undefined && before.trim() !== '' && !ATX_HEADING.test(before)) continue;
    if (!DELIMITER_ROW.test(lines[i + 1] ?? '')) continue;
    let end = i + 2;
    while (end < lines.length && lines[end]!.startsWith('|')) end++;
    const after = lines[end];
    const ends = after === undefined || after.trim() === '' || ATX_HEADING.test(after);
    if (end - (i + 2) >= minRows && ends) {
      const units = renderTable(lines, i, end);
      if (units) {
        byLine.set(i + 1, units);
        lines[i] = TABLE_MARKER;
        for (let k = i + 1; k < end; k++) lines[k] = '';
      }
    }
    i = end - 1;
  }
  return { text: byLine.size ? lines.join('\n') : markdown, byLine };
}

/** The rows of the table on `lines[start]` (header) to `lines[end - 1]`, or undefined when remark sees no table there. */
function renderTable(lines: readonly string[], start: number, end: number): Unit[] | undefined {
  const head = parseTable([lines[start]!, lines[start + 1]!]);
  if (!head) return undefined;
  const headers = tableHeaders(head);
  const out: Unit[] = [];
  for (let from = start + 2; from < end; from += SLICE_ROWS) {
    const to = Math.min(end, from + SLICE_ROWS);
    const slice = lines.slice(from, to);
    if (slice.some((row) => MARKUP.test(row))) {
      const table = parseTable([lines[start]!, lines[start + 1]!, ...slice]);
      // slice line 3 is lines[from], which is line from + 1 of the document
      if (table) for (const unit of tableRows(table)) out.push({ text: unit.text, line: unit.line + from - 2 });
      continue;
    }
    slice.forEach((row, k) => {
      const unit = rowUnit(headers, plainCells(row), from + k + 1);
      if (unit) out.push(unit);
    });
  }
  return out;
}

function parseTable(lines: string[]): Table | undefined {
  const node = parser.parse(lines.join('\n')).children[0];
  return node?.type === 'table' ? node : undefined;
}

/** The cells of a row without markup: between its pipes, whitespace collapsed. */
function plainCells(row: string): string[] {
  let inner = row.trimEnd().slice(1);
  if (inner.endsWith('|')) inner = inner.slice(0, -1);
  return inner.split('|').map(collapse);
}

function opensFence(line: string): string | undefined {
  const m = /^ {0,3}(`{3,}|~{3,})(.*)$/.exec(line);
  if (!m || (m[1]![0] === '`' && m[2]!.includes('`'))) return undefined;
  return m[1]!;
}

function closesFence(line: string, fence: string): boolean {
  const m = /^ {0,3}(`{3,}|~{3,})[ \t]*$/.exec(line);
  return m !== null && m[1]![0] === fence[0] && m[1]!.length >= fence.length;
}

/** The end of an HTML block that may span blank lines (CommonMark kinds 1–5), if it opens here and does not close on this line. */
function opensHtmlBlock(line: string): RegExp | undefined {
  const m = /^ {0,3}<(!--|\?|!\[CDATA\[|![A-Za-z]|(script|pre|style|textarea)(?=[\s>]|$))/i.exec(line);
  if (!m) return undefined;
  const end = m[2]
    ? new RegExp(`</${m[2]}>`, 'i')
    : m[1] === '!--'
      ? /-->/
      : m[1] === '?'
        ? /\?>/
        : m[1] === '![CDATA['
          ? /\]\]>/
          : />/;
  return end.test(line.slice(m[0].length)) ? undefined : end;
}
