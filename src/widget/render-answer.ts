import type { WidgetCitation } from './types.js';

const MARKERS = /\[(\d+(?:\s*,\s*\d+)*)\]/g;

/** Ids of the citations that `text` refers to with `[n]` markers, in order of first use. */
export function citedIds(text: string): number[] {
  const ids: number[] = [];
  for (const m of text.matchAll(MARKERS)) {
    for (const n of m[1]!.split(',')) {
      const id = Number(n.trim());
      if (!ids.includes(id)) ids.push(id);
    }
  }
  return ids;
}

/** `text` without its `[n]` markers (for screen-reader announcements). */
export function stripMarkers(text: string): string {
  return text.replace(/\s*\[\d+(?:\s*,\s*\d+)*\]/g, '').trim();
}

/** Append `text` to `parent` as text nodes, `**bold**` as `<strong>`, and known `[n]` markers as chips. */
function appendInline(
  parent: HTMLElement,
  text: string,
  byId: Map<number, WidgetCitation>,
  chip: (c: WidgetCitation) => HTMLElement,
): void {
  let last = 0;
  for (const m of text.matchAll(/\[(\d+(?:\s*,\s*\d+)*)\]|\*\*([^*\n]+)\*\*/g)) {
    parent.append(text.slice(last, m.index));
    last = m.index + m[0].length;
    if (m[2] !== undefined) {
      const strong = document.createElement('strong');
      strong.textContent = m[2];
      parent.append(strong);
      continue;
    }
    const ids = m[1]!.split(',').map((n) => Number(n.trim()));
    if (!ids.every((id) => byId.has(id))) {
      parent.append(m[0]);
      continue;
    }
    for (const id of ids) parent.append(chip(byId.get(id)!));
  }
  parent.append(text.slice(last));
}

const BULLET = /^\s*[-*•]\s+/;
const NUMBERED = /^\s*\d+[.)]\s+/;

/** A paragraph or a list of an answer, with its lines (list markers removed). */
export interface AnswerBlock {
  kind: 'p' | 'ul' | 'ol';
  lines: string[];
}

/**
 * The paragraphs and lists of an answer text: blocks are separated by blank lines, and inside a block each run of
 * bullet lines is a list, each run of numbered lines a numbered list, and the lines between them a paragraph (an
 * answer may go from a sentence straight to list items and back without a blank line).
 */
export function answerBlocks(text: string): AnswerBlock[] {
  const out: AnswerBlock[] = [];
  for (const block of text.split(/\n\s*\n/)) {
    let current: AnswerBlock | undefined;
    const lines = block.split('\n').filter((l) => l.trim() !== '');
    // a numbered line is a list item only beside another ("3. oktober blev …" alone is a sentence)
    const numbered = (i: number) =>
      NUMBERED.test(lines[i]!) && (NUMBERED.test(lines[i - 1] ?? '') || NUMBERED.test(lines[i + 1] ?? ''));
    for (const [i, line] of lines.entries()) {
      const kind = BULLET.test(line) ? 'ul' : numbered(i) ? 'ol' : 'p';
      const content = kind === 'ul' ? line.replace(BULLET, '') : kind === 'ol' ? line.replace(NUMBERED, '') : line;
      if (current?.kind !== kind) {
        current = { kind, lines: [] };
        out.push(current);
      }
      current.lines.push(content);
    }
  }
  return out;
}

/**
 * The answer text as DOM: paragraphs, simple lists, and `[n]` markers turned into chips made by `chip`.
 * Every piece of text is inserted as a text node; nothing is parsed as HTML.
 */
export function renderAnswer(
  text: string,
  citations: WidgetCitation[],
  chip: (c: WidgetCitation) => HTMLElement,
): DocumentFragment {
  const byId = new Map(citations.map((c) => [c.id, c]));
  const out = document.createDocumentFragment();
  for (const block of answerBlocks(text)) {
    if (block.kind !== 'p') {
      const el = document.createElement(block.kind);
      for (const l of block.lines) {
        const li = document.createElement('li');
        appendInline(li, l, byId, chip);
        el.append(li);
      }
      out.append(el);
      continue;
    }
    const p = document.createElement('p');
    block.lines.forEach((l, i) => {
      if (i > 0) p.append(document.createElement('br'));
      appendInline(p, l, byId, chip);
    });
    out.append(p);
  }
  return out;
}
