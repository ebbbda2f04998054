import { isoDate } from './front-matter.js';
import { languageOfTag } from './language.js';
import type { Converted, ConvertedMeta } from './types.js';

/** One line of text on a page, as pdfjs places it. */
interface Line {
  page: number;
  /** Baseline, in PDF units from the bottom of the page. */
  y: number;
  /** Font size (the line's largest), in PDF units. */
  size: number;
  text: string;
}

/** Minimal shape of a pdfjs text item (only the fields read). */
interface TextItem {
  str: string;
  transform: number[];
  width: number;
  hasEOL: boolean;
}

/** A font this much larger than the body text marks a heading. */
const HEADING_RATIO = 1.15;
/** Lines longer than this are never headings. */
const MAX_HEADING_CHARS = 120;
/** A gap between baselines above this many font sizes starts a new paragraph. */
const PARAGRAPH_GAP = 1.5;

/**
 * A PDF's text as Markdown (pdfjs-dist): lines joined into paragraphs, headings inferred from font
 * size (the largest size on the first page is the title, larger-than-body sizes become `##`, `###`,
 * `####` by rank), page numbers dropped, words hyphenated over a line break joined. The document
 * information's title, subject, keywords and dates become metadata. Throws when the bytes are not a
 * PDF; a PDF without text (a scan) gives an empty body.
 */
export async function convertPdf(bytes: Uint8Array): Promise<Converted> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const task = pdfjs.getDocument({
    data: new Uint8Array(bytes),
    verbosity: 0,
    isEvalSupported: false,
    disableFontFace: true,
    useSystemFonts: false,
  });
  const pdf = await task.promise;
  try {
    const lines: Line[] = [];
    for (let n = 1; n <= pdf.numPages; n++) {
      const page = await pdf.getPage(n);
      const content = await page.getTextContent();
      lines.push(
        ...linesOf(
          content.items.filter((i): i is TextItem & typeof i => 'str' in i),
          n,
        ),
      );
      page.cleanup();
    }
    const info = ((await pdf.getMetadata()).info ?? {}) as Record<string, unknown>;
    const { markdown, title } = toMarkdown(lines.filter((l) => !isPageNumber(l.text)));
    const { meta, warnings } = withMeta(info);
    const shownTitle = title ?? meta.sourceTitle;
    if (shownTitle) meta.title = shownTitle;
    return { meta, markdown, warnings };
  } finally {
    await task.destroy();
  }
}

function linesOf(items: readonly TextItem[], page: number): Line[] {
  const lines: Line[] = [];
  let current: (Line & { end: number }) | undefined;
  let breakNext = false;
  for (const item of items) {
    const [a = 0, b = 0, c = 0, d = 0, x = 0, y = 0] = item.transform;
    const size = Math.abs(d) || Math.hypot(c, d) || Math.hypot(a, b);
    if (item.str !== '') {
      if (!current || breakNext || Math.abs(current.y - y) > Math.max(2, size * 0.3)) {
        current = { page, y, size, text: item.str, end: x + item.width };
        lines.push(current);
      } else {
        const gap = x - current.end;
        const space = gap > size * 0.15 && !current.text.endsWith(' ') && !item.str.startsWith(' ');
        current.text += (space ? ' ' : '') + item.str;
        current.size = Math.max(current.size, size);
        current.end = x + item.width;
      }
    }
    breakNext = item.hasEOL;
  }
  for (const line of lines) line.text = line.text.replace(/\s+/g, ' ').trim();
  return lines.filter((l) => l.text !== '');
}

function toMarkdown(lines: Line[]): { markdown: string; title?: string } {
  const body = bodySize(lines);
  const headingSizes = [...new Set(lines.filter((l) => isHeadingLine(l, body)).map((l) => round(l.size)))].sort(
    (p, q) => q - p,
  );
  const titleSize = headingSizes[0];
  const titleLines: string[] = [];
  // the title: the largest size, when it opens the first page
  const first = lines[0];
  const hasTitle =
    first !== undefined && first.page === 1 && titleSize !== undefined && round(first.size) === titleSize;
  if (hasTitle) {
    while (lines.length && round(lines[0]!.size) === titleSize && lines[0]!.page === 1)
      titleLines.push(lines.shift()!.text);
  }
  const levels = new Map((hasTitle ? headingSizes.slice(1) : headingSizes).map((s, i) => [s, Math.min(2 + i, 4)]));
  const blocks: string[] = [];
  let paragraph: string[] = [];
  let previous: Line | undefined;
  const flush = () => {
    if (paragraph.length) blocks.push(joinLines(paragraph));
    paragraph = [];
  };
  for (const line of lines) {
    const level = isHeadingLine(line, body) ? levels.get(round(line.size)) : undefined;
    if (level !== undefined) {
      flush();
      const last = blocks[blocks.length - 1];
      // a heading over two lines of the same size stays one heading
      if (
        previous &&
        last?.startsWith('#') &&
        round(previous.size) === round(line.size) &&
        previous.page === line.page
      ) {
        blocks[blocks.length - 1] = `${last} ${line.text}`;
      } else {
        blocks.push(`${'#'.repeat(level)} ${escapeStart(line.text)}`);
      }
    } else {
      const gap = previous && previous.page === line.page ? previous.y - line.y : 0;
      const newPage = previous && previous.page !== line.page && /[.!?:]$/.test(paragraph.at(-1) ?? '');
      if (paragraph.length && (gap > line.size * PARAGRAPH_GAP || newPage || isHeadingLine(previous!, body))) flush();
      paragraph.push(line.text);
    }
    previous = line;
  }
  flush();
  const out: { markdown: string; title?: string } = { markdown: blocks.join('\n\n') };
  if (titleLines.length) out.title = titleLines.join(' ');
  return out;
}

function isHeadingLine(line: Line, body: number): boolean {
  return line.size > body * HEADING_RATIO && line.text.length <= MAX_HEADING_CHARS;
}

/** The font size most characters are set in. */
function bodySize(lines: readonly Line[]): number {
  const chars = new Map<number, number>();
  for (const l of lines) chars.set(round(l.size), (chars.get(round(l.size)) ?? 0) + l.text.length);
  let best = 0;
  let most = -1;
  for (const [size, n] of chars) if (n > most) [best, most] = [size, n];
  return best;
}

function round(size: number): number {
  return Math.round(size * 2) / 2;
}

/** Lines of one paragraph joined; a word split by a hyphen at a line end is joined again. */
function joinLines(lines: readonly string[]): string {
  let out = '';
  for (const line of lines) {
    if (out === '') out = line;
    else if (/\p{Ll}-$/u.test(out) && /^\p{Ll}/u.test(line)) out = out.slice(0, -1) + line;
    else out += ` ${line}`;
  }
  return escapeStart(out);
}

function escapeStart(text: string): string {
  return text.replace(/^([#>|<]|\d+[.)]\s|[-*+]\s)/, '\\$1');
}

function isPageNumber(text: string): boolean {
  return /^(?:\d{1,4}|side \d+(?: af \d+)?|page \d+(?: of \d+)?|\d+\s*\/\s*\d+)$/i.test(text.trim());
}

function withMeta(info: Record<string, unknown>): { meta: ConvertedMeta; warnings: string[] } {
  const text = (v: unknown) => (typeof v === 'string' && v.trim() ? v.replace(/\s+/g, ' ').trim() : undefined);
  const meta: ConvertedMeta = { tags: [] };
  const title = text(info.Title);
  if (title) meta.sourceTitle = title;
  const subject = text(info.Subject);
  if (subject) meta.summary = subject;
  const keywords = text(info.Keywords);
  if (keywords)
    meta.tags = keywords
      .split(/[,;]/)
      .map((k) => k.trim())
      .filter(Boolean);
  const date = pdfDate(info.CreationDate);
  const modified = pdfDate(info.ModDate) ?? date;
  if (date) meta.date = date;
  if (modified) meta.updated = modified;
  const language = languageOfTag(info.Language);
  if (language) meta.language = language;
  return { meta, warnings: [] };
}

/** `D:20240501120000+02'00'` → `2024-05-01`. */
function pdfDate(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const m = /^D:(\d{4})(\d{2})(\d{2})/.exec(value);
  return m ? isoDate(`${m[1]}-${m[2]}-${m[3]}`) : undefined;
}
