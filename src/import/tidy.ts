import { editProse } from './segments.js';

/** Tidied Markdown and the title found in its leading `# heading`, if any. */
export interface Tidied {
  markdown: string;
  /** The text of a leading H1, removed from the body. */
  heading?: string;
}

const ATX = /^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$/;

/**
 * Make a converted body fit the corpus: HTML comments removed, a leading `# Title` taken out (the
 * title lives in the frontmatter), the remaining headings moved one level down when an H1 is left so
 * sections start at `##`, headings without any text under them dropped (`corpus:check` reports empty
 * sections), and runs of blank lines collapsed.
 */
export function tidyMarkdown(markdown: string): Tidied {
  let text = editProse(markdown.replace(/\r\n?/g, '\n'), (prose) => prose.replace(/<!--[\s\S]*?(?:-->|$)/g, ''));
  const out: Tidied = { markdown: '' };
  const lead = /^\s*#[ \t]+(.+?)[ \t]*#*[ \t]*(?:\n|$)/.exec(text);
  if (lead) {
    out.heading = lead[1]!.replace(/[*_`]/g, '').trim();
    text = text.slice(lead[0].length);
  }
  if (headings(text).some((h) => h.level === 1)) {
    text = editProse(text, (prose) => prose.replace(/^(\s{0,3})(#{1,5})(?=\s)/gm, '$1#$2'));
  }
  out.markdown = dropEmptySections(text)
    .replace(/[ \t]+$/gm, (spaces) => (spaces.length >= 2 ? spaces : ''))
    .replace(/\n{3,}/g, '\n\n')
    .trim();
  return out;
}

interface HeadingLine {
  index: number;
  level: number;
}

/** ATX headings outside fenced code, with their line index. */
function headings(text: string): HeadingLine[] {
  const out: HeadingLine[] = [];
  let index = 0;
  let fence: string | undefined;
  for (const line of text.split('\n')) {
    const match = /^\s{0,3}(`{3,}|~{3,})/.exec(line);
    if (fence) {
      if (match?.[1]?.startsWith(fence)) fence = undefined;
    } else if (match) fence = match[1];
    else {
      const h = ATX.exec(line);
      if (h) out.push({ index, level: h[1]!.length });
    }
    index++;
  }
  return out;
}

/** Remove headings that have no text before the next heading of the same or a higher level, until none is left. */
function dropEmptySections(text: string): string {
  let lines = text.split('\n');
  for (;;) {
    const marks = headings(lines.join('\n'));
    const empty = new Set<number>();
    marks.forEach((h, i) => {
      const next = marks[i + 1];
      const end = next ? next.index : lines.length;
      const hasText = lines.slice(h.index + 1, end).some((l) => l.trim() !== '');
      if (!hasText && (!next || next.level <= h.level)) empty.add(h.index);
    });
    if (empty.size === 0) return lines.join('\n');
    lines = lines.filter((_, i) => !empty.has(i));
  }
}
