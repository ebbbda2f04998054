import { hasDocumentExtension, withoutDocumentExtension } from './document-name.js';
import { type ParseResult, parseDocument } from './parse-document.js';
import type { Document, LoadIssue, LoadResult, SourceFile } from './types.js';

/**
 * True for paths the loader reads as documents: `.md` and `.markdown` files outside any folder or
 * file whose name starts with `_` (`_templates/`, `_meta/`), and not a README.
 */
export function isDocumentPath(path: string): boolean {
  const segments = path.split('/');
  if (segments.some((s) => s.startsWith('_') || s.startsWith('.'))) return false;
  const name = segments[segments.length - 1] ?? '';
  return hasDocumentExtension(name) && !/^readme$/i.test(withoutDocumentExtension(name));
}

/**
 * Load a corpus from its files: every valid document (sorted by path) and every problem found.
 * A file with errors is left out and the rest still loads; of two files with the same slug the
 * first by path is kept. Never throws on bad input.
 */
export function loadCorpus(files: readonly SourceFile[], parse?: (file: SourceFile) => ParseResult): LoadResult;
/** The same over any file handle with a path, read and parsed by `parse` (e.g. only when it changed). */
export function loadCorpus<F extends { path: string }>(
  files: readonly F[],
  parse: (file: F) => ParseResult,
): LoadResult;
export function loadCorpus(
  files: readonly { path: string }[],
  parse: (file: never) => ParseResult = parseDocument,
): LoadResult {
  const documents: Document[] = [];
  const issues: LoadIssue[] = [];
  const byId = new Map<string, Document>();
  const sorted = files
    .filter((f) => isDocumentPath(f.path))
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  for (const file of sorted) {
    const result = parse(file as never);
    issues.push(...result.issues);
    const doc = result.document;
    if (!doc) continue;
    const first = byId.get(doc.docId);
    if (first) {
      issues.push({
        path: file.path,
        message: `${file.path}: dokument-id'et \`${doc.docId}\` findes allerede i ${first.path}; omdøb en af filerne (denne er udeladt)`,
        severity: 'error',
      });
      continue;
    }
    byId.set(doc.docId, doc);
    documents.push(doc);
  }
  return { documents, issues };
}
