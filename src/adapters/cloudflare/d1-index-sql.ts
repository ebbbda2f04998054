import type { IndexState } from '../../index/artifact.js';
import { HelpdeskError } from '../../errors.js';

/**
 * The lexical index and the chunk texts in D1 (`LEXICAL_INDEX=d1`), written as plain SQL so the same
 * statements fill a local D1 in tests and a remote one with `wrangler d1 execute --file`:
 *
 * - `lex_meta`: one row, the build (format, analyzer, counts, BM25 `k1`); written last, so a fill
 *   that stopped half-way is seen as no index at all;
 * - `lex_terms`: the vocabulary with each term's document frequency, as JSON in parts; a term's id
 *   is its position over all parts (loaded once per isolate for query analysis: stemming, spelling);
 * - `lex_documents`: document metadata with chunk counts, as JSON in parts (the document list);
 * - `lex_chunks`: one row per chunk, numbered in index order (the tie-break of BM25F), its JSON;
 * - `lex_postings`: (term id, chunk number) → the saturated BM25F term frequency `tf / (k1 + tf)`
 *   (`LexicalIndex.scoring`), clustered by term so a query reads only its terms' postings.
 *
 * Every table is dropped and created again: a fill replaces the index whole. The tables live beside
 * the operations store's (they share the `DB` binding) and never touch them.
 */
export const D1_INDEX_FORMAT = 1;

/** D1 refuses statements longer than 100 KB; statements are cut well below. */
const MAX_STATEMENT_BYTES = 90_000;

const TABLES = ['lex_meta', 'lex_terms', 'lex_documents', 'lex_chunks', 'lex_postings'] as const;

/** The build a filled D1 index describes (`lex_meta`). */
export interface D1IndexMeta {
  format: number;
  /** Identifies one fill: the Worker checks it with every search, so a refill is noticed. */
  build: string;
  analyzerId: string;
  embedderId: string;
  corpusHash: string;
  builtAt: string;
  documents: number;
  chunks: number;
  terms: number;
  termParts: number;
  documentParts: number;
  /** BM25 `k1` of the index (scores are `sat × idf × weight × (k1 + 1)`). */
  k1: number;
  hasEnglish: boolean;
}

/** The statements that create the (empty) tables of the D1 index, replacing any earlier fill. */
export function d1IndexSchema(): string[] {
  return [
    ...TABLES.map((t) => `DROP TABLE IF EXISTS ${t}`),
    'CREATE TABLE lex_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)',
    'CREATE TABLE lex_terms (part INTEGER PRIMARY KEY, terms TEXT NOT NULL)',
    'CREATE TABLE lex_documents (part INTEGER PRIMARY KEY, documents TEXT NOT NULL)',
    'CREATE TABLE lex_chunks (no INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, doc TEXT NOT NULL, chunk TEXT NOT NULL)',
    'CREATE INDEX lex_chunks_doc ON lex_chunks (doc, no)',
    'CREATE TABLE lex_postings (term INTEGER NOT NULL, chunk INTEGER NOT NULL, sat REAL NOT NULL, PRIMARY KEY (term, chunk)) WITHOUT ROWID',
  ];
}

/** A SQL string literal. */
export function sqlText(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

const encoder = new TextEncoder();
const bytesOf = (s: string): number => encoder.encode(s).length;

/** `INSERT … VALUES` statements of at most `MAX_STATEMENT_BYTES`, one or more rows each. */
function* inserts(head: string, rows: Iterable<string>): Generator<string> {
  let statement = '';
  let size = 0;
  for (const row of rows) {
    const rowBytes = bytesOf(row) + 1;
    if (bytesOf(head) + rowBytes > MAX_STATEMENT_BYTES) {
      throw new HelpdeskError(
        'index_incompatible',
        `En række er for stor til én D1-sætning (${rowBytes} byte, højst ${MAX_STATEMENT_BYTES}): ${row.slice(0, 80)}…`,
      );
    }
    if (statement && size + rowBytes > MAX_STATEMENT_BYTES) {
      yield statement;
      statement = '';
    }
    if (!statement) {
      statement = `${head} ${row}`;
      size = bytesOf(statement);
    } else {
      statement += `,${row}`;
      size += rowBytes;
    }
  }
  if (statement) yield statement;
}

/** JSON arrays of items cut into parts whose SQL row stays under the statement limit. */
function parts<T>(items: readonly T[], encode: (batch: T[]) => string): string[] {
  const out: string[] = [];
  let batch: T[] = [];
  let size = 0;
  for (const item of items) {
    const itemBytes = bytesOf(JSON.stringify(item)) + 8;
    if (batch.length > 0 && size + itemBytes > MAX_STATEMENT_BYTES / 2) {
      out.push(encode(batch));
      batch = [];
      size = 0;
    }
    batch.push(item);
    size += itemBytes;
  }
  if (batch.length > 0 || out.length === 0) out.push(encode(batch));
  return out;
}

/**
 * Every statement that fills D1 with `state`'s lexical index and chunks: the schema, the rows, and
 * `lex_meta` last. Lazy, so a large index is written out without holding all SQL in memory.
 */
export function* d1IndexStatements(state: IndexState): Generator<string, D1IndexMeta> {
  yield* d1IndexSchema();
  const { ids, terms } = state.lexical.scoring();
  const table = state.chunks;
  if (ids.length !== table.length || ids.some((id) => table.rowOf(id) === undefined)) {
    throw new HelpdeskError('index_incompatible', 'Indeksets afsnit og det leksikalske indeks passer ikke sammen.');
  }
  yield* inserts(
    'INSERT INTO lex_chunks (no, id, doc, chunk) VALUES',
    ids.map((id, no) => {
      const chunk = table.byId(id)!;
      return `(${no},${sqlText(id)},${sqlText(chunk.docId)},${sqlText(JSON.stringify(chunk))})`;
    }),
  );
  const vocabulary: [string, number][] = [];
  function* postingRows(): Generator<string> {
    for (const { term, chunks, saturation } of terms()) {
      const t = vocabulary.length;
      vocabulary.push([term, chunks.length]);
      for (let i = 0; i < chunks.length; i++) {
        if (saturation[i]! > 0) yield `(${t},${chunks[i]},${saturation[i]})`;
      }
    }
  }
  yield* inserts('INSERT INTO lex_postings (term, chunk, sat) VALUES', postingRows());
  const termParts = parts(vocabulary, (batch) => JSON.stringify(batch));
  yield* inserts(
    'INSERT INTO lex_terms (part, terms) VALUES',
    termParts.map((json, part) => `(${part},${sqlText(json)})`),
  );
  const counts = new Map<string, number>();
  for (let row = 0; row < table.length; row++) {
    const docId = table.docIdAt(row);
    counts.set(docId, (counts.get(docId) ?? 0) + 1);
  }
  const documentParts = parts(
    state.documents.map((d) => ({ ...d, chunks: counts.get(d.docId) ?? 0 })),
    (batch) => JSON.stringify(batch),
  );
  yield* inserts(
    'INSERT INTO lex_documents (part, documents) VALUES',
    documentParts.map((json, part) => `(${part},${sqlText(json)})`),
  );
  const m = state.manifest;
  const meta: D1IndexMeta = {
    format: D1_INDEX_FORMAT,
    build: `${m.corpusHash.slice(0, 16)}-${m.builtAt}`,
    analyzerId: m.analyzerId,
    embedderId: m.embedderId,
    corpusHash: m.corpusHash,
    builtAt: m.builtAt,
    documents: state.documents.length,
    chunks: ids.length,
    terms: vocabulary.length,
    termParts: termParts.length,
    documentParts: documentParts.length,
    k1: state.lexical.options.k1,
    hasEnglish: table.hasLanguage('en'),
  };
  yield `INSERT INTO lex_meta (key, value) VALUES ('index', ${sqlText(JSON.stringify(meta))})`;
  return meta;
}
