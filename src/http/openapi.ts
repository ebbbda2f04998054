import { z } from 'zod';
import { AnswerResponse, AskRequest, Citation, EscalationOffer, SearchResult } from '../answer/types.js';
import { Turn } from '../conversation.js';
import { Escalation, Feedback } from '../store/store.js';
import type { RouteSpec } from './route-spec.js';
import { DocumentMetaSchema, ErrorSchema, HealthSchema, RenderedDocumentSchema, StartingSchema } from './schemas.js';

/** An OpenAPI path item (`{ get: {...}, post: {...} }`), keyed by path in `OpenApiPaths`. */
export type OpenApiPathItem = Record<string, unknown>;
export type OpenApiPaths = Record<string, OpenApiPathItem>;
type JsonSchema = Record<string, unknown>;

const ref = (id: string) => `#/components/schemas/${id}`;

/** Schemas published by name under `components.schemas`, as responses show them (`output`) or as requests send them (`input`). */
const COMPONENTS: Record<'input' | 'output', [z.ZodType, string][]> = {
  output: [
    [Citation, 'Citation'],
    [EscalationOffer, 'EscalationOffer'],
    [AnswerResponse, 'AnswerResponse'],
    [SearchResult, 'SearchResult'],
    [DocumentMetaSchema, 'DocumentMeta'],
    [RenderedDocumentSchema, 'RenderedDocument'],
    [HealthSchema, 'Health'],
    [StartingSchema, 'Starting'],
    [Escalation, 'Escalation'],
    [Feedback, 'Feedback'],
    [ErrorSchema, 'Error'],
  ],
  input: [
    [Turn, 'Turn'],
    [AskRequest, 'AskRequest'],
  ],
};

/** Removes JSON-Schema-document keys and the `additionalProperties: false` zod adds to outputs (responses may grow). */
function clean(schema: JsonSchema): JsonSchema {
  const walk = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(walk);
    if (value === null || typeof value !== 'object') return value;
    const out: JsonSchema = {};
    for (const [key, v] of Object.entries(value)) {
      if (key === '$schema' || key === '$id') continue;
      if (key === 'additionalProperties' && v === false) continue;
      out[key] = walk(v);
    }
    return out;
  };
  return walk(schema) as JsonSchema;
}

/**
 * Converts the named components of `io` and the route schemas `used` in one pass: named schemas
 * become components (and `$ref`s wherever they occur), the others are inlined.
 */
function convert(io: 'input' | 'output', used: z.ZodType[]) {
  const registry = z.registry<{ id: string }>();
  for (const [schema, id] of COMPONENTS[io]) registry.add(schema, { id });
  used.forEach((schema, i) => {
    if (!registry.has(schema)) registry.add(schema, { id: `__${io}${i}` });
  });
  const { schemas } = z.toJSONSchema(registry, { io, uri: ref, unrepresentable: 'any' });
  const components: Record<string, JsonSchema> = {};
  for (const [, id] of COMPONENTS[io]) components[id] = clean(schemas[id] as JsonSchema);
  const schemaOf = (schema: z.ZodType): JsonSchema => {
    const id = registry.get(schema)!.id;
    return id.startsWith('__') ? clean(schemas[id] as JsonSchema) : { $ref: ref(id) };
  };
  return { components, schemaOf };
}

/** `{ content: { 'application/json': { schema } } }` for a component name or an inline schema. */
function jsonContent(schema: string | JsonSchema): { content: Record<string, { schema: JsonSchema }> } {
  const s = typeof schema === 'string' ? { $ref: ref(schema) } : schema;
  return { content: { 'application/json': { schema: s } } };
}

const ERROR_TEXT: Record<number, string> = {
  400: 'Ugyldig anmodning (fejlkode `bad_request` eller `validation_failed`; `details.fields` nævner felterne).',
  401: 'Mangler eller ugyldige loginoplysninger.',
  403: 'Ingen adgang.',
  404: 'Findes ikke.',
  413: 'Anmodningens indhold er for stort.',
  415: 'Indholdstypen skal være application/json (eller den, ruten nævner).',
  422: 'Indholdet er ugyldigt; intet er gemt.',
  429: 'For mange forespørgsler; se headeren Retry-After.',
  500: 'Uventet fejl.',
  501: 'Ikke muligt i dette miljø.',
  502: 'En ekstern tjeneste fejlede.',
  503: 'Midlertidigt utilgængelig: vidensbasen indlæses stadig, eller driftsdatabasen er ikke tilgængelig.',
  504: 'Svaret tog for lang tid.',
  507: 'Serveren har ikke plads til at gemme mere.',
};

/** The JSON error responses for the given statuses. */
function errorResponses(...statuses: number[]): Record<string, unknown> {
  return Object.fromEntries(
    statuses.map((s) => [String(s), { description: ERROR_TEXT[s] ?? 'Fejl.', ...jsonContent('Error') }]),
  );
}

/** A Hono route path (`/a/:id`) in OpenAPI form (`/a/{id}`), with its path parameter names. */
export function toOpenApiPath(path: string): { path: string; params: string[] } {
  const params: string[] = [];
  const converted = path.replace(/:([A-Za-z_][A-Za-z0-9_]*)(\{[^}]*\})?\??/g, (_m, name: string) => {
    params.push(name);
    return `{${name}}`;
  });
  return { path: converted, params };
}

const pathParameter = (name: string, schema: JsonSchema = { type: 'string' }) => ({
  name,
  in: 'path',
  required: true,
  schema,
});

/** The query parameters of a route: one per field of its query schema, its description lifted to the parameter. */
function queryParameters(schema: JsonSchema): unknown[] {
  const { properties = {}, required = [] } = schema as { properties?: Record<string, JsonSchema>; required?: string[] };
  return Object.entries(properties).map(([name, { description, ...s }]) => ({
    name,
    in: 'query',
    required: required.includes(name),
    ...(description ? { description } : {}),
    schema: s,
  }));
}

/** The `requestBody` of a route: its JSON body and its bodies in other media types, if any. */
function requestBody(spec: RouteSpec, input: (schema: z.ZodType) => JsonSchema): { requestBody?: unknown } {
  const content: Record<string, { schema: JsonSchema }> = {};
  if (spec.body) content['application/json'] = { schema: input(spec.body) };
  for (const [type, schema] of Object.entries(spec.requestOther ?? {})) content[type] = { schema };
  if (Object.keys(content).length === 0) return {};
  // a JSON body that may be left out (`{}` passes its schema) is not required; other bodies are
  const required = spec.requestOther !== undefined || !spec.body!.safeParse({}).success;
  return { requestBody: { required, content } };
}

/** The OpenAPI operation of a route, its schemas converted by `input` and `output`. */
function operation(
  spec: RouteSpec,
  input: (schema: z.ZodType) => JsonSchema,
  output: (schema: z.ZodType) => JsonSchema,
): OpenApiPathItem {
  const params = (spec.params ? input(spec.params).properties : undefined) as Record<string, JsonSchema> | undefined;
  const parameters = [
    ...toOpenApiPath(spec.path).params.map((name) => pathParameter(name, params?.[name])),
    ...(spec.query ? queryParameters(input(spec.query)) : []),
    ...(spec.headers ?? []).map((h) => ({ in: 'header', required: false, ...h })),
  ];
  const responses: Record<string, unknown> = {};
  for (const [status, response] of Object.entries(spec.responses)) {
    const content: Record<string, { schema: JsonSchema }> = {};
    if (response.json) content['application/json'] = { schema: output(response.json) };
    for (const [type, schema] of Object.entries(response.other ?? {})) content[type] = { schema };
    responses[status] = { description: response.description, ...(Object.keys(content).length ? { content } : {}) };
  }
  return {
    summary: spec.summary,
    ...(spec.description ? { description: spec.description } : {}),
    operationId: spec.operationId,
    ...(parameters.length ? { parameters } : {}),
    ...requestBody(spec, input),
    responses: { ...responses, ...errorResponses(...(spec.errors ?? [])) },
  };
}

/** Options of `openApiDocument`. */
export interface OpenApiOptions {
  /** Placeholders for routes no spec describes (the channels' webhooks); the route specs' operations win. */
  extraPaths?: OpenApiPaths;
  /** Public base URL of the service, listed as the server. */
  serverUrl?: string;
  /** The product's name and topic (`site.yaml`) for the document's title and description. */
  site?: { name: string; topic: string };
}

/**
 * The OpenAPI 3.1 document of the HTTP API, generated from the route specs the routes are mounted
 * and validated with: parameters, request bodies and JSON responses are their zod schemas.
 */
export function openApiDocument(routes: readonly RouteSpec[], options: OpenApiOptions = {}): Record<string, unknown> {
  const inputs = convert(
    'input',
    routes.flatMap((r) => [r.params, r.query, r.body].filter((s): s is z.ZodType => s !== undefined)),
  );
  const outputs = convert(
    'output',
    routes.flatMap((r) => Object.values(r.responses).flatMap((res) => (res.json ? [res.json] : []))),
  );
  const described: OpenApiPaths = {};
  for (const spec of routes) {
    const path = toOpenApiPath(spec.path).path;
    described[path] = { ...described[path], [spec.method]: operation(spec, inputs.schemaOf, outputs.schemaOf) };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: options.site?.name ?? 'Helpdesk',
      version: '1.0.0',
      description: `Help desk${options.site ? ` om ${options.site.topic}` : ''}. Svarer med kildehenvisninger fra vidensbasen og tilbyder en rådgiver, når den ikke kan svare. Fejl er altid JSON: \`{"error": {"code", "message", "details"?}}\`.`,
    },
    ...(options.serverUrl ? { servers: [{ url: options.serverUrl }] } : {}),
    paths: mergePaths(options.extraPaths ?? {}, described),
    components: { schemas: { ...outputs.components, ...inputs.components } },
  };
}

const METHODS = new Set(['get', 'post', 'put', 'patch', 'delete']);

/**
 * Minimal path items for registered routes (e.g. Hono's `app.routes`), so that every route is
 * listed even when nothing describes it (the channels, the widget). Middleware (`ALL`) and wildcard paths are skipped.
 */
export function routePlaceholders(routes: readonly { method: string; path: string }[]): OpenApiPaths {
  const paths: OpenApiPaths = {};
  for (const route of routes) {
    const method = route.method.toLowerCase();
    if (!METHODS.has(method) || route.path.includes('*')) continue;
    const { path, params } = toOpenApiPath(route.path);
    paths[path] ??= {};
    paths[path][method] ??= {
      summary: `${route.method.toUpperCase()} ${path}`,
      ...(params.length > 0 ? { parameters: params.map((name) => pathParameter(name)) } : {}),
      responses: { default: { description: 'Se modulets dokumentation. Fejl fra /api har formen `Error`.' } },
    };
  }
  return paths;
}

/** Merges path sets method by method; later sets win. */
export function mergePaths(...sets: OpenApiPaths[]): OpenApiPaths {
  const out: OpenApiPaths = {};
  for (const set of sets) for (const [path, item] of Object.entries(set)) out[path] = { ...out[path], ...item };
  return out;
}
