import { chunkDocument } from '../corpus/chunk.js';
import { DocumentKind } from '../corpus/frontmatter.js';
import { isDocumentPath, loadCorpus } from '../corpus/load-corpus.js';
import { parseDocument, slugOf } from '../corpus/parse-document.js';
import type { Chunk, Document, LoadIssue, SourceFile } from '../corpus/types.js';
import { checkCorpus } from './corpus-check.js';

/** One reason a document cannot be saved, as the console shows it beside the field or line. */
export interface DocumentIssue {
  /** 1-based line of the whole file (frontmatter included), when known. */
  line?: number;
  /** The frontmatter field, when the problem is one. */
  field?: string;
  message: string;
}

/** The outcome of checking a document before it is written. */
export type CheckedEdit =
  | {
      ok: true;
      document: Document;
      /** Where it is written (corpus-relative). */
      path: string;
      /** The file it replaces at another path (its `kind` changed folder), to remove after writing. */
      moveFrom?: string;
      /** True when no document with this id exists yet. */
      created: boolean;
      warnings: string[];
    }
  | { ok: false; issues: DocumentIssue[] };

/** Document ids the console writes: the file name rules of the corpus (`a-z`, digits, hyphens). */
export const DOC_ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** The corpus file that holds document `docId`, if any. */
export function findDocumentFile(files: readonly SourceFile[], docId: string): SourceFile | undefined {
  return files.find((f) => isDocumentPath(f.path) && slugOf(f.path) === docId);
}

/**
 * Checks a whole Markdown file (frontmatter and body) for document `docId` with the pipeline the
 * corpus loads with: the frontmatter schema (`parseDocument`) and `corpus:check` over the corpus as it
 * would be after the save (duplicate titles, broken links, empty sections). Errors make it
 * unsavable; warnings are returned with the document. A new document goes to `<kind>/<docId>.md`;
 * an existing one stays where it is unless its `kind` names another kind folder.
 */
export function checkEdit(files: readonly SourceFile[], docId: string, content: string): CheckedEdit {
  const existing = findDocumentFile(files, docId);
  const parsed = parseDocument({ path: existing?.path ?? `${docId}.md`, content });
  if (!parsed.document) return { ok: false, issues: parsed.issues.filter(isError).map(toIssue) };
  const kind = parsed.document.meta.kind;
  const folder = existing?.path.split('/').slice(-2, -1)[0];
  const keep = existing && (folder === undefined || folder === kind || !DocumentKind.options.includes(folder as never));
  const path = keep && existing ? existing.path : `${kind}/${docId}.md`;
  const others = files.filter((f) => f.path !== existing?.path && f.path !== path);
  const problems = checkCorpus([...others, { path, content }]).filter(
    (p) => p.path === path && !/^titlen /.test(p.message),
  );
  const issues: DocumentIssue[] = problems
    .filter((p) => p.severity === 'error')
    .map((p) => ({ ...(p.line === undefined ? {} : { line: p.line }), message: p.message }));
  const twin = sameTitle(others, parsed.document.meta.title);
  if (twin) {
    const line = content.split('\n').findIndex((l) => l.startsWith('title:')) + 1;
    issues.push({
      ...(line > 0 ? { line } : {}),
      field: 'title',
      message: `titlen "${parsed.document.meta.title}" bruges også af ${twin}; giv dokumenterne forskellige titler`,
    });
  }
  if (issues.length > 0) return { ok: false, issues };
  const document = { ...parsed.document, path };
  return {
    ok: true,
    document,
    path,
    ...(existing && existing.path !== path ? { moveFrom: existing.path } : {}),
    created: existing === undefined,
    warnings: problems.map((p) => p.message),
  };
}

/** A passage of the preview: the chunk as it will be indexed and cited. */
export type PreviewChunk = Pick<Chunk, 'id' | 'anchor' | 'section' | 'text' | 'line'>;

/**
 * The passages a file would be indexed and cited as (`chunkDocument`, as the index builds them),
 * or the issues that keep it out of the corpus.
 */
export function previewChunks(
  docId: string,
  content: string,
): { chunks: PreviewChunk[]; issues: DocumentIssue[]; warnings: string[] } {
  const parsed = parseDocument({ path: `${docId}.md`, content });
  const warnings = parsed.issues.filter((i) => !isError(i)).map((i) => toIssue(i).message);
  if (!parsed.document) return { chunks: [], issues: parsed.issues.filter(isError).map(toIssue), warnings };
  const chunks = chunkDocument(parsed.document).map(({ id, anchor, section, text, line }) => ({
    id,
    anchor,
    section,
    text,
    line,
  }));
  return { chunks, issues: [], warnings };
}

/** The path of another document with the same title (compared as `corpus:check` does), if any. */
function sameTitle(files: readonly SourceFile[], title: string): string | undefined {
  const key = (t: string) => t.trim().toLocaleLowerCase('da').replace(/\s+/g, ' ');
  return loadCorpus(files.filter((f) => isDocumentPath(f.path))).documents.find((d) => key(d.meta.title) === key(title))
    ?.path;
}

function isError(issue: LoadIssue): boolean {
  return issue.severity === 'error';
}

/** A loader issue without the path the loader puts before its message. */
function toIssue(issue: LoadIssue): DocumentIssue {
  const message = issue.message.startsWith(`${issue.path}: `)
    ? issue.message.slice(issue.path.length + 2)
    : issue.message;
  return {
    ...(issue.line === undefined ? {} : { line: issue.line }),
    ...(issue.field === undefined ? {} : { field: issue.field }),
    message,
  };
}
