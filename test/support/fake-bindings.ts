import type {
  AiBinding,
  AssetsBinding,
  VectorizeBinding,
  VectorizeMatchLike,
  VectorizeMetadata,
  VectorizeQueryOptionsLike,
  VectorizeVectorLike,
} from '../../src/adapters/cloudflare/bindings.js';
import type { Embedder } from '../../src/index/embedder.js';

/**
 * An in-memory Vectorize index (cosine) that enforces the documented limits of the
 * Workers binding: ids ≤ 64 bytes, the index's dimensions, ≤ 1000 vectors per upsert,
 * metadata ≤ 10 KiB, topK ≤ 100, or ≤ 20 when values or all metadata are returned.
 * Writes are visible at once (the real service is eventually consistent). Records calls.
 */
export class FakeVectorize implements VectorizeBinding {
  readonly vectors = new Map<string, { values: number[]; metadata?: VectorizeMetadata }>();
  readonly calls: { method: string; size: number; options?: VectorizeQueryOptionsLike }[] = [];

  constructor(readonly dimensions: number) {}

  async describe() {
    this.calls.push({ method: 'describe', size: 0 });
    return { vectorCount: this.vectors.size, dimensions: this.dimensions };
  }

  async query(vector: number[] | Float32Array | Float64Array, options: VectorizeQueryOptionsLike = {}) {
    this.calls.push({ method: 'query', size: 1, options });
    const topK = options.topK ?? 5;
    const heavy = options.returnValues === true || options.returnMetadata === 'all' || options.returnMetadata === true;
    const limit = heavy ? 20 : 100;
    if (topK < 1 || topK > limit) throw new Error(`VECTOR_QUERY_ERROR: topK must be 1..${limit}, got ${topK}`);
    if (vector.length !== this.dimensions) throw new Error('VECTOR_QUERY_ERROR: dimension mismatch');
    const q = Array.from(vector);
    const matches: VectorizeMatchLike[] = [...this.vectors.entries()]
      .map(([id, v]) => ({
        id,
        score: cosine(q, v.values),
        ...(options.returnValues ? { values: v.values } : {}),
        ...(heavy && v.metadata ? { metadata: v.metadata } : {}),
      }))
      .sort((a, b) => b.score - a.score)
      .slice(0, topK);
    return { matches, count: matches.length };
  }

  async upsert(vectors: VectorizeVectorLike[]) {
    this.calls.push({ method: 'upsert', size: vectors.length });
    if (vectors.length > 1000) throw new Error('VECTOR_UPSERT_ERROR: at most 1000 vectors per batch');
    for (const v of vectors) {
      if (new TextEncoder().encode(v.id).length > 64) throw new Error(`VECTOR_UPSERT_ERROR: id too long: ${v.id}`);
      if (v.values.length !== this.dimensions) throw new Error('VECTOR_UPSERT_ERROR: dimension mismatch');
      if (v.metadata && new TextEncoder().encode(JSON.stringify(v.metadata)).length > 10 * 1024) {
        throw new Error('VECTOR_UPSERT_ERROR: metadata over 10 KiB');
      }
    }
    for (const v of vectors) {
      this.vectors.set(v.id, { values: Array.from(v.values), ...(v.metadata ? { metadata: v.metadata } : {}) });
    }
    return { mutationId: `m${this.calls.length}` };
  }

  async deleteByIds(ids: string[]) {
    this.calls.push({ method: 'deleteByIds', size: ids.length });
    if (ids.length > 1000) throw new Error('VECTOR_DELETE_ERROR: at most 1000 ids per call');
    for (const id of ids) this.vectors.delete(id);
    return { mutationId: `m${this.calls.length}` };
  }

  async getByIds(ids: string[]) {
    this.calls.push({ method: 'getByIds', size: ids.length });
    return ids.flatMap((id) => {
      const v = this.vectors.get(id);
      return v ? [{ id, values: v.values, ...(v.metadata ? { metadata: v.metadata } : {}) }] : [];
    });
  }

  callsOf(method: string) {
    return this.calls.filter((c) => c.method === method);
  }
}

function cosine(a: number[], b: number[]): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (let i = 0; i < a.length; i++) {
    dot += a[i]! * b[i]!;
    na += a[i]! * a[i]!;
    nb += b[i]! * b[i]!;
  }
  return na === 0 || nb === 0 ? 0 : dot / Math.sqrt(na * nb);
}

/** A scripted text-generation answer: a whole response, or SSE chunks for `stream: true`. */
export type FakeGeneration = { response: string } | { choices: { message: { content: string } }[] } | { sse: string[] };

/**
 * Workers AI stand-in: embeddings models answer `{ shape, data }` from a local embedder
 * (≤ 100 texts, no empty strings, like bge-m3); text models answer scripted generations.
 */
export class FakeAi implements AiBinding {
  readonly calls: { model: string; inputs: Record<string, unknown> }[] = [];
  private readonly generations: FakeGeneration[] = [];
  fail?: Error;

  constructor(private readonly embedder?: Embedder) {}

  script(...generations: FakeGeneration[]): this {
    this.generations.push(...generations);
    return this;
  }

  async run(model: string, inputs: Record<string, unknown>): Promise<unknown> {
    this.calls.push({ model, inputs });
    if (this.fail) throw this.fail;
    if (model.includes('bge')) {
      const text = inputs.text;
      const texts = typeof text === 'string' ? [text] : (text as string[]);
      if (!Array.isArray(texts) || texts.length > 100) throw new Error('AiError: text must have 1..100 items');
      if (texts.some((t) => t.length === 0)) throw new Error('AiError: empty text');
      const data = await this.embedder!.embedDocuments(texts);
      return { shape: [data.length, this.embedder!.dimensions], data, pooling: 'cls' };
    }
    const next = this.generations.shift();
    if (!next) throw new Error('FakeAi: no scripted generation left');
    if ('sse' in next) {
      const bytes = new TextEncoder().encode(next.sse.join(''));
      // Deliver in awkward 7-byte pieces to exercise line reassembly.
      return new ReadableStream<Uint8Array>({
        start(controller) {
          for (let i = 0; i < bytes.length; i += 7) controller.enqueue(bytes.slice(i, i + 7));
          controller.close();
        },
      });
    }
    return next;
  }

  callsOf(modelPart: string) {
    return this.calls.filter((c) => c.model.includes(modelPart));
  }
}

/** An ASSETS binding over a map of file name → bytes or text. */
export function fakeAssets(files: Record<string, Uint8Array | string>): AssetsBinding & { requests: string[] } {
  const requests: string[] = [];
  return {
    requests,
    async fetch(input: Request | string) {
      const url = new URL(typeof input === 'string' ? input : input.url);
      const name = url.pathname.replace(/^\//, '');
      requests.push(name);
      const file = files[name];
      return file === undefined ? new Response('Not Found', { status: 404 }) : new Response(file as BodyInit);
    },
  };
}
