import { describe, expect, it } from 'vitest';
import type { Embedder } from '../../src/index/embedder.js';

const TOLERANCE = 1e-5;

function norm(v: number[]): number {
  return Math.sqrt(v.reduce((s, x) => s + x * x, 0));
}

function cosine(a: number[], b: number[]): number {
  let dot = 0;
  for (let i = 0; i < a.length; i++) dot += a[i]! * b[i]!;
  return dot / (norm(a) * norm(b));
}

function expectClose(a: number[], b: number[]): void {
  expect(a).toHaveLength(b.length);
  const worst = Math.max(...a.map((x, i) => Math.abs(x - b[i]!)));
  expect(worst).toBeLessThan(TOLERANCE);
}

/**
 * The behaviour every `Embedder` adapter must show. Call it from the adapter's
 * test file with a factory for a ready embedder.
 */
export function embedderContract(name: string, makeEmbedder: () => Embedder | Promise<Embedder>): void {
  describe(`Embedder contract: ${name}`, () => {
    const a = 'Hvordan starter en kommune et OPI-samarbejde med private virksomheder?';
    const b = 'Kommunen indgik et samarbejde med tre virksomheder om velfærdsteknologi.';
    const unrelated = 'Vejret i morgen bliver regnfuldt med kraftig blæst fra vest.';

    it('declares an id, a positive dimension count and a batch limit', async () => {
      const embedder = await makeEmbedder();
      expect(embedder.id).toMatch(/\S/);
      expect(Number.isInteger(embedder.dimensions) && embedder.dimensions > 0).toBe(true);
      expect(Number.isInteger(embedder.maxBatch) && embedder.maxBatch >= 1).toBe(true);
    });

    it('returns vectors of the declared dimension with finite values', async () => {
      const embedder = await makeEmbedder();
      const query = await embedder.embedQuery(a);
      const [doc] = await embedder.embedDocuments([b]);
      for (const v of [query, doc!]) {
        expect(v).toHaveLength(embedder.dimensions);
        expect(v.every(Number.isFinite)).toBe(true);
      }
    });

    it('is deterministic', async () => {
      const embedder = await makeEmbedder();
      expectClose(await embedder.embedQuery(a), await embedder.embedQuery(a));
      const [first] = await embedder.embedDocuments([b]);
      const [second] = await embedder.embedDocuments([b]);
      expectClose(first!, second!);
    });

    it('returns L2-normalised vectors for non-empty text', async () => {
      const embedder = await makeEmbedder();
      expect(norm(await embedder.embedQuery(a))).toBeCloseTo(1, 4);
      for (const v of await embedder.embedDocuments([a, b, unrelated])) expect(norm(v)).toBeCloseTo(1, 4);
    });

    it('embeds a batch exactly as it embeds each text alone, in order', async () => {
      const embedder = await makeEmbedder();
      const texts = [a, b, unrelated];
      const batch = await embedder.embedDocuments(texts);
      expect(batch).toHaveLength(3);
      for (let i = 0; i < texts.length; i++) {
        const [single] = await embedder.embedDocuments([texts[i]!]);
        expectClose(batch[i]!, single!);
      }
    });

    it('handles an empty batch and empty text without throwing', async () => {
      const embedder = await makeEmbedder();
      expect(await embedder.embedDocuments([])).toEqual([]);
      const [empty] = await embedder.embedDocuments(['']);
      expect(empty).toHaveLength(embedder.dimensions);
      expect(empty!.every(Number.isFinite)).toBe(true);
      const query = await embedder.embedQuery('   ');
      expect(query).toHaveLength(embedder.dimensions);
    });

    it('puts related Danish text closer than unrelated text', async () => {
      const embedder = await makeEmbedder();
      const [va, vb, vu] = await embedder.embedDocuments([a, b, unrelated]);
      expect(cosine(va!, vb!)).toBeGreaterThan(cosine(va!, vu!));
    });
  });
}
