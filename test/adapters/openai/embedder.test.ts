import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createOpenAIEmbedder, decodeBase64Floats } from '../../../src/adapters/openai/embedder.js';
import { createLocalEmbedder } from '../../../src/index/local-embedder.js';
import { embedderContract } from '../../index/embedder-contract.js';
import { createStandInAnalyzer } from '../../index/stand-in-analyzer.js';
import { type OpenAIStub, startOpenAIStub, toyEmbedding } from '../../support/openai-stub-server.js';

describe('createOpenAIEmbedder', () => {
  let stub: OpenAIStub;
  beforeEach(async () => {
    stub = await startOpenAIStub();
  });
  afterEach(async () => {
    await stub.close();
  });

  const make = (over: Partial<Parameters<typeof createOpenAIEmbedder>[0]> = {}) =>
    createOpenAIEmbedder({ baseUrl: stub.baseUrl, model: 'bge-m3', retryBaseDelayMs: 5, ...over });

  it('probes the dimensions when not configured and names model and size in its id', async () => {
    const embedder = await make();
    expect(embedder.dimensions).toBe(8);
    expect(embedder.id).toBe('openai:bge-m3:8');
    expect(stub.requests[0]!.path).toBe('/v1/embeddings');
  });

  it('does not probe when dimensions are configured, and sends them', async () => {
    const embedder = await make({ dimensions: 8 });
    expect(stub.requests).toHaveLength(0);
    await embedder.embedQuery('innovationspartnerskab');
    expect(stub.requests[0]!.body.dimensions).toBe(8);
  });

  // The shared embedder contract: sizes, order, determinism, batching above maxBatch.
  it('returns one vector of `dimensions` numbers per text, in input order', async () => {
    const embedder = await make({ maxBatch: 2 });
    const texts = ['kommune', 'virksomhed', 'samarbejde', 'udbud', ''];
    const vectors = await embedder.embedDocuments(texts);
    expect(vectors).toHaveLength(texts.length);
    for (const v of vectors) expect(v).toHaveLength(embedder.dimensions);
    expect(vectors[1]).toEqual(toyEmbedding('virksomhed'));
    const batches = stub.requests.slice(1).map((r) => (r.body.input as string[]).length);
    expect(batches).toEqual([2, 2, 1]);
    expect(stub.requests.at(-1)!.body.input).toEqual([' ']);
    expect(await embedder.embedQuery('udbud')).toEqual(vectors[3]);
  });

  it('returns an empty list for no texts without calling the server', async () => {
    const embedder = await make({ dimensions: 8 });
    expect(await embedder.embedDocuments([])).toEqual([]);
    expect(stub.requests).toHaveLength(0);
  });

  it('retries 429 and 5xx', async () => {
    const embedder = await make({ dimensions: 8 });
    stub.script('embeddings', { kind: 'status', status: 429 }, { kind: 'status', status: 502 });
    expect(await embedder.embedQuery('hej')).toHaveLength(8);
    expect(stub.requests).toHaveLength(3);
  });

  it('reports a wrong vector size with what to do', async () => {
    const embedder = await make({ dimensions: 16 });
    await expect(embedder.embedQuery('hej')).rejects.toThrow(/gav 8 dimensioner, men 16.*EMBEDDINGS_DIMENSIONS/);
  });

  it('reports a malformed response', async () => {
    const embedder = await make({ dimensions: 8 });
    stub.script('embeddings', { kind: 'malformed' });
    await expect(embedder.embedQuery('hej')).rejects.toThrow(/uventet svar/);
  });

  it('reports an error status without retrying it', async () => {
    const embedder = await make({ dimensions: 8 });
    stub.script('embeddings', { kind: 'status', status: 404, body: '{"error":"model not found"}' });
    await expect(embedder.embedQuery('hej')).rejects.toThrow(/svarede 404.*model not found/);
    expect(stub.requests).toHaveLength(1);
  });

  it('times out with a timeout error', async () => {
    const embedder = await make({ dimensions: 8, timeoutMs: 150, maxRetries: 0 });
    stub.script('embeddings', { kind: 'hang' });
    await expect(embedder.embedQuery('hej')).rejects.toMatchObject({ code: 'timeout' });
  });
});

describe('decodeBase64Floats', () => {
  it('decodes little-endian float32 (encoding_format "base64")', () => {
    const floats = new Float32Array([0.5, -1.25, 3]);
    const b64 = Buffer.from(floats.buffer).toString('base64');
    expect(decodeBase64Floats(b64)).toEqual([0.5, -1.25, 3]);
  });
});

// The shared Embedder contract, with the stub serving the local embedder's vectors over HTTP.
describe('OpenAI-compatible embedder over HTTP', () => {
  const local = createLocalEmbedder(createStandInAnalyzer());
  let floats: OpenAIStub;
  let base64: OpenAIStub;
  beforeAll(async () => {
    floats = await startOpenAIStub({ embed: (t) => local.embedQuery(t) });
    base64 = await startOpenAIStub({ embed: (t) => local.embedQuery(t), alwaysBase64: true });
  });
  afterAll(async () => {
    await floats.close();
    await base64.close();
  });
  embedderContract('openai (float)', () =>
    createOpenAIEmbedder({ baseUrl: floats.baseUrl, model: 'local', maxBatch: 2 }),
  );
  embedderContract('openai (base64)', () =>
    createOpenAIEmbedder({ baseUrl: base64.baseUrl, model: 'local', dimensions: local.dimensions }),
  );
});
