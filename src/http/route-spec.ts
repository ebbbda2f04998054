import type { Env, Handler, Hono, MiddlewareHandler } from 'hono';
import type { z } from 'zod';

/** A response of a route: its description and, for JSON, the zod schema of the body. */
export interface ResponseSpec {
  description: string;
  /** The JSON body (published as a component when `openapi.ts` names it, inline otherwise). */
  json?: z.ZodType;
  /** Other media types, e.g. `text/html`, with a JSON Schema (already JSON Schema: they are not validated). */
  other?: Record<string, Record<string, unknown>>;
}

/** A request header a route reads; documented, not validated by a schema. */
export interface HeaderSpec {
  name: string;
  description: string;
  schema: Record<string, unknown>;
}

/**
 * One operation of the HTTP API, declared once. `mountRoute` registers it under its method and
 * path, the route validates its query and body with `query` and `body` (`parseOrThrow`), and
 * `/openapi.json` publishes the same schemas (`openapi.ts`): what is checked is what is described.
 */
export interface RouteSpec {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  /** The path in Hono's form; `:name` segments become path parameters. */
  path: string;
  operationId: string;
  /** Danish, like the rest of the published description. */
  summary: string;
  description?: string;
  /** The path parameters, when the route checks them (`:name` segments are plain strings otherwise). */
  params?: z.ZodObject;
  /** The query string; each field's `.meta({ description })` becomes the parameter's description. */
  query?: z.ZodObject;
  /** The JSON body. */
  body?: z.ZodType;
  /**
   * A required body in other media types (`text/markdown`, `multipart/form-data`), each with a JSON
   * Schema: published as it is and checked by the handler, like `ResponseSpec.other`.
   */
  requestOther?: Record<string, Record<string, unknown>>;
  headers?: readonly HeaderSpec[];
  responses: Record<number, ResponseSpec>;
  /** Error statuses, each answered with the contract's JSON error body. */
  errors?: readonly number[];
}

/** Registers `handlers` on `app` under the method and path of `spec` (path parameters typed as in `app.get`). */
export function mountRoute<P extends string>(
  app: Hono,
  spec: RouteSpec & { path: P },
  ...handlers: [...MiddlewareHandler[], Handler<Env, P>]
): void {
  app.on(spec.method.toUpperCase(), spec.path, ...(handlers as [Handler]));
}
