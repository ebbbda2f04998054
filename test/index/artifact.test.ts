import { describe, expect, it } from 'vitest';
import type { Chunk } from '../../src/corpus/types.js';
import {
  artifactFormatVersion,
  artifactId,
  bytesSource,
  deserializeIndex,
  INDEX_FORMAT_VERSION,
  IndexManifest,
  indexParts,
  readIndex,
  serializeIndex,
  type VectorLayout,
} from '../../src/index/artifact.js';
import { readFileSync } from 'node:fs';
import { buildIndex } from '../../src/index/build.js';
import { checksum32 } from '../../src/index/binary.js';
import { ChunkTable } from '../../src/index/chunk-table.js';
import { createLocalEmbedder } from '../../src/index/local-embedder.js';
import { allRows, MemoryRows } from '../../src/index/vector-rows.js';
import { chunkByHeadings, sampleCorpus } from '../support/index-fixtures.js';
import { createStandInAnalyzer } from './stand-in-analyzer.js';

const analyzer = createStandInAnalyzer();
const embedder = createLocalEmbedder(analyzer, { dimensions: 32 });

async function sampleState() {
  const { state } = await buildIndex({ documents: sampleCorpus(), chunk: chunkByHeadings, analyzer, embedder });
  return state;
}

/** Byte position of the header of the first section of `kind` in an artifact. */
function sectionAt(bytes: Uint8Array, kind: number): number {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (let at = 8; at < bytes.length - 16; at += 12 + ((view.getUint32(at + 4, true) + 3) & ~3)) {
    if (view.getUint32(at, true) === kind) return at;
  }
  throw new Error(`no section of kind ${kind}`);
}

/** The chunk table's section kind in format 3. */
const CHUNK_TABLE = 6;

/** `bytes` without the section whose header is at `at` (the trailer no longer matches, but is read last). */
function withoutSection(bytes: Uint8Array, at: number): Uint8Array {
  const length = new DataView(bytes.buffer, bytes.byteOffset).getUint32(at + 4, true);
  const end = at + 12 + ((length + 3) & ~3);
  const out = new Uint8Array(bytes.length - (end - at));
  out.set(bytes.subarray(0, at));
  out.set(bytes.subarray(end), at);
  // keep the total length in the trailer right, so reading gets as far as the sections
  new DataView(out.buffer).setUint32(out.length - 8, out.length, true);
  return out;
}

describe('index artifact', () => {
  it('round-trips manifest, documents, chunks, lexical index and vectors', async () => {
    const state = await sampleState();
    const bytes = serializeIndex(state);
    expect(artifactFormatVersion(bytes)).toBe(INDEX_FORMAT_VERSION);
    const copy = deserializeIndex(bytes);
    expect(copy.manifest).toEqual(state.manifest);
    expect(copy.documents).toEqual(state.documents);
    expect([...copy.chunks]).toEqual([...state.chunks]);
    expect(copy.vectors).toEqual(state.vectors);
    const terms = analyzer.queryTerms('samarbejdsaftale rettigheder innovation');
    expect(copy.lexical.search(terms, 10)).toEqual(state.lexical.search(terms, 10));
    expect(serializeIndex(copy)).toEqual(bytes);
  });

  it('round-trips text with æøå, emoji and combining marks through the binary chunk section', async () => {
    const state = await sampleState();
    const texts = [
      'Æbleskiver, rødgrød og ål på Ærø — “citat”',
      'Emoji: 🍓 👩‍👩‍👧 🇩🇰, uden for BMP: 𝔘𝔫𝔦',
      'Kombinerede tegn: e\u0301 a\u030A o\u0308 (ikke NFC-normaliseret)',
      '',
      'Tab\tog linjeskift\nog NUL \u0000 og erstatningstegn \uFFFD',
      'ASCII only',
      'ﬁ-ligatur og ẞ',
    ];
    const chunks: Chunk[] = [...state.chunks].map((c, i) => ({
      ...c,
      text: texts[i]!,
      title: `${c.title} ø`,
      sectionPath: [...c.sectionPath, 'Overskrift med å'],
    }));
    const unicode = { ...state, chunks: ChunkTable.from(chunks) };
    const bytes = serializeIndex(unicode);
    const view = new DataView(bytes.buffer, bytes.byteOffset);
    // one binary chunk section, no JSON chunk sections (kind 3)
    expect(() => sectionAt(bytes, 3)).toThrow();
    expect(view.getUint32(sectionAt(bytes, CHUNK_TABLE) + 4, true)).toBe(unicode.chunks.payload.length);
    const copy = deserializeIndex(bytes);
    expect([...copy.chunks]).toEqual(chunks);
    expect(copy.chunks.byId(chunks[1]!.id)?.text).toBe(texts[1]);
    expect(serializeIndex(copy)).toEqual(bytes);
  });

  it('reads an index.bin of format 2 (chunks as JSON), written by the code before the chunk table', async () => {
    // test/fixtures/index-v2.bin: the sample corpus built and saved by commit b4a7836 (format 2, 4 chunks per JSON section)
    const old = new Uint8Array(readFileSync(new URL('../fixtures/index-v2.bin', import.meta.url)));
    expect(artifactFormatVersion(old)).toBe(2);
    const state = await sampleState();
    const loaded = deserializeIndex(old);
    expect([...loaded.chunks]).toEqual([...state.chunks]);
    expect(loaded.documents).toEqual(state.documents);
    // the same index: only the way its chunks are stored differs, so it counts as the current format
    expect(loaded.manifest).toEqual({ ...state.manifest, builtAt: '2026-12-07T00:00:00.000Z' });
    expect(allRows(loaded.vectors)).toEqual(allRows(state.vectors));
    const terms = analyzer.queryTerms('samarbejdsaftale rettigheder innovation');
    expect(loaded.lexical.search(terms, 10)).toEqual(state.lexical.search(terms, 10));
    // saved again, it is format 3, and reads back the same
    const again = serializeIndex(loaded);
    expect(artifactFormatVersion(again)).toBe(INDEX_FORMAT_VERSION);
    expect([...deserializeIndex(again).chunks]).toEqual([...state.chunks]);
  });

  it('refuses a damaged or cut chunk section, naming it', async () => {
    const bytes = serializeIndex(await sampleState());
    const at = sectionAt(bytes, CHUNK_TABLE);
    const flipped = bytes.slice();
    flipped[at + 12 + 40]! ^= 0x01;
    expect(() => deserializeIndex(flipped)).toThrow(/kontrolsummen passer ikke \(tekststykkerne\)/);
    // the section's length says more bytes than the file has
    const long = bytes.slice();
    new DataView(long.buffer).setUint32(at + 4, bytes.length, true);
    expect(() => deserializeIndex(long)).toThrow(/tekststykkerne går ud over filens slutning/);
    // the file ends before the section, or the section is missing (the lexical index comes where it should be)
    expect(() => deserializeIndex(bytes.subarray(0, at))).toThrow(/beskadiget eller afkortet/);
    expect(() => deserializeIndex(withoutSection(bytes, at))).toThrow(/forventede tekststykkerne, fandt afsnitstype 4/);
  });

  it('refuses a chunk table whose checksum holds but whose offsets do not, with the table’s own message', async () => {
    const state = await sampleState();
    // a table damaged before it was written: the section's checksum is computed over the damaged bytes
    const payload = state.chunks.payload.slice();
    const words = new Uint32Array(payload.buffer, 0, payload.length >>> 2);
    words[4 + (state.chunks.length + 1) + 4] = 1_000_000;
    const damaged = { payload, length: state.chunks.length } as unknown as ChunkTable;
    const bytes = serializeIndex({ ...state, chunks: damaged });
    const at = sectionAt(bytes, CHUNK_TABLE);
    expect(new DataView(bytes.buffer).getUint32(at + 8, true)).toBe(checksum32(payload));
    expect(() => deserializeIndex(bytes)).toThrow(
      /Tekststykke-tabellen er beskadiget eller afkortet \(felt 4 slutter før det begynder\) — byg indekset igen/,
    );
    expect(() => deserializeIndex(bytes)).toThrow(expect.objectContaining({ code: 'index_incompatible' }));
  });

  it('reads an artifact that sits at an odd offset inside a larger buffer', async () => {
    const bytes = serializeIndex(await sampleState());
    const padded = new Uint8Array(bytes.length + 3);
    padded.set(bytes, 3);
    expect(deserializeIndex(padded.subarray(3)).chunks).toHaveLength(7);
  });

  it('gives the same id for the same bytes and another id after any change', async () => {
    const bytes = serializeIndex(await sampleState());
    const id = artifactId(bytes);
    expect(id).toMatch(/^[0-9a-f]{8}-\d+$/);
    expect(artifactId(bytes.slice())).toBe(id);
  });

  it('refuses another format version with a clear message', async () => {
    const bytes = serializeIndex(await sampleState());
    new DataView(bytes.buffer).setUint32(4, 99, true);
    expect(() => deserializeIndex(bytes)).toThrow(/formatversion 99; denne version bruger 3 — byg indekset igen/);
    expect(() => deserializeIndex(bytes)).toThrow(expect.objectContaining({ code: 'index_incompatible' }));
  });

  it('refuses truncated, flipped and foreign bytes without crashing', async () => {
    const bytes = serializeIndex(await sampleState());
    expect(() => deserializeIndex(bytes.subarray(0, bytes.length - 1))).toThrow(/afkortet/);
    expect(() => deserializeIndex(bytes.subarray(0, 5))).toThrow(/beskadiget/);
    const flipped = bytes.slice();
    flipped[Math.floor(flipped.length / 2)]! ^= 0x40;
    expect(() => deserializeIndex(flipped)).toThrow(/kontrolsummen passer ikke/);
    expect(() => deserializeIndex(new TextEncoder().encode('# Markdown, ikke et indeks'))).toThrow(/ukendt filtype/);
  });

  it('reads vectors cut into many sections, the same as one section', async () => {
    const state = await sampleState();
    const whole = serializeIndex(state);
    // 7 chunks à 32 floats: 7 one-row vector sections
    const cut = serializeIndex(state, { vectorSectionBytes: 100 });
    expect(cut.length).toBeGreaterThan(whole.length);
    const copy = deserializeIndex(cut);
    expect([...copy.chunks]).toEqual([...state.chunks]);
    expect(copy.vectors).toEqual(state.vectors);
    expect(serializeIndex(copy)).toEqual(whole);
    expect(artifactId(cut)).not.toBe(artifactId(whole));
  });

  it('streams the same bytes as serializeIndex and returns the id and size at the end', async () => {
    const state = await sampleState();
    const parts = indexParts(state, { vectorSectionBytes: 3 * 32 * 4 });
    const pieces: Uint8Array[] = [];
    let step = parts.next();
    while (!step.done) {
      pieces.push(step.value);
      step = parts.next();
    }
    const joined = new Uint8Array(pieces.reduce((n, p) => n + p.length, 0));
    let at = 0;
    for (const piece of pieces) {
      joined.set(piece, at);
      at += piece.length;
    }
    expect(joined).toEqual(serializeIndex(state, { vectorSectionBytes: 3 * 32 * 4 }));
    expect(step.value).toMatchObject({ artifact: artifactId(joined), bytes: joined.length });
    expect(readIndex(bytesSource(joined)).artifact).toBe(step.value.artifact);
  });

  it('says where each vector row lies in the bytes it writes', async () => {
    const state = await sampleState();
    const layout = { vectorSectionBytes: 3 * 32 * 4 };
    const bytes = serializeIndex(state, layout);
    const gen = indexParts(state, layout);
    let step = gen.next();
    while (!step.done) step = gen.next();
    const { vectors } = step.value;
    expect(vectors.sections.map((s) => [s.firstRow, s.rows])).toEqual([
      [0, 3],
      [3, 3],
      [6, 1],
    ]);
    for (const { position, firstRow, rows } of vectors.sections) {
      const floats = new Float32Array(bytes.slice(position, position + rows * 32 * 4).buffer);
      expect(floats).toEqual(state.vectors.read(firstRow, rows));
    }
  });

  it('leaves the vector rows in place when asked, after checking their sums', async () => {
    const state = await sampleState();
    const bytes = serializeIndex(state, { vectorSectionBytes: 2 * 32 * 4 });
    const seen: { layout: VectorLayout; artifact: string }[] = [];
    const rows = new MemoryRows(new Float32Array(7 * 32), 32);
    const read = readIndex(bytesSource(bytes), {
      vectorsAt: (layout, artifact) => {
        seen.push({ layout, artifact });
        return rows;
      },
    });
    expect(read.state.vectors).toBe(rows);
    expect(seen).toHaveLength(1);
    expect(seen[0]!.artifact).toBe(artifactId(bytes));
    expect(seen[0]!.layout.rows).toBe(7);
    expect(seen[0]!.layout.sections.map((s) => s.rows)).toEqual([2, 2, 2, 1]);
    // a damaged vector section is still found
    const last = seen[0]!.layout.sections[3]!;
    bytes[last.position + 5]! ^= 0xff;
    expect(() => readIndex(bytesSource(bytes), { vectorsAt: () => rows })).toThrow(
      /kontrolsummen passer ikke \(vektorerne\)/,
    );
  });

  it('names the damaged section and refuses sections out of order or a wrong trailer', async () => {
    const bytes = serializeIndex(await sampleState(), { vectorSectionBytes: 128 });
    // the last vector section's payload sits just before the 16-byte trailer
    const lastVector = bytes.slice();
    lastVector[bytes.length - 16 - 1]! ^= 0x01;
    expect(() => deserializeIndex(lastVector)).toThrow(/kontrolsummen passer ikke \(vektorerne\)/);
    // the first section (the manifest) relabelled as documents
    const reordered = bytes.slice();
    new DataView(reordered.buffer).setUint32(8, 2, true);
    expect(() => deserializeIndex(reordered)).toThrow(/forventede manifestet, fandt afsnitstype 2/);
    const trailer = bytes.slice();
    new DataView(trailer.buffer).setUint32(bytes.length - 16, 3, true);
    expect(() => deserializeIndex(trailer)).toThrow(/afsnittene passer ikke med filens afslutning/);
  });

  it('refuses a document list of the wrong shape even when its checksum holds', async () => {
    const state = await sampleState();
    const noMeta = state.documents.map((d) => ({ ...d, meta: null }) as unknown as typeof d);
    expect(() => deserializeIndex(serializeIndex({ ...state, documents: noMeta }))).toThrow(
      /dokumentlisten er ugyldig/,
    );
  });

  it('refuses to write a state whose parts disagree', async () => {
    const state = await sampleState();
    expect(() =>
      serializeIndex({ ...state, vectors: new MemoryRows(allRows(state.vectors).subarray(32), 32) }),
    ).toThrow(/hænger ikke sammen/);
  });

  it('validates the manifest with its schema', () => {
    const result = IndexManifest.safeParse({ formatVersion: 1, analyzerId: '', embedderId: 'x' });
    expect(result.success).toBe(false);
  });
});
