import { parse as parseYaml } from 'yaml';
import { DocumentKind } from '../corpus/frontmatter.js';
import { languageOfTag } from './language.js';
import type { ConvertedMeta } from './types.js';

/** A Markdown file split into its metadata block (as plain data) and the body after it. */
export interface SplitFrontMatter {
  data: Record<string, unknown>;
  body: string;
  /** Set when a block was there but could not be read (Danish, for the operator). */
  problem?: string;
}

const YAML_BLOCK = /^---[ \t]*\n([\s\S]*?)\n?(?:---|\.\.\.)[ \t]*(?:\n|$)/;
const TOML_BLOCK = /^\+\+\+[ \t]*\n([\s\S]*?)\n?\+\+\+[ \t]*(?:\n|$)/;

/**
 * Split `text` (newlines already `\n`) into front matter and body. Reads YAML (`---`), TOML (`+++`,
 * the flat subset documentation tools write) and JSON (`{ … }` on the first line) blocks; a file
 * without a block has empty data. Never throws: an unreadable block is dropped and named in `problem`.
 */
export function splitFrontMatter(text: string): SplitFrontMatter {
  const yaml = YAML_BLOCK.exec(text);
  if (yaml) {
    const body = text.slice(yaml[0].length);
    try {
      const data: unknown = parseYaml(yaml[1] ?? '');
      return { data: isRecord(data) ? data : {}, body };
    } catch (cause) {
      return { data: {}, body, problem: `frontmatter kunne ikke læses (${firstLine(cause)}) og er sprunget over` };
    }
  }
  const toml = TOML_BLOCK.exec(text);
  if (toml) return { data: parseFlatToml(toml[1] ?? ''), body: text.slice(toml[0].length) };
  if (text.startsWith('{')) {
    const end = jsonBlockEnd(text);
    if (end > 0) {
      try {
        const data: unknown = JSON.parse(text.slice(0, end));
        if (isRecord(data)) return { data, body: text.slice(end) };
      } catch {
        // not a JSON block: the brace belongs to the text
      }
    }
  }
  return { data: {}, body: text };
}

/**
 * Map another tool's front matter to corpus fields: `title`; `description`/`summary`/`excerpt`/`lead`
 * → summary; `keywords`, `categories`, `tags` → tags; `lastmod`/`updated`/`date` → updated; `date`
 * → the original's date; `language`/`lang`; `draft`; a valid `kind`; `source` when it is ours.
 */
export function mapFrontMatter(data: Record<string, unknown>): ConvertedMeta {
  const meta: ConvertedMeta = { tags: tagsOf(data) };
  const title = text(data.title) ?? text(data.linkTitle) ?? text(data.name);
  if (title) meta.title = title;
  const summary =
    text(data.summary) ?? text(data.description) ?? text(data.excerpt) ?? text(data.lead) ?? text(data.subtitle);
  if (summary) meta.summary = summary;
  const date = isoDate(data.date) ?? isoDate(data.publishDate) ?? isoDate(data.published);
  const updated = isoDate(data.updated) ?? isoDate(data.lastmod) ?? isoDate(data.lastUpdated) ?? date;
  if (updated) meta.updated = updated;
  if (date) meta.date = date;
  const language = languageOfTag(data.language) ?? languageOfTag(data.lang) ?? languageOfTag(data.locale);
  if (language) meta.language = language;
  const kind = DocumentKind.safeParse(data.kind);
  if (kind.success) meta.kind = kind.data;
  if (data.draft === true || data.draft === 'true') meta.draft = true;
  const build = isRecord(data._build) ? data._build : isRecord(data.build) ? data.build : {};
  if (data.headless === true || build.render === 'never' || build.render === false) meta.headless = true;
  const source = isRecord(data.source) ? data.source : undefined;
  if (source) {
    const organisation = text(source.organisation);
    const sourceTitle = text(source.title);
    const sourceDate = isoDate(source.date);
    if (organisation) meta.organisation = organisation;
    if (sourceTitle) meta.sourceTitle = sourceTitle;
    if (sourceDate) meta.date = sourceDate;
    const url = httpUrl(source.url);
    if (url) meta.url = url;
  }
  meta.url ??= httpUrl(data.canonical) ?? httpUrl(data.canonicalURL) ?? httpUrl(data.url);
  if (meta.url === undefined) delete meta.url;
  return meta;
}

/** Tags from `tags`, `keywords` (a list or a comma-separated string) and `categories`, deduplicated. */
function tagsOf(data: Record<string, unknown>): string[] {
  const seen = new Map<string, string>();
  for (const field of [data.tags, data.keywords, data.categories]) {
    const values = Array.isArray(field) ? field : typeof field === 'string' ? field.split(',') : [];
    for (const value of values) {
      const tag = text(value)?.replace(/\s+/g, ' ');
      if (tag && !seen.has(tag.toLowerCase())) seen.set(tag.toLowerCase(), tag);
    }
  }
  return [...seen.values()].slice(0, 30);
}

function text(value: unknown): string | undefined {
  if (typeof value === 'number') return String(value);
  if (typeof value !== 'string') return undefined;
  const t = value.replace(/\s+/g, ' ').trim();
  return t === '' ? undefined : t;
}

/** `YYYY-MM-DD` of a date string (`2024-05-01`, `2024-05-01T10:00:00Z`) or a `Date`; undefined otherwise. */
export function isoDate(value: unknown): string | undefined {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? undefined : value.toISOString().slice(0, 10);
  if (typeof value !== 'string') return undefined;
  const m = /^\s*["']?(\d{4}-\d{2}-\d{2})/.exec(value);
  return m?.[1];
}

function httpUrl(value: unknown): string | undefined {
  if (typeof value !== 'string' || !/^https?:\/\//i.test(value.trim())) return undefined;
  try {
    return new URL(value.trim()).href;
  } catch {
    return undefined;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function firstLine(cause: unknown): string {
  return (cause instanceof Error ? cause.message : String(cause)).split('\n')[0] ?? '';
}

/** End offset of a leading JSON object (matching braces outside strings), or -1. */
function jsonBlockEnd(text: string): number {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (inString) {
      if (ch === '\\') i++;
      else if (ch === '"') inString = false;
    } else if (ch === '"') inString = true;
    else if (ch === '{') depth++;
    else if (ch === '}' && --depth === 0) return i + 1;
  }
  return -1;
}

/** The flat subset of TOML front matter: `key = "string" | 'string' | [..] | true | 2024-01-01 | 3`; tables are skipped. */
function parseFlatToml(block: string): Record<string, unknown> {
  const data: Record<string, unknown> = {};
  let inTable = false;
  for (const line of block.split('\n')) {
    const trimmed = line.trim();
    if (trimmed.startsWith('[')) {
      inTable = true;
      continue;
    }
    const m = /^([A-Za-z0-9_-]+)\s*=\s*(.+)$/.exec(trimmed);
    if (!m || inTable) continue;
    data[m[1]!] = tomlValue(m[2]!.trim());
  }
  return data;
}

function tomlValue(raw: string): unknown {
  if (raw.startsWith('[')) {
    return [...raw.matchAll(/"((?:[^"\\]|\\.)*)"|'([^']*)'/g)].map((m) => m[1] ?? m[2] ?? '');
  }
  const quoted = /^"((?:[^"\\]|\\.)*)"|^'([^']*)'/.exec(raw);
  if (quoted) return quoted[1] !== undefined ? quoted[1].replace(/\\(.)/g, '$1') : quoted[2];
  if (raw === 'true' || raw === 'false') return raw === 'true';
  return raw.replace(/\s+#.*$/, '');
}
