import type { Chunk, Document } from '../corpus/types.js';
import { HelpdeskError } from '../errors.js';
import type { Analyzer } from '../text/types.js';
import { INDEX_FORMAT_VERSION, type IndexManifest, type IndexState, type IndexedDocument } from './artifact.js';
import { ChunkTableBuilder } from './chunk-table.js';
import type { Embedder } from './embedder.js';
import { LexicalIndex, type LexicalOptions } from './lexical-index.js';
import { RowsBuilder } from './reused-rows.js';

/** Where a build is, for progress output. */
export interface BuildProgress {
  phase: 'chunk' | 'embed' | 'lexical';
  done: number;
  total: number;
}

export interface BuildIndexOptions {
  /** Every valid corpus document; documents absent here are removed from the index. */
  documents: Document[];
  /** Splits a document into chunks (the corpus chunker). */
  chunk: (doc: Document) => Chunk[];
  analyzer: Analyzer;
  embedder: Embedder;
  /** The last built state: unchanged documents reuse its chunks and vectors. */
  previous?: IndexState;
  onProgress?: (progress: BuildProgress) => void;
  /** The text embedded for a chunk; default title, section and text on separate lines. */
  embedText?: (chunk: Chunk) => string;
  /** BM25F parameters of a fresh lexical index (an incremental build keeps the previous ones). */
  lexical?: Partial<LexicalOptions>;
  /** Clock for `builtAt`; default `new Date()`. */
  now?: () => Date;
  /**
   * Chunks and vectors computed ahead (e.g. on worker threads), by docId. A
   * document that must be (re)indexed uses its entry when the hash matches,
   * instead of calling `chunk` and the embedder. See `documentsToIndex`.
   */
  prepared?: ReadonlyMap<string, PreparedDocument>;
}

/** A document's chunks and their vectors (`chunks.length × dimensions` floats), computed ahead of a build. */
export interface PreparedDocument {
  /** The document hash the chunks were made from. */
  hash: string;
  chunks: Chunk[];
  vectors: Float32Array;
}

/** What a build did. */
export interface BuildStats {
  /** docIds new since the previous state. */
  added: string[];
  /** docIds whose hash changed. */
  changed: string[];
  /** docIds no longer in the corpus. */
  removed: string[];
  /** Documents whose chunks and vectors were reused. */
  unchanged: number;
  /** Chunks in the new index. */
  chunks: number;
  /** Chunks embedded in this build. */
  embedded: number;
  ms: number;
  /** True when nothing could be reused (no previous state, or it was built differently). */
  fullRebuild: boolean;
  /** Why a previous state was not reused, in Danish. */
  reason?: string;
  /** Chunk ids that are new or re-embedded (for updating a live vector store). */
  chunkIdsAdded: string[];
  /** Chunk ids that left the index or were re-embedded. */
  chunkIdsRemoved: string[];
}

/** The text embedded for a chunk unless `embedText` says otherwise. */
export function defaultEmbedText(chunk: Chunk): string {
  return [chunk.title, chunk.section, chunk.text].filter((part) => part.trim() !== '').join('\n');
}

/**
 * Build (or incrementally update) the index: documents whose hash is unchanged
 * since `previous` keep their chunks and vectors; added and changed documents
 * are chunked and embedded in batches of `embedder.maxBatch`; removed ones
 * disappear. A previous state built with another format, analyzer or embedder
 * is ignored and everything is rebuilt (`stats.fullRebuild`, `stats.reason`).
 */
export async function buildIndex(options: BuildIndexOptions): Promise<{ state: IndexState; stats: BuildStats }> {
  const started = Date.now();
  const { documents, analyzer, embedder, onProgress } = options;
  checkUniqueDocIds(documents);
  const reason = options.previous ? incompatibility(options.previous, analyzer, embedder) : 'intet tidligere indeks';
  const previous = reason === undefined ? options.previous : undefined;
  const dims = embedder.dimensions;

  const prevDocs = new Map(previous?.manifest.documents.map((d) => [d.docId, d]));
  const seen = new Set<string>();
  const added: string[] = [];
  const changed: string[] = [];
  let unchanged = 0;

  // 1. decide per document: reuse its rows of the previous table, take the prepared chunks, or chunk again
  const perDoc: DocPlan[] = [];
  /** Vector of a chunk computed ahead, by chunk id. */
  const preparedVector = new Map<string, Float32Array>();
  documents.forEach((doc, i) => {
    seen.add(doc.docId);
    const before = prevDocs.get(doc.docId);
    const first = previous && before && before.hash === doc.hash ? reusableRows(previous, doc.docId) : undefined;
    if (first !== undefined) {
      perDoc.push({ doc, ids: before!.chunkIds, reused: first });
      unchanged++;
    } else {
      (before ? changed : added).push(doc.docId);
      const ready = options.prepared?.get(doc.docId);
      if (ready && ready.hash === doc.hash && ready.vectors.length === ready.chunks.length * dims) {
        ready.chunks.forEach((chunk, j) => {
          preparedVector.set(chunk.id, ready.vectors.subarray(j * dims, (j + 1) * dims));
        });
        perDoc.push(fresh(doc, ready.chunks));
      } else {
        perDoc.push(fresh(doc, options.chunk(doc)));
      }
    }
    onProgress?.({ phase: 'chunk', done: i + 1, total: documents.length });
  });
  const removed = [...prevDocs.keys()].filter((docId) => !seen.has(docId));
  checkUniqueChunkIds(perDoc, previous);

  // 2. chunks and vectors: reuse the previous rows (the chunks copied as bytes; the vectors copied, or
  // referred to when they are in storage), take the prepared vectors, embed the rest
  const total = perDoc.reduce((n, d) => n + d.ids.length, 0);
  const ownRows = perDoc.reduce((n, d) => (d.chunks ? n + d.chunks.length : n), 0);
  const rows = new RowsBuilder(total, ownRows, dims, previous?.vectors);
  const table = new ChunkTableBuilder();
  /** The new chunks and their rows in the new state. */
  const newChunks: Chunk[] = [];
  const pending: number[] = [];
  const toEmbed: number[] = [];
  let row = 0;
  for (const { chunks: own, ids, reused } of perDoc) {
    if (!own) {
      table.copy(previous!.chunks, reused!, ids.length);
      for (let j = 0; j < ids.length; j++) rows.reuse(reused! + j, row + j);
      row += ids.length;
      continue;
    }
    for (const chunk of own) {
      table.add(chunk);
      newChunks.push(chunk);
      pending.push(row);
      const ready = preparedVector.get(chunk.id);
      if (ready) rows.set(row, ready);
      else toEmbed.push(newChunks.length - 1);
      row++;
    }
  }
  await embedRows(options, newChunks, toEmbed, pending, rows);
  const vectors = rows.finish();
  const chunks = table.finish();

  // 3. lexical index: patch a copy of the previous one, or build afresh (then every chunk is new)
  const staleIds = previous ? [...changed, ...removed].flatMap((docId) => prevDocs.get(docId)?.chunkIds ?? []) : [];
  const lexical = previous ? previous.lexical.clone() : new LexicalIndex(options.lexical);
  for (const id of staleIds) lexical.remove(id);
  const toIndex = newChunks;
  toIndex.forEach((chunk, i) => {
    lexical.add(lexicalFields(analyzer, chunk));
    if ((i + 1) % 500 === 0 || i + 1 === toIndex.length)
      onProgress?.({ phase: 'lexical', done: i + 1, total: toIndex.length });
  });

  const indexedDocs: IndexedDocument[] = perDoc.map(({ doc }) => ({
    docId: doc.docId,
    path: doc.path,
    hash: doc.hash,
    meta: doc.meta,
  }));
  const manifest: IndexManifest = {
    formatVersion: INDEX_FORMAT_VERSION,
    analyzerId: analyzer.id,
    embedderId: embedder.id,
    dimensions: dims,
    corpusHash: await corpusHash(documents),
    builtAt: (options.now?.() ?? new Date()).toISOString(),
    documents: perDoc.map(({ doc, ids }) => ({ docId: doc.docId, hash: doc.hash, chunkIds: ids })),
    counts: { documents: documents.length, chunks: chunks.length, terms: lexical.vocabularySize },
  };

  // the next build over this state finds each document's rows without comparing ids
  const rowsOfDocs = new Map<string, number>();
  let first = 0;
  for (const { docId, chunkIds } of manifest.documents) {
    rowsOfDocs.set(docId, first);
    first += chunkIds.length;
  }
  documentRows.set(manifest, rowsOfDocs);

  return {
    state: { manifest, documents: indexedDocs, chunks, lexical, vectors },
    stats: {
      added,
      changed,
      removed,
      unchanged,
      chunks: chunks.length,
      embedded: pending.length,
      ms: Date.now() - started,
      fullRebuild: previous === undefined,
      ...(reason === undefined ? {} : { reason }),
      chunkIdsAdded: newChunks.map((c) => c.id),
      chunkIdsRemoved: staleIds,
    },
  };
}

/**
 * The documents a build with these settings would chunk and embed: those that
 * are new or changed since `previous`, or all of them when `previous` cannot
 * be reused. Hand them to a preparer (e.g. worker threads) and pass the result
 * as `prepared`.
 */
export function documentsToIndex(
  documents: readonly Document[],
  previous: IndexState | undefined,
  analyzer: Analyzer,
  embedder: Embedder,
): Document[] {
  if (!previous || reusesNothing(previous, analyzer, embedder)) return [...documents];
  const before = new Map(previous.manifest.documents.map((d) => [d.docId, d]));
  return documents.filter((doc) => {
    const old = before.get(doc.docId);
    return !(old && old.hash === doc.hash && reusableRows(previous, doc.docId) !== undefined);
  });
}

/**
 * True when a build over `previous` with this analyzer and embedder reuses nothing (there is no
 * previous state, or it was built differently): it chunks and embeds every document.
 */
export function reusesNothing(previous: IndexState | undefined, analyzer: Analyzer, embedder: Embedder): boolean {
  return !previous || incompatibility(previous, analyzer, embedder) !== undefined;
}

/** How a build takes a document: its new `chunks`, or (`chunks` absent) the rows from `reused` of the previous table. */
interface DocPlan {
  doc: Document;
  /** The document's chunk ids, in order. */
  ids: string[];
  chunks?: Chunk[];
  /** First row of the document's chunks in the previous state. */
  reused?: number;
}

function fresh(doc: Document, chunks: Chunk[]): DocPlan {
  return { doc, ids: chunks.map((c) => c.id), chunks };
}

/**
 * First row in a state's chunk table of each document whose chunk ids (in its manifest) lie there
 * in that order, by docId; made once per state and shared by `documentsToIndex` and the next
 * `buildIndex` over it. A build records its own; a loaded state's are checked against its table
 * at the first build over it (a comparison of bytes per chunk).
 */
const documentRows = new WeakMap<IndexManifest, ReadonlyMap<string, number>>();

function documentRowsOf(previous: IndexState): ReadonlyMap<string, number> {
  let rows = documentRows.get(previous.manifest);
  if (!rows) {
    const made = new Map<string, number>();
    const table = previous.chunks;
    let first = 0;
    for (const { docId, chunkIds } of previous.manifest.documents) {
      if (chunkIds.every((id, j) => table.idIs(first + j, id))) made.set(docId, first);
      first += chunkIds.length;
    }
    rows = made;
    documentRows.set(previous.manifest, rows);
  }
  return rows;
}

/**
 * The first row of a document's chunks in `previous`'s chunk table when its manifest's chunk ids
 * lie there in order (they always do unless the state is damaged), else undefined: then the
 * document is chunked again.
 */
function reusableRows(previous: IndexState, docId: string): number | undefined {
  return documentRowsOf(previous).get(docId);
}

/** The analyzed fields of a chunk, as the lexical index stores them. */
export function lexicalFields(analyzer: Analyzer, chunk: Chunk) {
  return {
    id: chunk.id,
    title: analyzer.terms(chunk.title, chunk.language),
    section: analyzer.terms(chunk.sectionPath.join(' '), chunk.language),
    body: analyzer.terms(chunk.text, chunk.language),
  };
}

/** SHA-256 (hex) over the sorted `docId`/`hash` pairs: equal corpora give equal hashes. */
export async function corpusHash(documents: readonly Pick<Document, 'docId' | 'hash'>[]): Promise<string> {
  const lines = documents.map((d) => `${d.docId}\t${d.hash}\n`).sort();
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(lines.join('')));
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}

/** Why `previous` cannot be reused with this analyzer and embedder, or undefined when it can. */
function incompatibility(previous: IndexState, analyzer: Analyzer, embedder: Embedder): string | undefined {
  const m = previous.manifest;
  if (m.formatVersion !== INDEX_FORMAT_VERSION) {
    return `indeksformatet er skiftet fra ${m.formatVersion} til ${INDEX_FORMAT_VERSION}`;
  }
  if (m.analyzerId !== analyzer.id) return `analyzeren er skiftet fra ${m.analyzerId} til ${analyzer.id}`;
  if (m.embedderId !== embedder.id || m.dimensions !== embedder.dimensions) {
    return `embedderen er skiftet fra ${m.embedderId} til ${embedder.id}`;
  }
  return undefined;
}

/** Embeds `chunks[i]` for each `i` in `which` into row `rowOf[i]` of `vectors`. */
async function embedRows(
  options: BuildIndexOptions,
  chunks: Chunk[],
  which: number[],
  rowOf: number[],
  vectors: RowsBuilder,
): Promise<void> {
  const { embedder, onProgress } = options;
  const embedText = options.embedText ?? defaultEmbedText;
  const batch = Math.max(1, embedder.maxBatch);
  const dims = embedder.dimensions;
  for (let start = 0; start < which.length; start += batch) {
    const slice = which.slice(start, start + batch);
    const result = await embedder.embedDocuments(slice.map((i) => embedText(chunks[i]!)));
    if (result.length !== slice.length || result.some((v) => v.length !== dims)) {
      throw new HelpdeskError(
        'upstream_failed',
        `Embedderen ${embedder.id} returnerede ${result.length} vektorer for ${slice.length} tekster (forventet ${dims} dimensioner hver) — tjek embedder-indstillingerne.`,
      );
    }
    slice.forEach((i, j) => {
      vectors.set(rowOf[i]!, result[j]!);
    });
    onProgress?.({ phase: 'embed', done: Math.min(start + batch, which.length), total: which.length });
  }
}

function checkUniqueDocIds(documents: Document[]): void {
  const seen = new Map<string, string>();
  for (const doc of documents) {
    const other = seen.get(doc.docId);
    if (other !== undefined) {
      throw new HelpdeskError(
        'corpus_invalid',
        `${doc.path}: dokument-id'et "${doc.docId}" bruges også af ${other} — giv en af filerne et andet navn.`,
      );
    }
    seen.set(doc.docId, doc.path);
  }
}

/**
 * Throws when two chunks share an id. Reused documents' chunks were unique in the previous
 * state, so only the new chunks are checked against each other and against the reused ones.
 */
function checkUniqueChunkIds(perDoc: DocPlan[], previous: IndexState | undefined): void {
  const reusedDocs = new Set<string>();
  for (const d of perDoc) if (!d.chunks) reusedDocs.add(d.doc.docId);
  const seen = new Set<string>();
  for (const { chunks } of perDoc) {
    if (!chunks) continue;
    for (const chunk of chunks) {
      const row = previous?.chunks.rowOf(chunk.id);
      const owner = row === undefined ? undefined : previous!.chunks.docIdAt(row);
      if (seen.has(chunk.id) || (owner !== undefined && reusedDocs.has(owner))) {
        throw new HelpdeskError(
          'corpus_invalid',
          `Afsnits-id'et "${chunk.id}" forekommer to gange — overskrifterne giver ens ankre.`,
        );
      }
      seen.add(chunk.id);
    }
  }
}
