import { hasDocumentExtension, withoutDocumentExtension } from '../corpus/document-name.js';
import { isDocumentPath, loadCorpus } from '../corpus/load-corpus.js';
import type { LoadResult, SourceFile } from '../corpus/types.js';
import { joinPath } from '../import/paths.js';

/** One finding of `checkCorpus`, printed as `path:line: message`. */
export interface CorpusProblem {
  /** Corpus-relative path. */
  path: string;
  /** 1-based line, when known. */
  line?: number;
  message: string;
  severity: 'error' | 'warning';
}

/** The loader to validate with (injectable for tests). */
export type CorpusLoader = (files: readonly SourceFile[]) => LoadResult;

/**
 * Validates a corpus: everything the loader reports (frontmatter schema,
 * missing `source`, duplicate ids) plus duplicate titles, broken internal
 * links (`../case/x.md`, `/docs/<id>`), empty sections and a missing `source`
 * (also when the loader's schema would not require it). Sorted by path and line.
 */
export function checkCorpus(files: readonly SourceFile[], load: CorpusLoader = loadCorpus): CorpusProblem[] {
  const docFiles = files.filter((f) => isDocumentPath(f.path));
  const result = load(docFiles);
  const problems: CorpusProblem[] = result.issues.map((i) => ({
    path: i.path,
    ...(i.line === undefined ? {} : { line: i.line }),
    message: stripPathPrefix(i.message, i.path),
    severity: i.severity,
  }));

  const paths = new Set(docFiles.map((f) => f.path));
  const ids = new Set(docFiles.map((f) => slugOf(f.path)));
  for (const file of docFiles) {
    const lines = file.content.replace(/\r\n?/g, '\n').split('\n');
    const body = bodyStart(lines);
    problems.push(...brokenLinks(file.path, lines, body, paths, ids));
    problems.push(...emptySections(file.path, lines, body));
  }

  const titles = new Map<string, string>();
  for (const doc of result.documents) {
    const key = doc.meta.title.trim().toLocaleLowerCase('da').replace(/\s+/g, ' ');
    const first = titles.get(key);
    const file = docFiles.find((f) => f.path === doc.path);
    if (first) {
      problems.push({
        path: doc.path,
        ...lineOfField(file?.content, 'title'),
        message: `titlen "${doc.meta.title}" bruges også af ${first}; giv dokumenterne forskellige titler`,
        severity: 'error',
      });
    } else {
      titles.set(key, doc.path);
    }
  }
  for (const file of docFiles) {
    const reported = problems.some((p) => p.path === file.path && p.severity === 'error' && /source/.test(p.message));
    if (!reported && !/^source:/m.test(frontmatterText(file.content))) {
      problems.push({
        path: file.path,
        line: 1,
        message:
          'frontmatter mangler `source` (organisation og titel på den oprindelige tekst); alle svar skal kunne spores til en kilde',
        severity: 'error',
      });
    }
  }
  problems.push(...otherToolHint(files, docFiles));
  return problems.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : (a.line ?? 0) - (b.line ?? 0)));
}

/** Front matter fields of other documentation tools, and the corpus field each corresponds to. */
const OTHER_TOOL_FIELDS: Record<string, string> = {
  description: 'summary',
  keywords: 'tags',
  categories: 'tags',
  lastmod: 'updated',
};

/**
 * One warning when files look written for another tool (Hugo, Jekyll, MkDocs …): front matter with
 * `description`/`keywords`/`categories`/`lastmod` instead of `summary`/`tags`/`updated`, TOML front
 * matter, or `_index.md` section pages (which the loader never reads). It names the mapping and the
 * import command, so a tree of such files gives one hint instead of only the same errors per file.
 */
function otherToolHint(files: readonly SourceFile[], docFiles: readonly SourceFile[]): CorpusProblem[] {
  const foreign = docFiles.filter((f) => {
    if (/^\uFEFF?\+\+\+\r?\n/.test(f.content)) return true;
    const fm = frontmatterText(f.content);
    return Object.keys(OTHER_TOOL_FIELDS).some((k) => new RegExp(`^${k}:`, 'm').test(fm)) && !/^summary:/m.test(fm);
  });
  const sectionPages = files.filter(
    (f) => /(^|\/)_index\.md$/i.test(f.path) && !f.path.split('/').some((s) => s === '_templates' || s === '_meta'),
  );
  const first = foreign[0] ?? sectionPages[0];
  if (!first) return [];
  const mapping = Object.entries(OTHER_TOOL_FIELDS)
    .map(([from, to]) => `${from} → ${to}`)
    .join(', ');
  const parts = [
    foreign.length
      ? `${foreign.length} fil(er) har frontmatter fra et andet værktøj; felterne svarer til ${mapping} (tags bevares, date → updated), og kind, source og language skal tilføjes`
      : '',
    sectionPages.length
      ? `${sectionPages.length} fil(er) hedder _index.md og læses ikke (filnavne med _ springes over)`
      : '',
  ].filter(Boolean);
  return [
    {
      path: first.path,
      line: 1,
      message: `${parts.join('; ')}. \`npm run import -- MAPPE\` konverterer hele mappen på én gang (frontmatter, shortcodes, _index.md og links) – se README, "Importér en eksisterende vidensbase"`,
      severity: 'warning',
    },
  ];
}

/** `path:line: message` (with `advarsel:` before warnings); `prefix` is prepended to the path. */
export function formatProblem(p: CorpusProblem, prefix = ''): string {
  const where = `${prefix}${p.path}${p.line === undefined ? '' : `:${p.line}`}`;
  return `${where}: ${p.severity === 'warning' ? 'advarsel: ' : ''}${p.message}`;
}

function stripPathPrefix(message: string, path: string): string {
  return message.startsWith(`${path}: `) ? message.slice(path.length + 2) : message;
}

function slugOf(path: string): string {
  return withoutDocumentExtension(path.split('/').pop() ?? path);
}

/** Index of the first body line (after the frontmatter), 0-based. */
function bodyStart(lines: string[]): number {
  if (lines[0]?.replace(/^\uFEFF/, '').trim() !== '---') return 0;
  for (let i = 1; i < lines.length; i++) if (/^(---|\.\.\.)\s*$/.test(lines[i]!)) return i + 1;
  return lines.length;
}

/** The raw frontmatter text of a file ('' without one). */
function frontmatterText(content: string): string {
  const m = /^\uFEFF?---\r?\n([\s\S]*?)\r?\n(?:---|\.\.\.)\s*(?:\r?\n|$)/.exec(content);
  return m?.[1] ?? '';
}

function lineOfField(content: string | undefined, field: string): { line?: number } {
  const index = (content ?? '').split(/\r?\n/).findIndex((l) => l.startsWith(`${field}:`));
  return index === -1 ? {} : { line: index + 1 };
}

/** Body lines with fenced code blocks and HTML comments blanked, so neither counts as text or links. */
function proseLines(lines: string[], from: number): { index: number; text: string }[] {
  const out: { index: number; text: string }[] = [];
  let fence: string | undefined;
  let inComment = false;
  for (let i = from; i < lines.length; i++) {
    let text = lines[i]!;
    const fenceMatch = /^\s{0,3}(`{3,}|~{3,})/.exec(text);
    if (fence) {
      if (fenceMatch && fenceMatch[1]!.startsWith(fence)) fence = undefined;
      out.push({ index: i, text: '' });
      continue;
    }
    if (fenceMatch) {
      fence = fenceMatch[1]!;
      out.push({ index: i, text: '\u0000code' });
      continue;
    }
    let kept = '';
    while (text.length) {
      if (inComment) {
        const end = text.indexOf('-->');
        if (end === -1) text = '';
        else {
          text = text.slice(end + 3);
          inComment = false;
        }
      } else {
        const start = text.indexOf('<!--');
        if (start === -1) {
          kept += text;
          text = '';
        } else {
          kept += text.slice(0, start);
          text = text.slice(start + 4);
          inComment = true;
        }
      }
    }
    out.push({ index: i, text: kept });
  }
  return out;
}

const INLINE_LINK = /\]\(\s*<?([^)\s>]+)>?(?:\s+(?:"[^"]*"|'[^']*'))?\s*\)/g;
const REFERENCE_DEF = /^\s{0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s|$)/;

function brokenLinks(
  path: string,
  lines: string[],
  from: number,
  paths: Set<string>,
  ids: Set<string>,
): CorpusProblem[] {
  const problems: CorpusProblem[] = [];
  for (const { index, text } of proseLines(lines, from)) {
    const prose = text.replace(/`[^`]*`/g, '');
    const targets = [...prose.matchAll(INLINE_LINK)].map((m) => m[1]!);
    const def = REFERENCE_DEF.exec(prose);
    if (def) targets.push(def[1]!);
    for (const target of targets) {
      const reason = linkProblem(path, target, paths, ids);
      if (reason) problems.push({ path, line: index + 1, message: reason, severity: 'error' });
    }
  }
  return problems;
}

/** Why an internal link is broken, or undefined for a good or external link. */
function linkProblem(from: string, target: string, paths: Set<string>, ids: Set<string>): string | undefined {
  if (/^[a-z][a-z0-9+.-]*:/i.test(target) || target.startsWith('#') || target.startsWith('//')) return undefined;
  const bare = safeDecode(target.split('#')[0]!.split('?')[0]!);
  const docs = /^\/docs\/([^/]+)\/?$/.exec(bare);
  if (docs) {
    return ids.has(docs[1]!) ? undefined : `linket ${target} peger på dokumentet "${docs[1]}", som ikke findes`;
  }
  if (!hasDocumentExtension(bare)) return undefined;
  const resolved = joinPath(from.split('/').slice(0, -1).join('/'), bare);
  if (resolved !== undefined && paths.has(resolved)) return undefined;
  return `linket ${target} peger på ${resolved ?? bare}, som ikke findes i korpusset`;
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** Headings with no text before the next heading of the same or a higher level (or the end). */
function emptySections(path: string, lines: string[], from: number): CorpusProblem[] {
  const problems: CorpusProblem[] = [];
  const prose = proseLines(lines, from);
  let open: { level: number; line: number; title: string; hasText: boolean } | undefined;
  const close = () => {
    if (open && !open.hasText) {
      problems.push({
        path,
        line: open.line,
        message: `afsnittet "${open.title}" er tomt; skriv tekst under overskriften eller fjern den`,
        severity: 'error',
      });
    }
  };
  for (const { index, text } of prose) {
    const heading = /^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$/.exec(text);
    if (heading) {
      const level = heading[1]!.length;
      if (open && level > open.level)
        open.hasText = true; // a subsection counts as content
      else close();
      open = { level, line: index + 1, title: heading[2]!, hasText: false };
    } else if (open && text.trim() !== '') {
      open.hasText = true;
    }
  }
  close();
  return problems;
}
