import { z } from 'zod';
import { Frontmatter } from '../corpus/frontmatter.js';
import type { Chunk } from '../corpus/types.js';
import { HelpdeskError } from '../errors.js';
import { FNV_OFFSET, fnvStep } from '../text/hash.js';
import { checksum32, checksumFinish, checksumWords, corruptError } from './binary.js';
import { ChunkTable } from './chunk-table.js';
import { LexicalIndex } from './lexical-index.js';
import { shareParsedStrings } from './shared-strings.js';
import { MemoryRows, type VectorRows } from './vector-rows.js';

/**
 * Version of the index artifact layout written now. 3: the chunks are one binary table
 * (`ChunkTable`); 2 had them as JSON. A file of a version not in `READABLE_FORMAT_VERSIONS` is
 * refused and rebuilt.
 */
export const INDEX_FORMAT_VERSION = 3;
/**
 * Versions `readIndex` reads. Version 2 holds the same index with its chunks as JSON: it is read as
 * it always was and its state is that of version 3 (same analyzer, chunks and vectors), so an
 * upgrade serves the saved index at once and the next save writes version 3.
 */
export const READABLE_FORMAT_VERSIONS: readonly number[] = [2, 3];

const MAGIC = new Uint8Array([0x4f, 0x50, 0x49, 0x58]); // "OPIX"
/** magic + version */
const HEADER_BYTES = 8;
/** kind + payload length + payload checksum */
const SECTION_HEADER_BYTES = 12;
/** section count + combined checksum + total file length (64-bit, as two 32-bit halves) */
const TRAILER_BYTES = 16;
const WHAT = 'Indeksfilen';

/** The kinds of section, in the order they must appear. */
const Section = { manifest: 1, documents: 2, chunks: 3, chunkTable: 6, lexical: 4, vectors: 5 } as const;
/** Largest vector section; sections are whole rows. */
const VECTOR_SECTION_BYTES = 64 * 1024 * 1024;
/** Piece in which vector sections are checksummed when their rows stay on disk. */
const SKIM_BYTES = 4 * 1024 * 1024;
const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

/** What an index artifact was built from and with: checked before it is used. */
export const IndexManifest = z.object({
  formatVersion: z.number().int(),
  analyzerId: z.string().min(1),
  embedderId: z.string().min(1),
  dimensions: z.number().int().positive(),
  /** SHA-256 (hex) over the sorted `docId`/`hash` pairs of the indexed documents. */
  corpusHash: z.string(),
  /** ISO 8601 time of the build. */
  builtAt: z.string(),
  documents: z.array(z.object({ docId: z.string(), hash: z.string(), chunkIds: z.array(z.string()) })),
  counts: z.object({
    documents: z.number().int().nonnegative(),
    chunks: z.number().int().nonnegative(),
    terms: z.number().int().nonnegative(),
  }),
});
export type IndexManifest = z.infer<typeof IndexManifest>;

/** A document's metadata as kept in the index (its text lives in its chunks). */
export const IndexedDocument = z.object({
  docId: z.string(),
  path: z.string(),
  hash: z.string(),
  meta: Frontmatter,
});
export type IndexedDocument = z.infer<typeof IndexedDocument>;

/**
 * Everything a built index holds. `vectors` has one row of `dimensions`
 * floats per chunk: row `i` is the embedding of `chunks[i]`, kept so
 * unchanged documents are never embedded again and any vector store can be
 * refilled. A build holds them in memory; once the state is saved (or when
 * it was loaded) they may be swapped for the same rows read from the saved
 * artifact on demand.
 */
export interface IndexState {
  manifest: IndexManifest;
  documents: IndexedDocument[];
  /** Every chunk, documents in manifest order, each document's chunks in order. */
  chunks: ChunkTable;
  lexical: LexicalIndex;
  vectors: VectorRows;
}

/** Where the vector rows lie in an artifact: enough to read any row from it later. */
export interface VectorLayout {
  dimensions: number;
  rows: number;
  /** Each vector section's payload: its byte position in the artifact and the rows it holds. */
  sections: { position: number; firstRow: number; rows: number }[];
}

/** What `indexParts` returns once every piece was produced. */
export interface WrittenArtifact {
  /** The artifact's id (see `artifactId`). */
  artifact: string;
  /** Its length in bytes. */
  bytes: number;
  /** Where its vector rows lie. */
  vectors: VectorLayout;
}

/**
 * Where an artifact is read from: a byte array (Workers assets, tests) or a
 * file read piece by piece (`src/adapters/node/index-files.ts`), so an index
 * larger than one buffer or one `readFile` can hold still loads.
 */
export interface ByteSource {
  /** Total length in bytes. */
  readonly size: number;
  /** Fill `target` with the bytes from `position`; throws if they are not there. */
  readInto(target: Uint8Array, position: number): void;
}

/** A `ByteSource` over bytes in memory. */
export function bytesSource(bytes: Uint8Array): ByteSource {
  return {
    size: bytes.length,
    readInto(target, position) {
      target.set(bytes.subarray(position, position + target.length));
    },
  };
}

/**
 * The artifact as a sequence of byte pieces, produced lazily so a writer can
 * stream a large index to disk holding one section at a time. Layout: header
 * (magic, format version); sections (kind, payload length, payload checksum,
 * payload padded to 4 bytes) — manifest JSON, documents JSON, the chunk table
 * (`ChunkTable.payload`), lexical index bytes, Float32 vectors in row slices; trailer
 * (section count, checksum over the section checksums, total length). Returns
 * the artifact id, size and where the vector rows lie.
 */
export function* indexParts(state: IndexState, layout: SectionLayout = {}): Generator<Uint8Array, WrittenArtifact> {
  checkConsistent(state);
  const header = new Uint8Array(HEADER_BYTES);
  header.set(MAGIC, 0);
  new DataView(header.buffer).setUint32(4, INDEX_FORMAT_VERSION, true);
  yield header;
  let total = HEADER_BYTES;
  let sections = 0;
  let combined = FNV_OFFSET;
  function* section(kind: number, payload: Uint8Array): Generator<Uint8Array> {
    const sum = checksum32(payload);
    const head = new Uint8Array(SECTION_HEADER_BYTES);
    const view = new DataView(head.buffer);
    view.setUint32(0, kind, true);
    view.setUint32(4, payload.length, true);
    view.setUint32(8, sum, true);
    yield head;
    yield payload;
    const pad = padding(payload.length);
    if (pad > 0) yield new Uint8Array(pad);
    total += SECTION_HEADER_BYTES + payload.length + pad;
    sections++;
    combined = combine(combined, sum);
  }
  const json = (value: unknown) => encoder.encode(JSON.stringify(value));
  yield* section(Section.manifest, json(state.manifest));
  yield* section(Section.documents, json(state.documents));
  yield* section(Section.chunkTable, state.chunks.payload);
  yield* section(Section.lexical, state.lexical.serialize());
  const v = state.vectors;
  const dims = state.manifest.dimensions;
  const vectors: VectorLayout = { dimensions: dims, rows: v.rows, sections: [] };
  const step = Math.max(1, Math.floor((layout.vectorSectionBytes ?? VECTOR_SECTION_BYTES) / (dims * 4)));
  for (let first = 0; first < v.rows; first += step) {
    const rows = Math.min(step, v.rows - first);
    const slice = v.read(first, rows);
    vectors.sections.push({ position: total + SECTION_HEADER_BYTES, firstRow: first, rows });
    yield* section(Section.vectors, new Uint8Array(slice.buffer, slice.byteOffset, slice.byteLength));
  }
  total += TRAILER_BYTES;
  const trailer = new Uint8Array(TRAILER_BYTES);
  const view = new DataView(trailer.buffer);
  view.setUint32(0, sections, true);
  view.setUint32(4, finish(combined, total), true);
  view.setUint32(8, total % 2 ** 32, true);
  view.setUint32(12, Math.floor(total / 2 ** 32), true);
  yield trailer;
  return { artifact: idOf(finish(combined, total), total), bytes: total, vectors };
}

/** How `indexParts` cuts vectors into sections (the default suits any size; tests use small ones). */
export interface SectionLayout {
  /** Largest vector section in bytes (whole rows, at least one); default 64 MiB. */
  vectorSectionBytes?: number;
}

/** The whole artifact in one byte array (small indexes: Workers assets, tests). */
export function serializeIndex(state: IndexState, layout: SectionLayout = {}): Uint8Array {
  const parts: Uint8Array[] = [];
  const gen = indexParts(state, layout);
  let step = gen.next();
  while (!step.done) {
    parts.push(step.value);
    step = gen.next();
  }
  const out = new Uint8Array(step.value.bytes);
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

/**
 * Read an artifact written by `serializeIndex`. Throws `index_incompatible`
 * for another format version and for truncated or damaged bytes.
 */
export function deserializeIndex(bytes: Uint8Array): IndexState {
  return readIndex(bytesSource(bytes)).state;
}

/** How `readIndex` treats the vector rows. */
export interface ReadIndexOptions {
  /**
   * Leave the rows where they are: their sections are checksummed in small pieces, not kept, and
   * this makes the state's rows from where they lie and the artifact's id (e.g. rows read from the
   * file on demand). Without it the rows are read into one array in memory.
   */
  vectorsAt?: (layout: VectorLayout, artifact: string) => VectorRows;
}

/**
 * Read an artifact section by section from `source`, verifying every
 * section's checksum, and return it with its id. Vectors are read straight
 * into their final array (or left in place, see `ReadIndexOptions`). Throws
 * `index_incompatible` for another format version and for truncated, damaged
 * or foreign bytes.
 */
export function readIndex(source: ByteSource, options: ReadIndexOptions = {}): { state: IndexState; artifact: string } {
  const trailer = readTrailer(source);
  const at = { position: HEADER_BYTES, sections: 0, combined: FNV_OFFSET };
  const end = source.size - TRAILER_BYTES;

  /** Reads the next section's header; `check` gets its payload length and position, and returns its checksum. */
  const section = (kind: number, what: string, check: (length: number, start: number) => number): void => {
    if (at.position + SECTION_HEADER_BYTES > end) throw corrupt(`${what} mangler`);
    const head = read(source, at.position, SECTION_HEADER_BYTES);
    const view = new DataView(head.buffer, head.byteOffset, SECTION_HEADER_BYTES);
    const found = view.getUint32(0, true);
    const length = view.getUint32(4, true);
    if (found !== kind) throw corrupt(`forventede ${what}, fandt afsnitstype ${found}`);
    const start = at.position + SECTION_HEADER_BYTES;
    if (start + length > end) throw corrupt(`${what} går ud over filens slutning`);
    const sum = view.getUint32(8, true);
    if (check(length, start) !== sum) throw corrupt(`kontrolsummen passer ikke (${what})`);
    at.position = start + length + padding(length);
    at.sections++;
    at.combined = combine(at.combined, sum);
  };
  const next = (kind: number, what: string, into?: (length: number) => Uint8Array): Uint8Array => {
    let payload: Uint8Array | undefined;
    section(kind, what, (length, start) => {
      const bytes = into ? into(length) : new Uint8Array(length);
      source.readInto(bytes, start);
      payload = bytes;
      return checksum32(bytes);
    });
    return payload!;
  };
  /** Checksums the next section in pieces without keeping it; returns its payload's length. */
  const skim = (kind: number, what: string, check: (length: number) => void): number => {
    let out = 0;
    section(kind, what, (length, start) => {
      check(length);
      out = length;
      const piece = new Uint8Array(Math.min(SKIM_BYTES, length));
      let h = FNV_OFFSET;
      for (let done = 0; done < length; done += piece.length) {
        const part = piece.subarray(0, Math.min(piece.length, length - done));
        source.readInto(part, start + done);
        h = checksumWords(part, h);
      }
      return checksumFinish(h, length);
    });
    return out;
  };
  const peekKind = (): number | undefined => {
    if (at.position + SECTION_HEADER_BYTES > end) return undefined;
    const head = read(source, at.position, 4);
    return new DataView(head.buffer, head.byteOffset, 4).getUint32(0, true);
  };
  const json = (kind: number, what: string): unknown => {
    try {
      return JSON.parse(decoder.decode(next(kind, what)));
    } catch (cause) {
      if (HelpdeskError.isInstance(cause)) throw cause;
      throw corrupt(`${what}: JSON-data kan ikke læses`, cause);
    }
  };

  const manifest = parse(IndexManifest, json(Section.manifest, 'manifestet'), 'manifestet');
  if (manifest.formatVersion !== trailer.version) throw corrupt('manifestets formatversion passer ikke');
  // version 2 differs only in how the chunks are stored (see READABLE_FORMAT_VERSIONS)
  manifest.formatVersion = INDEX_FORMAT_VERSION;
  // the section's checksum guards the bytes and the schema was enforced when the documents were indexed:
  // a shape check is enough here (the full schema costs ~1 s per 100k chunks at every start)
  const documents = json(Section.documents, 'dokumentlisten');
  if (!Array.isArray(documents) || !documents.every(isDocumentLike)) throw corrupt('dokumentlisten er ugyldig');
  let chunks: ChunkTable;
  if (trailer.version === 2) {
    const parsed: Chunk[] = [];
    while (peekKind() === Section.chunks) {
      const batch = json(Section.chunks, 'afsnitslisten');
      if (!Array.isArray(batch) || !batch.every(isChunkLike)) throw corrupt('afsnitslisten er ugyldig');
      for (const chunk of batch) parsed.push(chunk);
    }
    chunks = tableOf(parsed);
  } else {
    // read straight into the buffer the table keeps (shared with worker threads where the runtime allows)
    chunks = tableOf(next(Section.chunkTable, 'tekststykkerne', sharedBytes));
  }
  if (chunks.length !== manifest.counts.chunks) {
    throw corrupt(`${chunks.length} afsnit, manifestet siger ${manifest.counts.chunks}`);
  }
  const share = shareParsedStrings(manifest, documents);
  const lexical = LexicalIndex.deserialize(next(Section.lexical, 'det leksikalske indeks'), { share });
  const dims = manifest.dimensions;
  const layout: VectorLayout = { dimensions: dims, rows: chunks.length, sections: [] };
  const checkLength = (length: number): void => {
    if (length === 0 || length % (dims * 4) !== 0 || filled + length / (dims * 4) > layout.rows) {
      throw corrupt('vektorafsnittet har en forkert længde');
    }
  };
  const array = options.vectorsAt ? undefined : new Float32Array(chunks.length * dims);
  let filled = 0;
  while (filled < layout.rows) {
    const position = at.position + SECTION_HEADER_BYTES;
    const bytes = array
      ? next(Section.vectors, 'vektorerne', (length) => {
          checkLength(length);
          return new Uint8Array(array.buffer, filled * dims * 4, length);
        }).length
      : skim(Section.vectors, 'vektorerne', checkLength);
    const rows = bytes / (dims * 4);
    layout.sections.push({ position, firstRow: filled, rows });
    filled += rows;
  }
  if (at.position !== end) throw corrupt(`${end - at.position} byte efter sidste afsnit`);
  const combined = finish(at.combined, source.size);
  if (at.sections !== trailer.sections || combined !== trailer.combined) {
    throw corrupt('afsnittene passer ikke med filens afslutning');
  }
  const artifact = idOf(combined, source.size);
  const vectors = array ? new MemoryRows(array, dims) : options.vectorsAt!(layout, artifact);
  const state: IndexState = { manifest, documents, chunks, lexical, vectors };
  try {
    checkConsistent(state);
  } catch (cause) {
    throw corrupt(HelpdeskError.isInstance(cause) ? cause.message : 'indholdet passer ikke sammen', cause);
  }
  return { state, artifact };
}

/**
 * A short id of a serialised artifact (its combined checksum and length),
 * recorded beside files that belong to it, such as a saved vector graph.
 * Reads only the header and trailer; `readIndex` verifies the checksums.
 */
export function artifactId(bytes: Uint8Array): string {
  return artifactIdOf(bytesSource(bytes));
}

/** `artifactId` of the artifact in `source` (reads its header and trailer only). */
export function artifactIdOf(source: ByteSource): string {
  return idOf(readTrailer(source).combined, source.size);
}

/** Reads the header only: the format version of an artifact, or undefined if it is not one. */
export function artifactFormatVersion(bytes: Uint8Array): number | undefined {
  if (bytes.length < HEADER_BYTES || !MAGIC.every((m, i) => bytes[i] === m)) return undefined;
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(4, true);
}

/** The table of parsed chunks or of a chunk table's bytes; a problem in either is the file's (`index_incompatible`). */
function tableOf(from: Chunk[] | Uint8Array): ChunkTable {
  try {
    return Array.isArray(from) ? ChunkTable.from(from) : ChunkTable.fromPayload(from);
  } catch (cause) {
    // the table's own message already says the table is damaged and what to do
    if (HelpdeskError.isInstance(cause) && cause.code === 'index_incompatible') throw cause;
    throw corrupt(`afsnitslisten: ${HelpdeskError.isInstance(cause) ? cause.message : String(cause)}`, cause);
  }
}

/** A zeroed byte array of `length`, in a `SharedArrayBuffer` where the runtime has one. */
function sharedBytes(length: number): Uint8Array {
  return typeof SharedArrayBuffer === 'function'
    ? new Uint8Array(new SharedArrayBuffer(length))
    : new Uint8Array(length);
}

/** Checks magic, version and length; returns the version and what the trailer says. */
function readTrailer(source: ByteSource): { version: number; sections: number; combined: number } {
  if (source.size < HEADER_BYTES) throw corrupt('ukendt filtype');
  const header = read(source, 0, HEADER_BYTES);
  if (!MAGIC.every((m, i) => header[i] === m)) throw corrupt('ukendt filtype');
  const version = new DataView(header.buffer, header.byteOffset, HEADER_BYTES).getUint32(4, true);
  if (!READABLE_FORMAT_VERSIONS.includes(version)) {
    throw new HelpdeskError(
      'index_incompatible',
      `${WHAT} har formatversion ${version}; denne version bruger ${INDEX_FORMAT_VERSION} — byg indekset igen.`,
      { details: { found: version, expected: INDEX_FORMAT_VERSION } },
    );
  }
  if (source.size < HEADER_BYTES + TRAILER_BYTES) throw corrupt(`kun ${source.size} byte`);
  const trailer = read(source, source.size - TRAILER_BYTES, TRAILER_BYTES);
  const view = new DataView(trailer.buffer, trailer.byteOffset, TRAILER_BYTES);
  const total = view.getUint32(8, true) + view.getUint32(12, true) * 2 ** 32;
  if (total !== source.size) throw corrupt(`forventede ${total} byte, fandt ${source.size}`);
  return { version, sections: view.getUint32(0, true), combined: view.getUint32(4, true) };
}

function read(source: ByteSource, position: number, length: number): Uint8Array {
  const out = new Uint8Array(length);
  source.readInto(out, position);
  return out;
}

function corrupt(detail: string, cause?: unknown): HelpdeskError {
  return corruptError(WHAT, detail, cause);
}

function padding(length: number): number {
  return (4 - (length % 4)) % 4;
}

/** Folds one section checksum into the running combined checksum. */
function combine(h: number, sum: number): number {
  return fnvStep(h, sum) >>> 0;
}

/** The combined checksum, bound to the file length. */
function finish(h: number, total: number): number {
  return combine(combine(h, total % 2 ** 32), Math.floor(total / 2 ** 32));
}

function idOf(combined: number, total: number): string {
  return `${combined.toString(16).padStart(8, '0')}-${total}`;
}

/** Throws `internal` when the parts of a state disagree with each other. */
function checkConsistent(state: IndexState): void {
  const { manifest, documents, chunks, lexical, vectors } = state;
  const problems: string[] = [];
  if (vectors.rows !== chunks.length || vectors.dimensions !== manifest.dimensions) {
    problems.push(
      `${vectors.rows} vektorer à ${vectors.dimensions} for ${chunks.length} afsnit à ${manifest.dimensions} dimensioner`,
    );
  }
  if (lexical.size !== chunks.length)
    problems.push(`${lexical.size} afsnit i det leksikalske indeks, ${chunks.length} i alt`);
  if (manifest.counts.chunks !== chunks.length || manifest.counts.documents !== documents.length) {
    problems.push('manifestets antal passer ikke');
  }
  const listed = manifest.documents.reduce((n, d) => n + d.chunkIds.length, 0);
  if (listed !== chunks.length || manifest.documents.length !== documents.length) {
    problems.push('manifestets dokumentliste passer ikke med afsnittene');
  }
  if (problems.length > 0) {
    throw new HelpdeskError('internal', `Indekset hænger ikke sammen: ${problems.join('; ')}.`);
  }
}

function parse<T>(schema: z.ZodType<T>, value: unknown, what: string): T {
  const result = schema.safeParse(value);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw corrupt(`${what}: ${issue?.path.join('.') ?? ''} ${issue?.message ?? ''}`.trim(), result.error);
  }
  return result.data;
}

/** An object whose `keys` all hold strings. */
function hasStrings(value: unknown, keys: readonly string[]): value is Record<string, unknown> {
  return (
    typeof value === 'object' &&
    value !== null &&
    keys.every((k) => typeof (value as Record<string, unknown>)[k] === 'string')
  );
}

function isDocumentLike(value: unknown): value is IndexedDocument {
  return hasStrings(value, ['docId', 'path', 'hash']) && hasStrings(value.meta, ['title']);
}

function isChunkLike(value: unknown): value is Chunk {
  return hasStrings(value, ['id', 'docId', 'text']) && Array.isArray(value.sectionPath);
}
