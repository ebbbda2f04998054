import { editProse } from './segments.js';

/** Longest summary made from a body, in characters. */
const MAX_SUMMARY = 200;

/**
 * A summary for a document without one: the first paragraph of prose in `markdown` (not a heading,
 * list, table, quote or code) as plain text, cut at a word boundary after at most 200 characters.
 * Undefined when there is no such paragraph.
 */
export function summaryFromBody(markdown: string): string | undefined {
  const paragraphs: string[] = [];
  editProse(markdown, (prose) => {
    paragraphs.push(...prose.split(/\n\s*\n/));
    return prose;
  });
  for (const raw of paragraphs) {
    const p = raw.trim();
    if (p === '' || /^(?:#|>|\||[-*+]\s|\d+[.)]\s|<)/.test(p)) continue;
    const text = plain(p);
    if (text.length < 20) continue;
    if (text.length <= MAX_SUMMARY) return text;
    const cut = text.slice(0, MAX_SUMMARY);
    const sentence = cut.lastIndexOf('. ');
    if (sentence > MAX_SUMMARY / 2) return cut.slice(0, sentence + 1);
    return `${cut.slice(0, Math.max(cut.lastIndexOf(' '), MAX_SUMMARY / 2)).trim()} …`;
  }
  return undefined;
}

/** Markdown inline syntax removed: links keep their text, emphasis and code marks dropped. */
export function plain(markdown: string): string {
  return markdown
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/<[^>]+>/g, '')
    .replace(/[*_`~]+/g, '')
    .replace(/\\([\\`*_{}[\]()#+\-.!>|])/g, '$1')
    .replace(/\s+/g, ' ')
    .trim();
}
