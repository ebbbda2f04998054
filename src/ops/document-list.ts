import { isDocumentPath, loadCorpus } from '../corpus/load-corpus.js';
import { slugOf } from '../corpus/parse-document.js';
import type { SourceFile } from '../corpus/types.js';
import { type CorpusProblem, checkCorpus } from './corpus-check.js';

/** One corpus file as the console's document list shows it. */
export interface DocumentSummary {
  docId: string;
  /** Corpus-relative path. */
  path: string;
  /** Frontmatter fields, when the file is valid. */
  kind?: string;
  title?: string;
  updated?: string;
  language?: string;
  /** `updated` is more than `staleAfterDays` before now. */
  stale: boolean;
  /** What `npm run corpus:check` reports for this file. */
  problems: Array<Pick<CorpusProblem, 'line' | 'message' | 'severity'>>;
  /** Questions in the period whose answer cited a passage of this document (null when not known). */
  cited: number | null;
}

/** What `summariseDocuments` needs besides the files. */
export interface SummaryOptions {
  now: Date;
  staleAfterDays: number;
  /** The cited chunk ids (`docId#anchor`) of each logged question in the period; undefined without a question log. */
  citations?: readonly (readonly string[])[];
}

/**
 * The console's document list: every document file of the corpus (valid or not) with its kind,
 * title, `updated`, whether it is stale, its `corpus:check` problems and how many questions cited it.
 */
export function summariseDocuments(files: readonly SourceFile[], options: SummaryOptions): DocumentSummary[] {
  const docFiles = files.filter((f) => isDocumentPath(f.path));
  const problems = checkCorpus(docFiles);
  const { documents } = loadCorpus(docFiles);
  const byPath = new Map(documents.map((d) => [d.path, d]));
  const cited = options.citations ? citedCounts(options.citations) : undefined;
  const staleBefore = new Date(options.now.getTime() - options.staleAfterDays * 86_400_000).toISOString().slice(0, 10);
  return docFiles.map((file) => {
    const doc = byPath.get(file.path);
    const docId = slugOf(file.path);
    return {
      docId,
      path: file.path,
      ...(doc
        ? { kind: doc.meta.kind, title: doc.meta.title, updated: doc.meta.updated, language: doc.meta.language }
        : {}),
      stale: doc !== undefined && doc.meta.updated < staleBefore,
      problems: problems
        .filter((p) => p.path === file.path)
        .map((p) => ({ ...(p.line === undefined ? {} : { line: p.line }), message: p.message, severity: p.severity })),
      cited: cited ? (cited.get(docId) ?? 0) : null,
    };
  });
}

/** Per document id, how many questions cited at least one of its passages. */
function citedCounts(citations: readonly (readonly string[])[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const ids of citations) {
    for (const docId of new Set(ids.map((id) => id.split('#')[0]!))) counts.set(docId, (counts.get(docId) ?? 0) + 1);
  }
  return counts;
}
