import { z } from 'zod';
import { HelpdeskError } from '../../errors.js';
import type { Embedder } from '../../index/embedder.js';
import { withRetries } from './retrying-fetch.js';

/** Settings of an OpenAI-compatible `/embeddings` endpoint (OpenAI, Azure, Ollama, vLLM, TEI). */
export interface OpenAIEmbedderOptions {
  /** Base URL including `/v1`, e.g. `http://localhost:11434/v1`. */
  baseUrl: string;
  /** Model name, e.g. `bge-m3`. */
  model: string;
  apiKey?: string;
  /**
   * Vector size. When set it is also sent as `dimensions` (OpenAI `text-embedding-3-*` shorten to it);
   * when absent one probe request finds it out.
   */
  dimensions?: number;
  /** Most texts per request (default 64). */
  maxBatch?: number;
  /** Time budget of one request in ms, retries included (default 60 000). */
  timeoutMs?: number;
  /** Retries on 429/408/5xx and network errors (default 3). */
  maxRetries?: number;
  /** First back-off delay in ms (default 500). */
  retryBaseDelayMs?: number;
  fetch?: typeof fetch;
}

/** The fields of an embeddings response we use: floats, or base64 little-endian float32 when a server sends them. */
const EmbeddingsResponse = z.object({
  data: z.array(
    z.object({
      index: z.number().int().min(0),
      embedding: z.union([z.array(z.number()), z.string()]),
    }),
  ),
});

/**
 * An `Embedder` over an OpenAI-compatible `/embeddings` endpoint. Resolves after a probe request
 * when `dimensions` is not given. Rejects with `upstream_failed` or `timeout` HelpdeskErrors.
 */
export async function createOpenAIEmbedder(options: OpenAIEmbedderOptions): Promise<Embedder> {
  const maxBatch = options.maxBatch ?? 64;
  const fetchFn = withRetries(options.fetch ?? globalThis.fetch.bind(globalThis), {
    maxRetries: options.maxRetries ?? 3,
    ...(options.retryBaseDelayMs === undefined ? {} : { baseDelayMs: options.retryBaseDelayMs }),
  });
  const url = `${options.baseUrl.replace(/\/+$/, '')}/embeddings`;
  const timeoutMs = options.timeoutMs ?? 60_000;

  const request = async (input: string[], dimensions: number | undefined): Promise<number[][]> => {
    const body: Record<string, unknown> = { model: options.model, input: input.map((t) => (t === '' ? ' ' : t)) };
    if (options.dimensions !== undefined) body.dimensions = options.dimensions;
    let response: Response;
    try {
      response = await fetchFn(url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...(options.apiKey ? { authorization: `Bearer ${options.apiKey}` } : {}),
        },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (error) {
      const timedOut = error instanceof Error && error.name === 'TimeoutError';
      throw new HelpdeskError(
        timedOut ? 'timeout' : 'upstream_failed',
        timedOut
          ? `Embeddings-tjenesten på ${url} svarede ikke inden for ${timeoutMs} ms. Tjek at den kører, eller hæv timeout.`
          : `Embeddings-tjenesten på ${url} kunne ikke nås. Tjek EMBEDDINGS_BASE_URL.`,
        { cause: error },
      );
    }
    if (!response.ok) {
      const detail = (await response.text().catch(() => '')).slice(0, 300);
      throw new HelpdeskError(
        'upstream_failed',
        `Embeddings-tjenesten svarede ${response.status} for model "${options.model}": ${detail}. Tjek EMBEDDINGS_MODEL og EMBEDDINGS_API_KEY.`,
        { details: { status: response.status } },
      );
    }
    const parsed = EmbeddingsResponse.safeParse(await response.json().catch(() => undefined));
    if (!parsed.success || parsed.data.data.length !== input.length) {
      throw new HelpdeskError(
        'upstream_failed',
        `Embeddings-tjenesten gav et uventet svar (forventede ${input.length} vektorer i "data"). Er EMBEDDINGS_BASE_URL et OpenAI-kompatibelt /v1-endpoint?`,
      );
    }
    const vectors = [...parsed.data.data]
      .sort((a, b) => a.index - b.index)
      .map((d) => (typeof d.embedding === 'string' ? decodeBase64Floats(d.embedding) : d.embedding));
    for (const v of vectors) {
      if (dimensions !== undefined && v.length !== dimensions) {
        throw new HelpdeskError(
          'upstream_failed',
          `Embeddings-modellen "${options.model}" gav ${v.length} dimensioner, men ${dimensions} var forventet. Ret EMBEDDINGS_DIMENSIONS eller genbyg indekset.`,
        );
      }
    }
    return vectors;
  };

  const dimensions = options.dimensions ?? (await request(['dimension'], undefined))[0]!.length;
  return {
    id: `openai:${options.model}:${dimensions}`,
    dimensions,
    maxBatch,
    async embedDocuments(texts: string[]): Promise<number[][]> {
      const out: number[][] = [];
      for (let i = 0; i < texts.length; i += maxBatch) {
        out.push(...(await request(texts.slice(i, i + maxBatch), dimensions)));
      }
      return out;
    },
    async embedQuery(text: string): Promise<number[]> {
      return (await request([text], dimensions))[0]!;
    },
  };
}

/** Decodes base64 little-endian float32 values (`encoding_format: "base64"`). */
export function decodeBase64Floats(b64: string): number[] {
  const binary = atob(b64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  const view = new DataView(bytes.buffer);
  const out: number[] = [];
  for (let i = 0; i + 4 <= bytes.length; i += 4) out.push(view.getFloat32(i, true));
  return out;
}
