import { slugify } from '../corpus/slug.js';
import { HelpdeskError } from '../errors.js';

/**
 * The file slug (and document id) for a title: the corpus slug rules, at most 80
 * characters cut at a word boundary. Empty when the title has no letters or digits.
 */
export function documentSlug(title: string): string {
  return slugify(title, { maxLength: 80, fallback: '' });
}

/** What a new document is filled in with. */
export interface NewDocumentFields {
  title: string;
  slug: string;
  /** Today, `YYYY-MM-DD`. */
  date: string;
}

/**
 * A new document from a corpus template: the frontmatter's `title` and
 * `updated` set, and any `{{title}}`, `{{slug}}`, `{{date}}` placeholders filled.
 * Throws `corpus_invalid` when the template has no frontmatter with those fields.
 */
export function renderNewDocument(template: string, fields: NewDocumentFields): string {
  const text = template.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  const fm = /^---\n([\s\S]*?)\n---(?:\n|$)/.exec(text);
  if (!fm) {
    throw new HelpdeskError('corpus_invalid', 'Skabelonen mangler frontmatter mellem to linjer med ---.');
  }
  let front = fm[1]!;
  for (const key of ['title', 'updated'] as const) {
    if (!new RegExp(`^${key}:`, 'm').test(front)) {
      throw new HelpdeskError('corpus_invalid', `Skabelonens frontmatter mangler feltet \`${key}\`.`);
    }
  }
  // A JSON string is a valid YAML double-quoted scalar, so any title survives.
  front = front
    .replace(/^title:.*$/m, () => `title: ${JSON.stringify(fields.title)}`)
    .replace(/^updated:.*$/m, () => `updated: "${fields.date}"`);
  const filled = `---\n${front}\n---\n${text.slice(fm[0].length)}`;
  return filled
    .replace(/\{\{\s*title\s*\}\}/g, () => fields.title)
    .replace(/\{\{\s*slug\s*\}\}/g, () => fields.slug)
    .replace(/\{\{\s*(?:date|updated)\s*\}\}/g, () => fields.date);
}
