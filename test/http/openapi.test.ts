import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createApp } from '../../src/http/app.js';
import {
  errorResponses,
  jsonContent,
  jsonSchemaOf,
  mergePaths,
  openApiDocument,
  routePlaceholders,
  toOpenApiPath,
} from '../../src/http/openapi.js';
import { get, testDeps } from '../support/http.js';

type Doc = {
  openapi: string;
  servers?: { url: string }[];
  paths: Record<string, Record<string, { responses: Record<string, unknown>; requestBody?: unknown }>>;
  components: { schemas: Record<string, { properties?: Record<string, unknown>; required?: string[] }> };
};

describe('GET /openapi.json', () => {
  it('serves an OpenAPI 3.1 document listing every route', async () => {
    const res = await createApp(testDeps()).request(get('/openapi.json'));
    expect(res.status).toBe(200);
    const doc = (await res.json()) as Doc;
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/healthz',
        '/api/ask',
        '/api/search',
        '/api/documents',
        '/api/documents/{docId}',
        '/docs',
        '/docs/{docId}',
        '/openapi.json',
      ]),
    );
    expect(Object.keys(doc.paths['/api/ask']!)).toEqual(['post']);
    expect(Object.keys(doc.paths['/api/ask']!.post!.responses)).toEqual(
      expect.arrayContaining(['200', '400', '413', '415', '429', '503', '504']),
    );
  });

  it('lists every route the app (and its mounted modules) registers, method by method', async () => {
    const app = createApp(testDeps({ env: { ADMIN_TOKEN: 'geheim' } }));
    const doc = (await (await app.request(get('/openapi.json'))).json()) as Doc;
    const routes = app.routes.filter((r) => r.method !== 'ALL' && !r.path.includes('*'));
    expect(routes.length).toBeGreaterThan(8);
    for (const r of routes) {
      const path = toOpenApiPath(r.path).path;
      expect(doc.paths[path], path).toBeDefined();
      expect(doc.paths[path]![r.method.toLowerCase()], `${r.method} ${path}`).toBeDefined();
    }
  });

  it('keeps the core descriptions over placeholders and fills placeholders with path parameters', () => {
    const placeholders = routePlaceholders([
      { method: 'GET', path: '/api/ask' },
      { method: 'POST', path: '/api/ask' },
      { method: 'PATCH', path: '/api/admin/escalations/:id' },
      { method: 'ALL', path: '/api/*' },
    ]);
    expect(Object.keys(placeholders)).toEqual(['/api/ask', '/api/admin/escalations/{id}']);
    expect(placeholders['/api/admin/escalations/{id}']!.patch).toMatchObject({
      parameters: [{ name: 'id', in: 'path', required: true }],
    });
    const doc = openApiDocument(placeholders) as unknown as Doc;
    expect(doc.paths['/api/ask']!.post!.requestBody).toBeDefined();
    expect(Object.keys(doc.paths['/api/ask']!).sort()).toEqual(['get', 'post']);
  });

  it('merges path sets method by method, later sets winning', () => {
    const merged = mergePaths(
      { '/a': { get: { summary: '1' }, post: { summary: '1' } } },
      { '/a': { post: { summary: '2' } } },
    );
    expect(merged).toEqual({ '/a': { get: { summary: '1' }, post: { summary: '2' } } });
  });

  it('describes the contract schemas exactly, generated from the zod schemas', () => {
    const doc = openApiDocument() as unknown as Doc;
    const s = doc.components.schemas;
    expect(s.AskRequest?.required).toEqual(['question']);
    expect(s.AskRequest?.properties?.question).toMatchObject({ type: 'string', minLength: 1, maxLength: 2000 });
    expect(s.AskRequest?.properties?.history).toMatchObject({
      type: 'array',
      items: { $ref: '#/components/schemas/Turn' },
    });
    expect(Object.keys(s.AnswerResponse?.properties ?? {})).toEqual(['answer', 'answered', 'citations', 'escalation']);
    expect(s.AnswerResponse?.properties?.citations).toEqual({
      type: 'array',
      items: { $ref: '#/components/schemas/Citation' },
    });
    expect(s.Citation?.required?.sort()).toEqual(
      ['id', 'docId', 'chunkId', 'title', 'section', 'text', 'url', 'score'].sort(),
    );
    expect(s.SearchResult?.required).not.toContain('debug');
    expect(s.Error?.properties?.error).toMatchObject({ required: ['code', 'message'] });
    expect(s.Health?.required).toEqual(['status', 'documents', 'chunks', 'indexBuiltAt', 'catchingUp']);
    expect(JSON.stringify(doc)).not.toContain('$schema');
  });

  it('documents the search query parameters with their limits', () => {
    const doc = openApiDocument() as unknown as { paths: Record<string, { get: { parameters: unknown[] } }> };
    expect(doc.paths['/api/search']!.get.parameters).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          name: 'q',
          in: 'query',
          required: true,
          schema: expect.objectContaining({ maxLength: 500 }),
        }),
        expect.objectContaining({
          name: 'k',
          in: 'query',
          required: false,
          schema: expect.objectContaining({ default: 5, maximum: 50 }),
        }),
        expect.objectContaining({ name: 'debug', in: 'query', required: false }),
      ]),
    );
  });

  it('takes extra paths from the other modules and merges methods of an existing path', () => {
    const Feedback = z.object({ rating: z.enum(['up', 'down']) });
    const doc = openApiDocument(
      {
        '/api/feedback': {
          post: { requestBody: jsonContent(jsonSchemaOf(Feedback, 'input')), responses: errorResponses(400) },
        },
        '/docs': { head: { responses: {} } },
      },
      { serverUrl: 'https://helpdesk.example.org', schemas: { Feedback: jsonSchemaOf(Feedback) } },
    ) as unknown as Doc;
    expect(doc.paths['/api/feedback']?.post?.responses['400']).toEqual({
      description: expect.any(String),
      content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
    });
    expect(Object.keys(doc.paths['/docs']!).sort()).toEqual(['get', 'head']);
    expect(doc.components.schemas.Feedback).toBeDefined();
    expect(doc.servers).toEqual([{ url: 'https://helpdesk.example.org' }]);
  });

  it('lists PUBLIC_BASE_URL as the server', async () => {
    const deps = testDeps({ env: { PUBLIC_BASE_URL: 'https://opi.example.dk' } });
    const doc = (await (await createApp(deps).request(get('/openapi.json'))).json()) as Doc;
    expect(doc.servers).toEqual([{ url: 'https://opi.example.dk' }]);
  });
});
