import { z } from 'zod';
import { HelpdeskError } from '../../errors.js';
import type { SqlDatabase, SqlRunResult, SqlValue } from '../../store/sql-database.js';
import type { AiBinding, VectorizeBinding, VectorizeMatchLike, VectorizeVectorLike } from './bindings.js';

/** Vectors per REST upsert request (the HTTP API takes more than the Workers binding's 1000). */
export const VECTORIZE_REST_MAX_UPSERT = 5000;

export interface CloudflareRestOptions {
  accountId: string;
  apiToken: string;
  /** Default `https://api.cloudflare.com/client/v4`. */
  baseUrl?: string;
  fetch?: typeof fetch;
}

/** The Cloudflare services `deploy:index` uses, over the REST API, shaped like the Worker bindings. */
export interface CloudflareRestClient {
  /** Workers AI (`/ai/run/{model}`), shaped like `env.AI`. */
  ai: AiBinding;
  /** A Vectorize V2 index, shaped like `env.VECTORIZE`. */
  vectorize(indexName: string): VectorizeBinding;
  /** A D1 database as a `SqlDatabase` (each statement one request; `batch` runs them in order, not atomically). */
  d1(databaseId: string): SqlDatabase;
}

/** The fields of the API envelope we use. */
const Envelope = z.object({
  success: z.boolean(),
  result: z.unknown(),
  errors: z.array(z.object({ code: z.number().optional(), message: z.string() })).default([]),
});

const D1Result = z.array(
  z.object({
    results: z.array(z.record(z.string(), z.unknown())).default([]),
    meta: z.object({ changes: z.number().optional() }).default({}),
  }),
);

const VectorizeInfo = z.object({ vectorCount: z.number(), dimensions: z.number() });
const Matches = z.object({
  count: z.number().default(0),
  matches: z.array(z.object({ id: z.string(), score: z.number(), metadata: z.record(z.string(), z.any()).optional() })),
});
const Vectors = z.array(
  z.object({
    id: z.string(),
    values: z.array(z.number()).default([]),
    metadata: z.record(z.string(), z.any()).optional(),
  }),
);
const Mutation = z.object({ mutationId: z.string().default('') });

/**
 * A client of the Cloudflare REST API (`CLOUDFLARE_ACCOUNT_ID`, `CLOUDFLARE_API_TOKEN`) exposing
 * Workers AI, Vectorize and D1 with the same shapes as the Worker bindings, so the same adapters
 * run in `deploy:index`. Failures reject with `upstream_failed` naming the endpoint.
 */
export function createCloudflareRestClient(options: CloudflareRestOptions): CloudflareRestClient {
  const base = `${(options.baseUrl ?? 'https://api.cloudflare.com/client/v4').replace(/\/+$/, '')}/accounts/${options.accountId}`;
  const fetchFn = options.fetch ?? globalThis.fetch.bind(globalThis);

  const call = async (
    path: string,
    init: { method?: string; json?: unknown; ndjson?: unknown[] } = {},
  ): Promise<unknown> => {
    const headers: Record<string, string> = { authorization: `Bearer ${options.apiToken}` };
    let body: string | undefined;
    if (init.ndjson) {
      headers['content-type'] = 'application/x-ndjson';
      body = init.ndjson.map((line) => JSON.stringify(line)).join('\n');
    } else if (init.json !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(init.json);
    }
    let response: Response;
    try {
      response = await fetchFn(`${base}${path}`, {
        method: init.method ?? (body ? 'POST' : 'GET'),
        headers,
        ...(body ? { body } : {}),
      });
    } catch (error) {
      throw new HelpdeskError('upstream_failed', `Cloudflare-API'et kunne ikke nås (${path}). Tjek netværket.`, {
        cause: error,
      });
    }
    const parsed = Envelope.safeParse(await response.json().catch(() => undefined));
    if (!response.ok || !parsed.success || !parsed.data.success) {
      const detail = parsed.success ? parsed.data.errors.map((e) => e.message).join('; ') : 'uventet svar';
      throw new HelpdeskError(
        'upstream_failed',
        `Cloudflare-API'et svarede ${response.status} på ${path}: ${detail}. Tjek CLOUDFLARE_ACCOUNT_ID, CLOUDFLARE_API_TOKEN og at ressourcen findes.`,
      );
    }
    return parsed.data.result;
  };

  const parse = <T>(schema: z.ZodType<T>, value: unknown, path: string): T => {
    const result = schema.safeParse(value);
    if (!result.success)
      throw new HelpdeskError('upstream_failed', `Cloudflare-API'et svarede i et uventet format på ${path}.`);
    return result.data;
  };

  return {
    ai: {
      run: (model, inputs) => call(`/ai/run/${model}`, { json: inputs }),
    },
    vectorize(indexName) {
      const path = `/vectorize/v2/indexes/${encodeURIComponent(indexName)}`;
      return {
        async describe() {
          return parse(VectorizeInfo, await call(`${path}/info`), `${path}/info`);
        },
        async query(vector, queryOptions) {
          const result = await call(`${path}/query`, { json: { vector: Array.from(vector), ...queryOptions } });
          return parse(Matches, result, `${path}/query`) as { matches: VectorizeMatchLike[]; count: number };
        },
        async upsert(vectors: VectorizeVectorLike[]) {
          const lines = vectors.map((v) => ({ ...v, values: Array.from(v.values) }));
          return parse(Mutation, await call(`${path}/upsert`, { ndjson: lines }), `${path}/upsert`);
        },
        async deleteByIds(ids) {
          return parse(Mutation, await call(`${path}/delete_by_ids`, { json: { ids } }), `${path}/delete_by_ids`);
        },
        async getByIds(ids) {
          return parse(Vectors, await call(`${path}/get_by_ids`, { json: { ids } }), `${path}/get_by_ids`);
        },
      };
    },
    d1(databaseId) {
      const path = `/d1/database/${encodeURIComponent(databaseId)}/query`;
      const query = async (sql: string, params: SqlValue[] = []) => {
        const [first] = parse(D1Result, await call(path, { json: { sql, params } }), path);
        return first ?? { results: [], meta: {} };
      };
      const run = async (sql: string, params?: SqlValue[]): Promise<SqlRunResult> => ({
        changes: (await query(sql, params)).meta.changes ?? 0,
      });
      return {
        async exec(sql) {
          await query(sql);
        },
        run,
        async all<T>(sql: string, params?: SqlValue[]) {
          return (await query(sql, params)).results as T[];
        },
        async first<T>(sql: string, params?: SqlValue[]) {
          return (await query(sql, params)).results[0] as T | undefined;
        },
        async batch(statements) {
          const out: SqlRunResult[] = [];
          for (const s of statements) out.push(await run(s.sql, s.params));
          return out;
        },
        async close() {},
      };
    },
  };
}
