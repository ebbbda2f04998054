import { describe, expect, it } from 'vitest';
import { createWorkersAiEmbedder } from '../../../src/adapters/cloudflare/workers-ai-embedder.js';
import { createLocalEmbedder } from '../../../src/index/local-embedder.js';
import { createDanishAnalyzer } from '../../../src/text/index.js';
import { embedderContract } from '../../index/embedder-contract.js';
import { FakeAi } from '../../support/fake-bindings.js';

const model = () => createLocalEmbedder(createDanishAnalyzer(), { dimensions: 1024 });

embedderContract('Workers AI (bge-m3 stand-in)', () => createWorkersAiEmbedder({ ai: new FakeAi(model()) }));

describe('createWorkersAiEmbedder', () => {
  it('names model and size, and sends at most 100 texts per call', async () => {
    const ai = new FakeAi(model());
    const embedder = createWorkersAiEmbedder({ ai });
    expect(embedder.id).toBe('workers-ai:@cf/baai/bge-m3:1024');
    expect(embedder.maxBatch).toBe(100);
    const texts = Array.from({ length: 250 }, (_, i) => `kommune ${i}`);
    const vectors = await embedder.embedDocuments(texts);
    expect(vectors).toHaveLength(250);
    expect(ai.calls.map((c) => (c.inputs.text as string[]).length)).toEqual([100, 100, 50]);
    expect(ai.calls.every((c) => c.model === '@cf/baai/bge-m3')).toBe(true);
    expect(vectors[137]).toEqual(await embedder.embedQuery('kommune 137'));
  });

  it('never asks for a batch above 100 even when configured higher', () => {
    expect(createWorkersAiEmbedder({ ai: new FakeAi(model()), maxBatch: 500 }).maxBatch).toBe(100);
  });

  it('sends a space for empty text, which the model rejects', async () => {
    const ai = new FakeAi(model());
    await createWorkersAiEmbedder({ ai }).embedDocuments(['', 'udbud']);
    expect(ai.calls[0]!.inputs.text).toEqual([' ', 'udbud']);
  });

  it('rejects a response without data, or of the wrong size, as upstream_failed', async () => {
    const shapeless = { run: async () => ({ result: 'nej' }) };
    await expect(createWorkersAiEmbedder({ ai: shapeless }).embedQuery('hej')).rejects.toThrow(
      /uden gyldige embeddings/,
    );
    const short = { run: async () => ({ data: [[1, 0, 0]] }) };
    await expect(createWorkersAiEmbedder({ ai: short }).embedQuery('hej')).rejects.toThrow(/1024 dimensioner/);
    const failing = new FakeAi(model());
    failing.fail = new Error('3040: Capacity temporarily exceeded');
    await expect(createWorkersAiEmbedder({ ai: failing }).embedQuery('hej')).rejects.toMatchObject({
      code: 'upstream_failed',
      message: expect.stringMatching(/Capacity/),
    });
  });
});
