import { describe, expect, it } from 'vitest';
import {
  artifactFormatVersion,
  artifactId,
  deserializeIndex,
  INDEX_FORMAT_VERSION,
  IndexManifest,
  serializeIndex,
} from '../../src/index/artifact.js';
import { buildIndex } from '../../src/index/build.js';
import { createLocalEmbedder } from '../../src/index/local-embedder.js';
import { chunkByHeadings, sampleCorpus } from './fixtures.js';
import { createStandInAnalyzer } from './stand-in-analyzer.js';

const analyzer = createStandInAnalyzer();
const embedder = createLocalEmbedder(analyzer, { dimensions: 32 });

async function sampleState() {
  const { state } = await buildIndex({ documents: sampleCorpus(), chunk: chunkByHeadings, analyzer, embedder });
  return state;
}

describe('index artifact', () => {
  it('round-trips manifest, documents, chunks, lexical index and vectors', async () => {
    const state = await sampleState();
    const bytes = serializeIndex(state);
    expect(artifactFormatVersion(bytes)).toBe(INDEX_FORMAT_VERSION);
    const copy = deserializeIndex(bytes);
    expect(copy.manifest).toEqual(state.manifest);
    expect(copy.documents).toEqual(state.documents);
    expect(copy.chunks).toEqual(state.chunks);
    expect(copy.vectors).toEqual(state.vectors);
    const terms = analyzer.queryTerms('samarbejdsaftale rettigheder innovation');
    expect(copy.lexical.search(terms, 10)).toEqual(state.lexical.search(terms, 10));
    expect(serializeIndex(copy)).toEqual(bytes);
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
    expect(() => deserializeIndex(bytes)).toThrow(/formatversion 99; denne version bruger 1 — byg indekset igen/);
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

  it('refuses to write a state whose parts disagree', async () => {
    const state = await sampleState();
    expect(() => serializeIndex({ ...state, vectors: state.vectors.subarray(32) })).toThrow(/hænger ikke sammen/);
  });

  it('validates the manifest with its schema', () => {
    const result = IndexManifest.safeParse({ formatVersion: 1, analyzerId: '', embedderId: 'x' });
    expect(result.success).toBe(false);
  });
});
