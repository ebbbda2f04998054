import { isDocumentPath, loadCorpus, type ParseResult, parseDocument } from '../corpus/index.js';
import type { Document, LoadIssue } from '../corpus/types.js';
import type { SearchIndex } from '../index/search-index.js';
import { hashString } from '../text/hash.js';
import type { CorpusSource } from './index-ports.js';
import { type KnownFile, RACY_MS } from './known-files.js';

/** The corpus as one scan found it. */
export interface CorpusScan {
  /** Every valid document; an unchanged one stands in as a stub (see `stubs`). */
  documents: Document[];
  issues: LoadIssue[];
  /** What this scan knows about each file, for the next one. */
  known: Map<string, KnownFile>;
  /** Documents made from the index (empty body) for files that did not change. */
  stubs: Set<Document>;
  /** Whether any file was added, removed or edited since `known` was made. */
  touched: boolean;
  /** Files read in this scan (the others were unchanged). */
  filesRead: number;
}

/**
 * List the corpus and load it, reading only files whose size or time changed since the last run
 * (`before`) and parsing only those whose text changed. An unchanged valid file stands in as a stub
 * document made from the indexed one (empty body): `buildIndex` reuses its chunks by hash.
 * @param source the corpus
 * @param before what the last run knew about each file
 * @param indexed the index serving now, if any
 * @param now the time of reading, in ms since the epoch
 */
export async function scanCorpus(
  source: CorpusSource,
  before: ReadonlyMap<string, KnownFile>,
  indexed: SearchIndex | undefined,
  now: number,
): Promise<CorpusScan> {
  const entries = (await source.list()).filter((e) => isDocumentPath(e.path));
  const known = new Map<string, KnownFile>();
  const stubs = new Set<Document>();
  const slots: { path: string; content?: string; problem?: string; reuse?: KnownFile; stub?: Document }[] = [];
  let touched = entries.length !== before.size;
  let filesRead = 0;
  for (const entry of entries) {
    const last = before.get(entry.path);
    const stub = last?.docId === undefined ? undefined : stubOf(indexed, last);
    const usable = last !== undefined && (last.docId === undefined || stub !== undefined);
    if (usable && !last.racy && last.size === entry.size && last.mtimeMs === entry.mtimeMs) {
      known.set(entry.path, last);
      slots.push({ path: entry.path, reuse: last, ...(stub ? { stub } : {}) });
      continue;
    }
    let content: string;
    try {
      // a link that is not read (broken, or out of the corpus) is parsed as an empty file with its problem
      content = entry.problem === undefined ? await source.read(entry.path) : '';
    } catch {
      touched = true; // vanished between listing and reading: leave it out, like a removed file
      continue;
    }
    filesRead++;
    const hash = hashString(content);
    const racy = now - entry.mtimeMs < RACY_MS;
    if (usable && last.hash === hash) {
      known.set(entry.path, { ...last, size: entry.size, mtimeMs: entry.mtimeMs, racy });
      slots.push({ path: entry.path, reuse: last, ...(stub ? { stub } : {}) });
      continue;
    }
    touched = true;
    slots.push({ path: entry.path, content, ...(entry.problem === undefined ? {} : { problem: entry.problem }) });
    known.set(entry.path, { path: entry.path, size: entry.size, mtimeMs: entry.mtimeMs, hash, issues: [], racy });
  }
  if (!touched) for (const path of before.keys()) if (!known.has(path)) touched = true;
  const { documents, issues } = loadCorpus(slots, (slot): ParseResult => {
    if (slot.reuse) {
      if (slot.stub) stubs.add(slot.stub);
      return { ...(slot.stub ? { document: slot.stub } : {}), issues: slot.reuse.issues };
    }
    const result = parseDocument({
      path: slot.path,
      content: slot.content ?? '',
      ...(slot.problem ? { problem: slot.problem } : {}),
    });
    const entry = known.get(slot.path)!;
    entry.issues = result.issues;
    if (result.document) entry.docId = result.document.docId;
    return result;
  });
  return { documents, issues, known, stubs, touched, filesRead };
}

/** The indexed document behind a known valid file, as a document without body; undefined if the index lacks it. */
function stubOf(index: SearchIndex | undefined, file: KnownFile): Document | undefined {
  const doc = file.docId === undefined ? undefined : index?.document(file.docId);
  if (!doc || doc.path !== file.path || doc.hash !== file.hash) return undefined;
  return { docId: doc.docId, path: doc.path, meta: doc.meta, body: '', hash: doc.hash };
}

/**
 * `documents` plus the last good version, from `index`, of every document whose file now has errors:
 * a document that became malformed keeps answering as it was.
 */
export function keepLastGood(index: SearchIndex | undefined, documents: Document[], issues: LoadIssue[]): Document[] {
  if (!index) return documents;
  const have = new Set(documents.map((d) => d.docId));
  const broken = new Set(issues.filter((i) => i.severity === 'error').map((i) => i.path));
  const carried: Document[] = [];
  for (const doc of index.documents) {
    if (!have.has(doc.docId) && broken.has(doc.path)) {
      const chunks = index.chunksOf(doc.docId);
      carried.push({
        docId: doc.docId,
        path: doc.path,
        meta: doc.meta,
        body: chunks.map((c) => c.text).join('\n\n'),
        hash: doc.hash,
      });
    }
  }
  return carried.length ? [...documents, ...carried] : documents;
}
