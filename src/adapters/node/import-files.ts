import { mkdir, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { basename, extname, join, relative, resolve, sep } from 'node:path';
import { isDocumentPath, loadCorpus } from '../../corpus/load-corpus.js';
import { slugOf } from '../../corpus/parse-document.js';
import { HelpdeskError } from '../../errors.js';
import { importSource } from '../../import/import-source.js';
import type { ImportOptionsInput } from '../../import/options.js';
import type { ImportedDocument, ImportSource, SkippedFile } from '../../import/types.js';
import { readCorpusDir } from './fs-corpus.js';

/** Everything `importToDirectory` needs; the importer's own options come from `ImportOptions`. */
export interface ImportRequest {
  /** Folders (read recursively) or files. */
  sources: string[];
  /** Where the documents go; default `<corpusDir>/imported/<source name>/` per source. */
  into?: string;
  /** The corpus the documents join: its ids and titles are never reused. Default `corpus`. */
  corpusDir?: string;
  /** List what would be written without writing anything. */
  dryRun?: boolean;
  /** Overwrite files that already exist. */
  force?: boolean;
  options: Omit<ImportOptionsInput, 'reservedIds' | 'reservedTitles'>;
}

/** What happened to one source. */
export interface SourceReport {
  source: string;
  /** The folder written to. */
  into: string;
  /** Documents written (or that would be, with `dryRun`), with their file path. */
  written: Array<ImportedDocument & { file: string }>;
  skipped: SkippedFile[];
}

/**
 * Import sources into corpus folders in one call: read each source (`readImportSource`), convert it
 * (`importSource`, with the ids and titles of the rest of the corpus reserved), and write one `.md`
 * per document. An existing file is never overwritten without `force` (it is reported as skipped).
 * A source that cannot be read is reported as skipped, not thrown.
 */
export async function importToDirectory(request: ImportRequest): Promise<SourceReport[]> {
  const corpusDir = request.corpusDir ?? 'corpus';
  const reports: SourceReport[] = [];
  const usedIds = new Set<string>();
  const usedTitles: string[] = [];
  for (const sourcePath of request.sources) {
    let source: ImportSource;
    try {
      source = await readImportSource(sourcePath);
    } catch (cause) {
      const reason = cause instanceof Error ? cause.message : String(cause);
      reports.push({ source: sourcePath, into: '', written: [], skipped: [{ sourcePath, reason }] });
      continue;
    }
    const into = request.into ?? join(corpusDir, 'imported', source.name);
    const corpus = await reservedInCorpus(corpusDir, into);
    const result = await importSource(source, {
      ...request.options,
      reservedIds: [...corpus.ids, ...usedIds],
      reservedTitles: [...corpus.titles, ...usedTitles],
    });
    const report: SourceReport = { source: sourcePath, into, written: [], skipped: [...result.skipped] };
    if (!request.dryRun && result.documents.length) await mkdir(into, { recursive: true });
    for (const doc of result.documents) {
      const file = join(into, `${doc.id}.md`);
      if (!request.dryRun) {
        try {
          await writeFile(file, doc.content, { flag: request.force ? 'w' : 'wx' });
        } catch (cause) {
          if ((cause as NodeJS.ErrnoException).code !== 'EEXIST') throw cause;
          report.skipped.push({
            sourcePath: doc.sourcePath,
            reason: `${file} findes allerede (brug --force for at overskrive)`,
          });
          continue;
        }
      }
      usedIds.add(doc.id);
      usedTitles.push(doc.title);
      report.written.push({ ...doc, file });
    }
    reports.push(report);
  }
  return reports;
}

/**
 * A source as the importer reads it: a folder's files (recursively; hidden files and folders and
 * `node_modules` left out) with paths relative to it, or one file. Each file carries its
 * modification date. A missing source is a `HelpdeskError('bad_request')`.
 */
export async function readImportSource(path: string): Promise<ImportSource> {
  let info: Awaited<ReturnType<typeof stat>>;
  try {
    info = await stat(path);
  } catch (cause) {
    throw new HelpdeskError('bad_request', `Kilden ${path} findes ikke: angiv en mappe eller en fil.`, { cause });
  }
  const name = basename(resolve(path));
  if (info.isFile()) {
    return {
      name: basename(name, extname(name)),
      files: [{ path: name, bytes: await readFile(path), modified: dateOf(info.mtime) }],
    };
  }
  const files: ImportSource['files'] = [];
  for (const rel of await filesUnder(path, '')) {
    const full = join(path, rel);
    const [bytes, st] = await Promise.all([readFile(full), stat(full)]);
    files.push({ path: rel, bytes, modified: dateOf(st.mtime) });
  }
  return { name, files };
}

async function filesUnder(root: string, rel: string): Promise<string[]> {
  const out: string[] = [];
  const entries = await readdir(rel ? join(root, rel) : root, { withFileTypes: true });
  for (const entry of entries) {
    if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
    const path = rel ? `${rel}/${entry.name}` : entry.name;
    if (entry.isDirectory()) out.push(...(await filesUnder(root, path)));
    else if (entry.isFile()) out.push(path);
  }
  return out;
}

/** Ids and titles of corpus documents outside `into` (which this import may replace). */
async function reservedInCorpus(corpusDir: string, into: string): Promise<{ ids: string[]; titles: string[] }> {
  let files: Awaited<ReturnType<typeof readCorpusDir>>;
  try {
    files = await readCorpusDir(corpusDir);
  } catch {
    return { ids: [], titles: [] };
  }
  const inside = relative(resolve(corpusDir), resolve(into)).split(sep).join('/');
  const outside = inside.startsWith('..') ? files : files.filter((f) => !`${f.path}`.startsWith(`${inside}/`));
  const documentFiles = outside.filter((f) => isDocumentPath(f.path));
  const { documents } = loadCorpus(documentFiles);
  return { ids: documentFiles.map((f) => slugOf(f.path)), titles: documents.map((d) => d.meta.title) };
}

function dateOf(time: Date): string {
  return time.toISOString().slice(0, 10);
}
