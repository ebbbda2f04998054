import { claimId, documentIdOf } from './ids.js';
import { convertFile, decodeText, type FileConversion } from './convert.js';
import { detectLanguage } from './language.js';
import { rewriteLinks } from './links.js';
import { ImportOptions, type ImportOptionsInput } from './options.js';
import { baseName, dirName, extensionOf, formatOf, humanise, isIndexFile, joinPath, stripExtension } from './paths.js';
import { renderDocument } from './render.js';
import { summaryFromBody } from './summary.js';
import { uniqueTitles } from './titles.js';
import type {
  DocumentLanguage,
  ImportedDocument,
  ImportFile,
  ImportResult,
  ImportSource,
  SkippedFile,
} from './types.js';

/** A file converted and kept, on its way to becoming a document. */
interface Pending {
  file: ImportFile;
  conv: FileConversion;
  id: string;
  title: string;
  warnings: string[];
}

/** Folders where documentation tools keep text that other pages include. */
const INCLUDE_FOLDERS = ['_includes', 'includes', 'partials', 'snippets', '_snippets', 'shared'];

/**
 * Import one source (a folder's files, or one file) as corpus documents, in memory: each file is
 * converted (`convertFile`), drafts and files that are only included by others are skipped, ids come
 * from the path inside the source (`documentIdOf`, never one in `reservedIds`), titles are made unique
 * (`uniqueTitles`), relative links between imported files become `/docs/<id>` links (others are
 * removed with a warning), and the frontmatter is filled in and validated: `summary` from the text
 * when missing, `updated` from the file's date, else its modification time, else `today`, and
 * `language` from the file, the option or detection. Never throws on bad files: they are skipped with
 * a reason.
 */
export async function importSource(source: ImportSource, input: ImportOptionsInput): Promise<ImportResult> {
  const options = ImportOptions.parse(input);
  const files = [...source.files].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const skipped: SkippedFile[] = [];
  const byPath = new Map(files.map((f) => [f.path, f]));
  const includedPaths = new Set<string>();
  const forced = options.language === 'auto' ? undefined : options.language;

  const converted: Array<{ file: ImportFile; conv: FileConversion }> = [];
  for (const file of files) {
    const reason = unsupportedReason(file.path);
    if (reason) {
      skipped.push({ sourcePath: file.path, reason });
      continue;
    }
    const include = (target: string) => {
      const path = resolveInclude(file.path, target, byPath);
      if (path === undefined) return undefined;
      includedPaths.add(path);
      return decodeText(byPath.get(path)!.bytes);
    };
    try {
      const conv = await convertFile(file, { ...(forced ? { language: forced } : {}), include });
      if (conv.meta.draft) skipped.push({ sourcePath: file.path, reason: 'kladde (draft: true) – ikke importeret' });
      else if (conv.meta.headless) {
        skipped.push({ sourcePath: file.path, reason: 'vises ikke som side i kilden (headless) – ikke importeret' });
      } else converted.push({ file, conv });
    } catch (cause) {
      const message = cause instanceof Error ? cause.message.split('\n')[0] : String(cause);
      skipped.push({ sourcePath: file.path, reason: `kunne ikke læses (${message})` });
    }
  }

  const taken = new Set(options.reservedIds);
  const pending: Pending[] = [];
  for (const { file, conv } of converted) {
    if (includedPaths.has(file.path) && !conv.hasOwnTitle) {
      skipped.push({
        sourcePath: file.path,
        reason: 'indsættes i andre dokumenter (include) og er ikke et dokument selv',
      });
      continue;
    }
    if (conv.markdown.trim() === '') {
      if (!conv.meta.summary) {
        skipped.push({ sourcePath: file.path, reason: emptyReason(file.path) });
        continue;
      }
      conv.markdown = conv.meta.summary;
    }
    const wanted = documentIdOf(file.path, source.name);
    const id = claimId(wanted, taken, source.name);
    const warnings = [...conv.warnings];
    if (id !== wanted) warnings.push(`dokument-id'et \`${wanted}\` er optaget; filen får id'et \`${id}\``);
    pending.push({ file, conv, id, title: conv.meta.title ?? fallbackTitle(file.path, source.name), warnings });
  }

  const idByKey = new Map<string, string>();
  for (const p of pending) for (const key of keysOf(p.file.path)) if (!idByKey.has(key)) idByKey.set(key, p.id);
  const knownIds = new Set([...taken]);
  const titleByKey = new Map(pending.map((p) => [pageKey(p.file.path), p.title]));
  const titles = uniqueTitles(
    pending.map((p) => ({
      id: p.id,
      title: p.title,
      context: sectionTitle(p.file.path, titleByKey, source.name),
      path: stripExtension(p.file.path),
    })),
    options.reservedTitles,
  );

  const languages = languagesOf(pending, forced);
  const documents: ImportedDocument[] = [];
  for (const p of pending) {
    const links = rewriteLinks(p.conv.markdown, (target) => resolveLink(p.file.path, target, idByKey, knownIds));
    if (links.removedLinks.length) {
      p.warnings.push(
        `${links.removedLinks.length} link(s) fjernet, fordi målet ikke er importeret: ${sample(links.removedLinks)}`,
      );
    }
    if (links.removedImages.length) {
      p.warnings.push(
        `${links.removedImages.length} billede(r) ikke importeret (alt-teksten er bevaret): ${sample(links.removedImages)}`,
      );
    }
    const body = links.markdown.trim() || p.conv.markdown.trim();
    const meta = p.conv.meta;
    const title = titles.get(p.id) ?? p.title;
    const language = languages.get(p.id)!;
    try {
      const content = renderDocument(
        {
          title,
          kind: meta.kind ?? options.kind,
          summary: meta.summary ?? summaryFromBody(body) ?? title,
          tags: meta.tags,
          source: {
            organisation: meta.organisation ?? options.organisation ?? source.name,
            title: meta.sourceTitle ?? p.title,
            ...(meta.url ? { url: meta.url } : {}),
            ...(meta.date ? { date: meta.date } : {}),
          },
          updated: meta.updated ?? p.file.modified ?? options.today,
          language,
        },
        body,
      );
      documents.push({ id: p.id, sourcePath: p.file.path, title, language, content, warnings: p.warnings });
    } catch (cause) {
      skipped.push({ sourcePath: p.file.path, reason: cause instanceof Error ? cause.message : String(cause) });
    }
  }
  return { documents, skipped };
}

/**
 * Each document's language: the forced one, else the file's own, else detected; a text too short to
 * tell takes the language most of the source's documents were detected in (Danish when none was).
 */
function languagesOf(pending: readonly Pending[], forced: DocumentLanguage | undefined): Map<string, DocumentLanguage> {
  const out = new Map<string, DocumentLanguage>();
  const unsure: Pending[] = [];
  const votes = { da: 0, en: 0 };
  for (const p of pending) {
    const known = forced ?? p.conv.meta.language;
    if (known) {
      out.set(p.id, known);
      continue;
    }
    const guess = detectLanguage(`${p.title}\n${p.conv.markdown}`);
    if (guess.confident) {
      out.set(p.id, guess.language);
      votes[guess.language]++;
    } else unsure.push(p);
  }
  const majority: DocumentLanguage = votes.en > votes.da ? 'en' : 'da';
  for (const p of unsure) out.set(p.id, majority);
  return out;
}

function unsupportedReason(path: string): string | undefined {
  if (formatOf(path)) return undefined;
  const ext = extensionOf(path);
  if (ext === 'doc') return 'gammelt Word-format (.doc): gem filen som .docx og importér den igen';
  return ext ? `filtypen .${ext} importeres ikke` : 'filen har ingen filtype';
}

function emptyReason(path: string): string {
  return formatOf(path) === 'pdf'
    ? 'PDF-filen har ingen tekst (en scanning?): kør tekstgenkendelse (OCR) først'
    : 'ingen tekst efter konvertering';
}

function fallbackTitle(path: string, sourceName: string): string {
  if (!isIndexFile(path)) return humanise(baseName(path));
  const folder = dirName(path);
  return humanise(folder ? baseName(folder) : sourceName);
}

/** The logical page of a path: `a/b.md` → `a/b`; `a/b/index.md` → `a/b`; a top-level index → `''`. */
function pageKey(path: string): string {
  return isIndexFile(path) ? dirName(path) : stripExtension(path);
}

function keysOf(path: string): string[] {
  return [...new Set([pageKey(path), stripExtension(path), path])];
}

/** Title of the section page above a file (or its folder's name), for telling repeated titles apart. */
function sectionTitle(path: string, titleByKey: Map<string, string>, sourceName: string): string {
  const parent = dirName(pageKey(path));
  return titleByKey.get(parent) ?? (parent ? humanise(baseName(parent)) : humanise(sourceName));
}

/** The new target of a link in `from`, or undefined when it points at nothing imported. */
function resolveLink(
  from: string,
  target: string,
  idByKey: Map<string, string>,
  knownIds: Set<string>,
): string | undefined {
  const hash = target.indexOf('#');
  const fragment = hash === -1 ? '' : target.slice(hash);
  let path = (hash === -1 ? target : target.slice(0, hash)).split('?')[0]!;
  try {
    path = decodeURIComponent(path);
  } catch {
    // keep it as written
  }
  for (const candidate of linkCandidates(from, path)) {
    const id = idByKey.get(normaliseKey(candidate));
    if (id) return `/docs/${id}${fragment}`;
  }
  const docs = /^\/docs\/([^/]+)\/?$/.exec(path);
  if (docs && knownIds.has(docs[1]!)) return target;
  return undefined;
}

function linkCandidates(from: string, target: string): string[] {
  if (target.startsWith('/')) {
    const segments = target.split('/').filter(Boolean);
    return segments.map((_, i) => segments.slice(i).join('/')).concat(segments.length ? [] : ['']);
  }
  const out = [joinPath(dirName(from), target)];
  if (!isIndexFile(from)) out.push(joinPath(stripExtension(from), target));
  out.push(joinPath('', target));
  return out.filter((c): c is string => c !== undefined);
}

function normaliseKey(candidate: string): string {
  let key = candidate.replace(/\/+$/, '');
  if (formatOf(key)) key = stripExtension(key);
  if (/^(?:_?index|readme)$/i.test(baseName(key))) key = dirName(key);
  return key;
}

/** The source path an include names, looked up beside the including file, from the top, in include folders, then by its end. */
function resolveInclude(from: string, target: string, byPath: Map<string, ImportFile>): string | undefined {
  const names = extensionOf(target) ? [target] : [target, `${target}.md`, `${target}.html`, `${target}/index.md`];
  for (const name of names) {
    const candidates = [
      joinPath(dirName(from), name),
      joinPath('', name),
      ...INCLUDE_FOLDERS.map((folder) => joinPath(folder, name)),
    ];
    for (const c of candidates) if (c !== undefined && c !== from && byPath.has(c)) return c;
  }
  for (const name of names) {
    const clean = name.replace(/^\/+/, '');
    const matches = [...byPath.keys()].filter((p) => p !== from && p.endsWith(`/${clean}`));
    if (matches.length === 1) return matches[0];
  }
  return undefined;
}

function sample(items: readonly string[]): string {
  const unique = [...new Set(items)];
  return unique.slice(0, 5).join(', ') + (unique.length > 5 ? ` … (${unique.length - 5} flere)` : '');
}
