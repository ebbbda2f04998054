import { z } from 'zod';
import { HelpdeskError } from '../../errors.js';
import type { Embedder } from '../../index/embedder.js';
import type { AiBinding } from './bindings.js';

/** The multilingual embedding model on Workers AI (Danish included), 1024 dimensions. */
export const BGE_M3 = '@cf/baai/bge-m3';
/** Texts Workers AI embeds in one `run` call. */
export const WORKERS_AI_MAX_BATCH = 100;

export interface WorkersAiEmbedderOptions {
  /** The Workers AI binding (`env.AI`), or any object with its `run` method (the REST client, tests). */
  ai: AiBinding;
  /** Model name (default `@cf/baai/bge-m3`). */
  model?: string;
  /** Vector size of the model (default 1024). */
  dimensions?: number;
  /** Texts per call (default and maximum 100). */
  maxBatch?: number;
}

/** The fields of a Workers AI embeddings response we use. */
const EmbeddingResponse = z.object({ data: z.array(z.array(z.number())) });

/**
 * An `Embedder` over Workers AI text embeddings (`@cf/baai/bge-m3` by default).
 * `embedDocuments` sends at most `maxBatch` texts per call; vectors come back
 * L2-normalised. Rejects with `upstream_failed` when the model fails or
 * answers in an unexpected shape.
 */
export function createWorkersAiEmbedder(options: WorkersAiEmbedderOptions): Embedder {
  const model = options.model ?? BGE_M3;
  const dimensions = options.dimensions ?? 1024;
  const maxBatch = Math.min(options.maxBatch ?? WORKERS_AI_MAX_BATCH, WORKERS_AI_MAX_BATCH);

  const run = async (texts: string[]): Promise<number[][]> => {
    let raw: unknown;
    try {
      // The model rejects empty strings: a space embeds as "nothing".
      raw = await options.ai.run(model, { text: texts.map((t) => (t.trim() === '' ? ' ' : t)) });
    } catch (error) {
      throw new HelpdeskError(
        'upstream_failed',
        `Workers AI kunne ikke lave embeddings med ${model}: ${error instanceof Error ? error.message : String(error)}. Tjek AI-bindingen og modelnavnet.`,
        { cause: error },
      );
    }
    const parsed = EmbeddingResponse.safeParse(raw);
    if (!parsed.success) {
      throw new HelpdeskError(
        'upstream_failed',
        `Workers AI svarede uden gyldige embeddings for ${model} (forventede { data: number[][] }).`,
      );
    }
    const vectors = parsed.data.data;
    if (vectors.length !== texts.length || vectors.some((v) => v.length !== dimensions)) {
      throw new HelpdeskError(
        'upstream_failed',
        `Workers AI returnerede ${vectors.length} vektorer for ${texts.length} tekster (forventet ${dimensions} dimensioner hver) — tjek modellen ${model}.`,
      );
    }
    return vectors.map(normalise);
  };

  return {
    id: `workers-ai:${model}:${dimensions}`,
    dimensions,
    maxBatch,
    async embedDocuments(texts) {
      const out: number[][] = [];
      for (let start = 0; start < texts.length; start += maxBatch)
        out.push(...(await run(texts.slice(start, start + maxBatch))));
      return out;
    },
    async embedQuery(text) {
      const [vector] = await run([text]);
      return vector!;
    },
  };
}

function normalise(vector: number[]): number[] {
  let sum = 0;
  for (const v of vector) sum += v * v;
  const length = Math.sqrt(sum);
  return length > 0 ? vector.map((v) => v / length) : vector;
}
