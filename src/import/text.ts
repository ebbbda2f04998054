import type { Converted } from './types.js';

/**
 * A plain text file as Markdown: paragraphs kept, line breaks inside a paragraph joined, characters
 * that would start Markdown syntax at a line start (`#`, `>`, `<`, `|`) escaped. A short first line
 * followed by a blank line becomes the title.
 */
export function convertText(text: string): Converted {
  const paragraphs = text
    .replace(/\r\n?/g, '\n')
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter(Boolean);
  const meta: Converted['meta'] = { tags: [] };
  const head = paragraphs[0];
  if (head && paragraphs.length > 1 && !head.includes('\n') && head.length <= 100 && !/[.:;,]$/.test(head)) {
    meta.title = head;
    paragraphs.shift();
  }
  const markdown = paragraphs
    .map((p) =>
      (isList(p) ? p.replace(/^\s*•\s+/gm, '- ') : p.replace(/\s*\n\s*/g, ' ')).replace(/^([#>|<])/gm, '\\$1'),
    )
    .join('\n\n');
  return { meta, markdown, warnings: [] };
}

function isList(paragraph: string): boolean {
  return paragraph.split('\n').every((line) => /^\s*(?:[-*•]|\d+[.)])\s+/.test(line));
}
