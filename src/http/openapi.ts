import { z } from 'zod';
import { AnswerResponse, AskRequest, Citation, EscalationOffer, SearchResult } from '../answer/types.js';
import { Turn } from '../conversation.js';
import { SearchQuery } from './routes/search.js';
import { DocumentMetaSchema, ErrorSchema, HealthSchema, RenderedDocumentSchema, StartingSchema } from './schemas.js';

/** An OpenAPI path item (`{ get: {...}, post: {...} }`), keyed by path in `OpenApiPaths`. */
export type OpenApiPathItem = Record<string, unknown>;
export type OpenApiPaths = Record<string, OpenApiPathItem>;
type JsonSchema = Record<string, unknown>;

/** A zod schema as an OpenAPI 3.1 (JSON Schema 2020-12) schema; `input` for request bodies and queries. */
export function jsonSchemaOf(schema: z.ZodType, io: 'input' | 'output' = 'output'): JsonSchema {
  return clean(z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as JsonSchema);
}

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

function componentSchemas(): Record<string, JsonSchema> {
  const ref = (id: string) => `#/components/schemas/${id}`;
  const outputs = z.registry<{ id: string }>();
  outputs.add(Citation, { id: 'Citation' });
  outputs.add(EscalationOffer, { id: 'EscalationOffer' });
  outputs.add(AnswerResponse, { id: 'AnswerResponse' });
  outputs.add(SearchResult, { id: 'SearchResult' });
  outputs.add(DocumentMetaSchema, { id: 'DocumentMeta' });
  outputs.add(RenderedDocumentSchema, { id: 'RenderedDocument' });
  outputs.add(HealthSchema, { id: 'Health' });
  outputs.add(StartingSchema, { id: 'Starting' });
  outputs.add(ErrorSchema, { id: 'Error' });
  const inputs = z.registry<{ id: string }>();
  inputs.add(Turn, { id: 'Turn' });
  inputs.add(AskRequest, { id: 'AskRequest' });
  const out = z.toJSONSchema(outputs, { uri: ref, unrepresentable: 'any' }).schemas;
  const inp = z.toJSONSchema(inputs, { uri: ref, io: 'input', unrepresentable: 'any' }).schemas;
  return clean({ ...out, ...inp } as JsonSchema) as Record<string, JsonSchema>;
}

/** `{ content: { 'application/json': { schema } } }` for a component name or an inline schema. */
export function jsonContent(schema: string | JsonSchema): { content: Record<string, { schema: JsonSchema }> } {
  const s = typeof schema === 'string' ? { $ref: `#/components/schemas/${schema}` } : schema;
  return { content: { 'application/json': { schema: s } } };
}

const ERROR_TEXT: Record<number, string> = {
  400: 'Ugyldig anmodning (fejlkode `bad_request` eller `validation_failed`; beskeden nævner feltet).',
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
  503: 'Vidensbasen indlæses stadig.',
  504: 'Svaret tog for lang tid.',
};

/** The JSON error responses for the given statuses. */
export function errorResponses(...statuses: number[]): Record<string, unknown> {
  return Object.fromEntries(
    statuses.map((s) => [String(s), { description: ERROR_TEXT[s] ?? 'Fejl.', ...jsonContent('Error') }]),
  );
}

function queryParameters(): unknown[] {
  const schema = jsonSchemaOf(SearchQuery, 'input') as { properties: Record<string, JsonSchema>; required?: string[] };
  const text: Record<string, string> = {
    q: 'Søgetekst (1–500 tegn).',
    k: 'Antal resultater (1–50, standard 5).',
    debug: '`1` tilføjer et `debug`-objekt med scorer til hvert resultat.',
  };
  return Object.entries(schema.properties).map(([name, s]) => ({
    name,
    in: 'query',
    required: schema.required?.includes(name) ?? false,
    description: text[name],
    schema: s,
  }));
}

const html = (description: string) => ({ description, content: { 'text/html': { schema: { type: 'string' } } } });
const docIdParam = { name: 'docId', in: 'path', required: true, schema: { type: 'string' } };

function corePaths(): OpenApiPaths {
  return {
    '/healthz': {
      get: {
        summary: 'Sundhedstjek',
        operationId: 'health',
        responses: {
          '200': { description: 'Indekset er indlæst.', ...jsonContent('Health') },
          '503': {
            description: 'Indekset indlæses stadig (`starting`), eller det har ingen dokumenter (`empty`).',
            ...jsonContent('Starting'),
          },
        },
      },
    },
    '/api/ask': {
      post: {
        summary: 'Stil et spørgsmål',
        description:
          'Svarer på dansk med `[n]`-henvisninger til `citations`. Med `Accept: text/event-stream` streames svaret som Server-Sent Events: `citations` (JSON-liste), `delta` (`{"text": …}`) gentaget, og til sidst `done` med hele svaret; en fejl undervejs sendes som `error` med fejlkroppen.',
        operationId: 'ask',
        parameters: [
          {
            name: 'X-Helpdesk-Channel',
            in: 'header',
            required: false,
            description: '`web` når spørgsmålet kommer fra webwidgetten; ellers logges det som `api`.',
            schema: { type: 'string', enum: ['web', 'api'] },
          },
        ],
        requestBody: { required: true, ...jsonContent('AskRequest') },
        responses: {
          '200': {
            description:
              'Svaret (eller, ved `answered: false`, en besked om at vidensbasen ikke dækker spørgsmålet og et tilbud om en rådgiver).',
            content: {
              'application/json': { schema: { $ref: '#/components/schemas/AnswerResponse' } },
              'text/event-stream': { schema: { type: 'string' } },
            },
          },
          ...errorResponses(400, 413, 415, 429, 500, 502, 503, 504),
        },
      },
    },
    '/api/search': {
      get: {
        summary: 'Søg i vidensbasen',
        operationId: 'search',
        parameters: queryParameters(),
        responses: {
          '200': {
            description: 'De bedste passager, bedste først.',
            ...jsonContent({
              type: 'object',
              properties: { results: { type: 'array', items: { $ref: '#/components/schemas/SearchResult' } } },
              required: ['results'],
            }),
          },
          ...errorResponses(400, 429, 500, 503, 504),
        },
      },
    },
    '/api/documents': {
      get: {
        summary: 'Alle dokumenter',
        operationId: 'listDocuments',
        responses: {
          '200': {
            description: 'Metadata for alle dokumenter.',
            ...jsonContent({
              type: 'object',
              properties: { documents: { type: 'array', items: { $ref: '#/components/schemas/DocumentMeta' } } },
              required: ['documents'],
            }),
          },
          ...errorResponses(500, 503),
        },
      },
    },
    '/api/documents/{docId}': {
      get: {
        summary: 'Ét dokument med alle afsnit',
        operationId: 'getDocument',
        parameters: [docIdParam],
        responses: {
          '200': { description: 'Dokumentet; hvert afsnit har sit anker.', ...jsonContent('RenderedDocument') },
          ...errorResponses(404, 500, 503),
        },
      },
    },
    '/docs': {
      get: {
        summary: 'Kildeviser: liste over dokumenter',
        operationId: 'viewDocuments',
        responses: { '200': html('HTML-side.') },
      },
    },
    '/docs/{docId}': {
      get: {
        summary: 'Kildeviser: ét dokument',
        description: 'Hvert afsnit er `<section id="{anchor}">`; `#anchor` i adressen fremhæver det henviste afsnit.',
        operationId: 'viewDocument',
        parameters: [docIdParam],
        responses: { '200': html('HTML-side.'), '404': html('Dokumentet findes ikke.') },
      },
    },
    '/openapi.json': {
      get: {
        summary: 'Dette OpenAPI-dokument',
        operationId: 'openApi',
        responses: {
          '200': { description: 'OpenAPI 3.1.', content: { 'application/json': { schema: { type: 'object' } } } },
        },
      },
    },
  };
}

/** Options of `openApiDocument`. */
export interface OpenApiOptions {
  /** Public base URL of the service, listed as the server. */
  serverUrl?: string;
  /** Extra component schemas (already JSON Schema; build them with `jsonSchemaOf`). */
  schemas?: Record<string, JsonSchema>;
  /** The product's name and topic (`site.yaml`) for the document's title and description. */
  site?: { name: string; topic: string };
}

/**
 * The OpenAPI 3.1 document of the HTTP API. `extraPaths` adds the routes of the operations,
 * channel and widget modules (method by method; the core routes' own descriptions win).
 */
export function openApiDocument(extraPaths: OpenApiPaths = {}, options: OpenApiOptions = {}): Record<string, unknown> {
  const paths: OpenApiPaths = corePaths();
  for (const [path, item] of Object.entries(extraPaths)) paths[path] = { ...item, ...paths[path] };
  return {
    openapi: '3.1.0',
    info: {
      title: options.site?.name ?? 'Helpdesk',
      version: '1.0.0',
      description: `Help desk${options.site ? ` om ${options.site.topic}` : ''}. Svarer med kildehenvisninger fra vidensbasen og tilbyder en rådgiver, når den ikke kan svare. Fejl er altid JSON: \`{"error": {"code", "message"}}\`.`,
    },
    ...(options.serverUrl ? { servers: [{ url: options.serverUrl }] } : {}),
    paths,
    components: { schemas: { ...componentSchemas(), ...options.schemas } },
  };
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

const METHODS = new Set(['get', 'post', 'put', 'patch', 'delete']);

/**
 * Minimal path items for registered routes (e.g. Hono's `app.routes`), so that every route is
 * listed even before its module describes it. Middleware (`ALL`) and wildcard paths are skipped.
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
      ...(params.length > 0
        ? { parameters: params.map((name) => ({ name, in: 'path', required: true, schema: { type: 'string' } })) }
        : {}),
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
