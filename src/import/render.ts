import { Frontmatter } from '../corpus/frontmatter.js';

/**
 * A corpus file: the frontmatter (validated against the corpus schema, in the corpus's field order,
 * strings JSON-quoted, which YAML reads back unchanged) and the body. Throws when the frontmatter is
 * not valid, naming the field. A literal U+FFFD (which `corpus:check` takes for a file that is not
 * UTF-8) is written as the character reference `&#xFFFD;` in the body and dropped from the frontmatter.
 */
export function renderDocument(frontmatter: Frontmatter, body: string): string {
  const parsed = Frontmatter.safeParse(frontmatter);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    throw new Error(`frontmatter-feltet \`${first?.path.join('.')}\` er ugyldigt: ${first?.message}`);
  }
  const fm = parsed.data;
  const q = (s: string) => JSON.stringify(s.replace(/\uFFFD/g, ''));
  const lines = [
    '---',
    `title: ${q(fm.title)}`,
    `kind: ${fm.kind}`,
    `summary: ${q(fm.summary)}`,
    `tags: [${fm.tags.map(q).join(', ')}]`,
    'source:',
    `  organisation: ${q(fm.source.organisation)}`,
    `  title: ${q(fm.source.title)}`,
    ...(fm.source.url ? [`  url: ${q(fm.source.url)}`] : []),
    ...(fm.source.date ? [`  date: ${q(fm.source.date)}`] : []),
    `updated: ${q(fm.updated)}`,
    `language: ${fm.language}`,
    '---',
    '',
    '',
  ];
  return `${lines.join('\n')}${body.trim().replace(/\uFFFD/g, '&#xFFFD;')}\n`;
}
