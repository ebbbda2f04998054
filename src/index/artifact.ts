import { z } from 'zod';
import { Frontmatter } from '../corpus/frontmatter.js';
import type { Chunk } from '../corpus/types.js';
import { HelpdeskError } from '../errors.js';
import { ByteReader, ByteWriter, checksum32 } from './binary.js';
import { LexicalIndex } from './lexical-index.js';

/** Version of the index artifact layout; a file of another version is refused and rebuilt. */
export const INDEX_FORMAT_VERSION = 1;

const MAGIC = new Uint8Array([0x4f, 0x50, 0x49, 0x58]); // "OPIX"
/** magic + version + payload length */
const HEADER_BYTES = 12;
/** checksum after the payload */
const TRAILER_BYTES = 4;
const WHAT = 'Indeksfilen';

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
 * Everything a built index holds. `vectors` has `chunks.length × dimensions`
 * floats: row `i` is the embedding of `chunks[i]`, kept so unchanged documents
 * are never embedded again and any vector store can be refilled.
 */
export interface IndexState {
  manifest: IndexManifest;
  documents: IndexedDocument[];
  chunks: Chunk[];
  lexical: LexicalIndex;
  vectors: Float32Array;
}

/**
 * One binary file: header (magic, format version, payload length), payload
 * (manifest JSON, documents JSON, chunks JSON, lexical index bytes, Float32
 * vectors) and a checksum of the payload.
 */
export function serializeIndex(state: IndexState): Uint8Array {
  checkConsistent(state);
  const writer = new ByteWriter()
    .json(state.manifest)
    .json(state.documents)
    .json(state.chunks)
    .bytes(state.lexical.serialize())
    .f32Array(state.vectors);
  // one allocation of the final size: header, payload copied in place, trailer
  const length = writer.length;
  const out = new Uint8Array(HEADER_BYTES + length + TRAILER_BYTES);
  const view = new DataView(out.buffer);
  out.set(MAGIC, 0);
  view.setUint32(4, INDEX_FORMAT_VERSION, true);
  view.setUint32(8, length, true);
  writer.writeInto(out, HEADER_BYTES);
  view.setUint32(HEADER_BYTES + length, checksum32(out.subarray(HEADER_BYTES, HEADER_BYTES + length)), true);
  return out;
}

/**
 * Read an artifact written by `serializeIndex`. Throws `index_incompatible`
 * for another format version and for truncated or damaged bytes.
 */
export function deserializeIndex(bytes: Uint8Array): IndexState {
  const payload = verifiedPayload(bytes);
  const reader = new ByteReader(payload, WHAT);
  const manifest = parse(IndexManifest, reader.json(), 'manifestet', reader);
  if (manifest.formatVersion !== INDEX_FORMAT_VERSION) throw reader.corrupt('manifestets formatversion passer ikke');
  const documents = parse(z.array(IndexedDocument), reader.json(), 'dokumentlisten', reader);
  const chunks = reader.json();
  if (!Array.isArray(chunks) || !chunks.every(isChunkLike)) throw reader.corrupt('afsnitslisten er ugyldig');
  const lexical = LexicalIndex.deserialize(reader.bytes());
  const vectors = reader.f32Array();
  const state: IndexState = { manifest, documents, chunks, lexical, vectors };
  try {
    checkConsistent(state);
  } catch (cause) {
    throw reader.corrupt(HelpdeskError.isInstance(cause) ? cause.message : 'indholdet passer ikke sammen', cause);
  }
  return state;
}

/**
 * A short id of a serialised artifact (its stored checksum and length),
 * recorded beside files that belong to it, such as a saved vector graph.
 * Reads only the header and trailer; `deserializeIndex` verifies the checksum.
 */
export function artifactId(bytes: Uint8Array): string {
  const reader = new ByteReader(bytes, WHAT);
  if (bytes.length < HEADER_BYTES + TRAILER_BYTES || !MAGIC.every((m, i) => bytes[i] === m)) {
    throw reader.corrupt('ukendt filtype');
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const length = view.getUint32(8, true);
  if (bytes.length !== HEADER_BYTES + length + TRAILER_BYTES) throw reader.corrupt('forkert længde');
  const stored = view.getUint32(HEADER_BYTES + length, true);
  return `${stored.toString(16).padStart(8, '0')}-${length}`;
}

/** Reads the header only: the format version of an artifact, or undefined if it is not one. */
export function artifactFormatVersion(bytes: Uint8Array): number | undefined {
  if (bytes.length < HEADER_BYTES || !MAGIC.every((m, i) => bytes[i] === m)) return undefined;
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(4, true);
}

function verifiedPayload(bytes: Uint8Array): Uint8Array {
  const reader = new ByteReader(bytes, WHAT);
  if (bytes.length < HEADER_BYTES || !MAGIC.every((m, i) => bytes[i] === m)) throw reader.corrupt('ukendt filtype');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const version = view.getUint32(4, true);
  if (version !== INDEX_FORMAT_VERSION) {
    throw new HelpdeskError(
      'index_incompatible',
      `${WHAT} har formatversion ${version}; denne version bruger ${INDEX_FORMAT_VERSION} — byg indekset igen.`,
      { details: { found: version, expected: INDEX_FORMAT_VERSION } },
    );
  }
  const length = view.getUint32(8, true);
  if (bytes.length !== HEADER_BYTES + length + TRAILER_BYTES) {
    throw reader.corrupt(`forventede ${HEADER_BYTES + length + TRAILER_BYTES} byte, fandt ${bytes.length}`);
  }
  const payload = bytes.subarray(HEADER_BYTES, HEADER_BYTES + length);
  if (view.getUint32(HEADER_BYTES + length, true) !== checksum32(payload))
    throw reader.corrupt('kontrolsummen passer ikke');
  return payload;
}

/** Throws `internal` when the parts of a state disagree with each other. */
function checkConsistent(state: IndexState): void {
  const { manifest, documents, chunks, lexical, vectors } = state;
  const problems: string[] = [];
  if (vectors.length !== chunks.length * manifest.dimensions) {
    problems.push(`${vectors.length} vektortal for ${chunks.length} afsnit à ${manifest.dimensions} dimensioner`);
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

function parse<T>(schema: z.ZodType<T>, value: unknown, what: string, reader: ByteReader): T {
  const result = schema.safeParse(value);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw reader.corrupt(`${what}: ${issue?.path.join('.') ?? ''} ${issue?.message ?? ''}`.trim(), result.error);
  }
  return result.data;
}

function isChunkLike(value: unknown): value is Chunk {
  const c = value as Partial<Chunk> | null;
  return (
    typeof c === 'object' &&
    c !== null &&
    typeof c.id === 'string' &&
    typeof c.docId === 'string' &&
    typeof c.text === 'string' &&
    Array.isArray(c.sectionPath)
  );
}
