import { parse, stringify } from 'yaml';

/** The editor's form: the corpus frontmatter fields, and the Markdown body. */
export interface DocumentForm {
  title: string;
  kind: string;
  summary: string;
  /** Comma-separated in the form. */
  tags: string[];
  organisation: string;
  sourceTitle: string;
  url: string;
  sourceDate: string;
  updated: string;
  language: string;
  body: string;
  /** Fields the form does not show, kept as they were. */
  extra: Record<string, unknown>;
}

const FRONTMATTER = /^\uFEFF?---[ \t]*\r?\n([\s\S]*?)\r?\n---[ \t]*(?:\r?\n|$)/;
const KNOWN = new Set(['title', 'kind', 'summary', 'tags', 'source', 'updated', 'language']);

/** A whole corpus file as the editor's form; a file without readable frontmatter keeps its text in the body. */
export function toForm(markdown: string, today: string): DocumentForm {
  const m = FRONTMATTER.exec(markdown);
  let data: Record<string, unknown> = {};
  if (m) {
    try {
      const parsed: unknown = parse(m[1] ?? '');
      if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) data = parsed as Record<string, unknown>;
    } catch {
      data = {};
    }
  }
  const source = (data.source && typeof data.source === 'object' ? data.source : {}) as Record<string, unknown>;
  const text = (v: unknown) => (v === undefined || v === null ? '' : String(v));
  return {
    title: text(data.title),
    kind: text(data.kind) || 'guide',
    summary: text(data.summary),
    tags: Array.isArray(data.tags) ? data.tags.map(String) : [],
    organisation: text(source.organisation),
    sourceTitle: text(source.title),
    url: text(source.url),
    sourceDate: text(source.date),
    updated: text(data.updated) || today,
    language: text(data.language) || 'da',
    body: (m ? markdown.slice(m[0].length) : markdown).replace(/^\s*\n/, ''),
    extra: Object.fromEntries(Object.entries(data).filter(([k]) => !KNOWN.has(k))),
  };
}

/** The form as a whole corpus file: YAML frontmatter in the corpus's field order, a blank line, the body. */
export function toMarkdown(form: DocumentForm): string {
  const source: Record<string, string> = { organisation: form.organisation, title: form.sourceTitle };
  if (form.url.trim()) source.url = form.url.trim();
  if (form.sourceDate.trim()) source.date = form.sourceDate.trim();
  const data: Record<string, unknown> = {
    title: form.title,
    kind: form.kind,
    summary: form.summary,
    tags: form.tags,
    source,
    updated: form.updated,
    language: form.language,
    ...form.extra,
  };
  const yaml = stringify(data, { lineWidth: 0 }).trimEnd();
  return `---\n${yaml}\n---\n\n${form.body.trim()}\n`;
}

/** A document id from a title: lower case a-z, digits and hyphens (æ→ae, ø→oe, å→aa). */
export function idFromTitle(title: string): string {
  return title
    .toLowerCase()
    .replace(/æ/g, 'ae')
    .replace(/ø/g, 'oe')
    .replace(/å/g, 'aa')
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80);
}
