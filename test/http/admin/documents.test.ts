import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { openSqliteStore } from '../../../src/adapters/node/sqlite-store.js';
import { documentRouteSpecs } from '../../../src/http/admin/document-routes.js';
import { importRouteSpec } from '../../../src/http/admin/import-routes.js';
import { createApp } from '../../../src/http/app.js';
import { importSource } from '../../../src/import/import-source.js';
import type { Store } from '../../../src/store/store.js';
import { get, testDeps } from '../../support/http.js';
import { documentText, memoryCorpus, TOKEN } from './support.js';

const auth = { authorization: `Bearer ${TOKEN}` };
const NOW = new Date('2026-12-01T12:00:00Z');

async function setup(files: Record<string, string> = {}, options: { corpus?: boolean } = {}) {
  const store = await openSqliteStore(':memory:', { now: () => NOW });
  const corpus = memoryCorpus(files);
  const app = createApp(
    testDeps({
      store,
      env: { ADMIN_TOKEN: TOKEN, STALE_AFTER_DAYS: '180' },
      now: () => NOW,
      ...(options.corpus === false ? {} : { corpusFiles: corpus, importer: importSource }),
    }),
  );
  return { app, store, corpus };
}

const put = (docId: string, body: string, headers: Record<string, string> = auth, type = 'text/markdown') =>
  new Request(`http://localhost/api/admin/documents/${docId}`, {
    method: 'PUT',
    headers: { 'content-type': type, ...headers },
    body,
  });

async function logCitation(store: Store, chunkIds: string[], at = '2026-11-20T10:00:00Z') {
  await store.logQuestion({
    question: 'Hvordan med medicin?',
    channel: 'web',
    answered: true,
    topScore: 1,
    citedChunkIds: chunkIds,
    latencyMs: 5,
    at,
  });
}

describe('GET /api/admin/documents', () => {
  it('lists kind, title, updated, stale by STALE_AFTER_DAYS, corpus:check problems and citations in the period', async () => {
    const { app, store } = await setup({
      'case/medicin.md': documentText(),
      'guide/gammel.md': documentText({ title: 'Gammel vejledning', kind: 'guide', updated: '2025-01-10' }),
      'faq/uden-kilde.md': '---\ntitle: Uden kilde\nkind: faq\n---\n\nTekst.\n',
    });
    await logCitation(store, ['medicin#kort-om-casen', 'medicin#intro']);
    await logCitation(store, ['medicin#kort-om-casen', 'gammel#intro']);
    await logCitation(store, ['gammel#intro'], '2026-01-01T10:00:00Z'); // before the period
    // a period past what a date can hold is the caller's error (found by the HTTP fuzz test: it was a 500)
    const tooLong = await app.request(get('/api/admin/documents?since=999999999999d', auth));
    expect(tooLong.status).toBe(400);
    expect(((await tooLong.json()) as { error: { code: string } }).error.code).toBe('bad_request');
    const res = await app.request(get('/api/admin/documents?since=30d', auth));
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.citations).toBe('spørgsmålsloggen');
    const byId = Object.fromEntries(body.documents.map((d: { docId: string }) => [d.docId, d]));
    expect(byId.medicin).toMatchObject({
      kind: 'case',
      title: 'Medicin på plejehjem',
      updated: '2026-11-01',
      stale: false,
      cited: 2,
      problems: [],
    });
    expect(byId.gammel).toMatchObject({ kind: 'guide', stale: true, cited: 1 });
    expect(byId['uden-kilde'].title).toBeUndefined();
    expect(byId['uden-kilde'].problems.map((p: { message: string }) => p.message).join('\n')).toMatch(/summary/);
    await store.close();
  });

  it('answers 401 without a token or session, and 501 pointing at npm run deploy:index where there is no corpus folder', async () => {
    const { app, store } = await setup({}, { corpus: false });
    for (const [method, path] of [
      ['GET', '/api/admin/documents'],
      ['GET', '/api/admin/documents/x'],
      ['PUT', '/api/admin/documents/x'],
      ['DELETE', '/api/admin/documents/x'],
      ['POST', '/api/admin/import'],
    ] as const) {
      const res = await app.request(new Request(`http://localhost${path}`, { method }));
      expect(res.status, `${method} ${path}`).toBe(401);
    }
    const res = await app.request(get('/api/admin/documents', auth));
    expect(res.status).toBe(501);
    const body = await res.json();
    expect(body.error.code).toBe('not_implemented');
    expect(body.error.message).toMatch(/npm run deploy:index/);
    await store.close();
  });
});

describe('PUT /api/admin/documents/:docId', () => {
  it('creates a new document in <kind>/<docId>.md (201) and records who did it in the history', async () => {
    const { app, store, corpus } = await setup({ 'case/medicin.md': documentText() });
    const text = documentText({ title: 'Nyt om indkøb', kind: 'guide' }, '## Sådan\n\nSkriv til os.\n');
    const res = await app.request(put('ny-vejledning', text));
    expect(res.status).toBe(201);
    const body = await res.json();
    expect(body.document).toMatchObject({ docId: 'ny-vejledning', path: 'guide/ny-vejledning.md' });
    expect(body.warnings).toEqual([]);
    expect(corpus.files.get('guide/ny-vejledning.md')).toBe(text);
    const read = await (await app.request(get('/api/admin/documents/ny-vejledning', auth))).json();
    expect(read.document.markdown).toBe(text);
    expect(read.history).toMatchObject([{ action: 'created', actor: 'API-token', title: 'Nyt om indkøb' }]);
    await store.close();
  });

  it('updates an existing document in place (200)', async () => {
    const { app, store, corpus } = await setup({ 'case/medicin.md': documentText() });
    const res = await app.request(put('medicin', documentText({ summary: 'Ny opsummering.' })));
    expect(res.status).toBe(200);
    expect(corpus.writes).toEqual(['case/medicin.md']);
    expect(corpus.files.get('case/medicin.md')).toMatch(/Ny opsummering/);
    expect(await store.listDocumentChanges({ docId: 'medicin' })).toMatchObject([{ action: 'updated' }]);
    await store.close();
  });

  it('answers 422 invalid_document with line, field and message for each problem, and writes nothing', async () => {
    const { app, store, corpus } = await setup({ 'case/medicin.md': documentText() });
    const res = await app.request(put('medicin', documentText({ kind: 'blog', updated: '2026-02-31' })));
    expect(res.status).toBe(422);
    const body = await res.json();
    expect(body.error.code).toBe('invalid_document');
    expect(body.error.message).toMatch(/ikke gemt/);
    const issues = body.error.details.issues as { line: number; field: string; message: string }[];
    expect(issues.find((i) => i.field === 'kind')).toMatchObject({ line: 3 });
    expect(issues.find((i) => i.field === 'updated')?.message).toMatch(/kalenderen/);
    expect(corpus.writes).toEqual([]);
    expect(await store.listDocumentChanges()).toEqual([]);
    await store.close();
  });

  it('refuses what corpus:check refuses: a title another document has, a broken link', async () => {
    const { app, store, corpus } = await setup({ 'case/medicin.md': documentText() });
    const dup = await app.request(put('kopi', documentText()));
    expect(dup.status).toBe(422);
    expect(JSON.stringify(await dup.json())).toMatch(/titlen .* bruges også/);
    const link = await app.request(
      put('link', documentText({ title: 'Med link' }, 'Se [den anden](/docs/findes-ikke).\n')),
    );
    expect(link.status).toBe(422);
    expect((await link.json()).error.details.issues[0]).toMatchObject({ line: 13 });
    expect(corpus.writes).toEqual([]);
    await store.close();
  });

  it('takes only text/markdown (415) and a docId of a-z, digits and hyphens (400)', async () => {
    const { app, store } = await setup();
    expect((await app.request(put('x', documentText(), auth, 'application/json'))).status).toBe(415);
    expect((await app.request(put('Ikke%20gyldig', documentText()))).status).toBe(400);
    await store.close();
  });

  it('moves the file when kind changes to another kind folder', async () => {
    const { app, store, corpus } = await setup({ 'case/medicin.md': documentText() });
    const res = await app.request(put('medicin', documentText({ kind: 'advice' })));
    expect(res.status).toBe(200);
    expect([...corpus.files.keys()]).toEqual(['advice/medicin.md']);
    await store.close();
  });
});

describe('DELETE /api/admin/documents/:docId', () => {
  it('removes the file (204), records the deletion, and answers 404 for an unknown document', async () => {
    const { app, store, corpus } = await setup({ 'case/medicin.md': documentText() });
    const del = (id: string) =>
      app.request(new Request(`http://localhost/api/admin/documents/${id}`, { method: 'DELETE', headers: auth }));
    expect((await del('medicin')).status).toBe(204);
    expect(corpus.files.size).toBe(0);
    expect(await store.listDocumentChanges({ docId: 'medicin' })).toMatchObject([
      { action: 'deleted', path: 'case/medicin.md', title: 'Medicin på plejehjem' },
    ]);
    expect((await del('medicin')).status).toBe(404);
    await store.close();
  });
});

describe('POST /api/admin/documents/:docId/preview', () => {
  it('shows the passages exactly as the index will cite them, or the issues', async () => {
    const { app, store } = await setup();
    const req = (body: string) =>
      new Request('http://localhost/api/admin/documents/medicin/preview', {
        method: 'POST',
        headers: { ...auth, 'content-type': 'text/markdown' },
        body,
      });
    const ok = await (await app.request(req(documentText()))).json();
    expect(ok.chunks).toEqual([
      expect.objectContaining({
        id: 'medicin#kort-om-casen',
        section: 'Kort om casen',
        text: expect.stringMatching(/plejehjem/),
      }),
    ]);
    const bad = await (await app.request(req('ingen frontmatter'))).json();
    expect(bad.chunks).toEqual([]);
    expect(bad.issues[0].message).toMatch(/frontmatter/);
    await store.close();
  });
});

describe('POST /api/admin/import', () => {
  it('converts an uploaded Word file to a whole Markdown document without saving it', async () => {
    const { app, store, corpus } = await setup({ 'case/medicin.md': documentText() });
    const form = new FormData();
    form.set('file', new File([readFileSync('test/fixtures/import/case-report.docx')], 'case-report.docx'));
    const res = await app.request(
      new Request('http://localhost/api/admin/import', { method: 'POST', headers: auth, body: form }),
    );
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.markdown).toMatch(/^---\ntitle: /);
    expect(body.markdown).toMatch(/\nkind: guide\n/);
    expect(Array.isArray(body.warnings)).toBe(true);
    expect(corpus.writes).toEqual([]);
    await store.close();
  });

  it('answers 501 to an upload where the runtime has no converters (Workers)', async () => {
    const { app, store } = await setup({}, { corpus: false });
    const form = new FormData();
    form.set('file', new File(['# Titel\n\nTekst.'], 'notat.md'));
    const res = await app.request(
      new Request('http://localhost/api/admin/import', { method: 'POST', headers: auth, body: form }),
    );
    expect(res.status).toBe(501);
    expect((await res.json()).error.message).toMatch(/npm run import/);
    await store.close();
  });

  it('answers a multipart body it cannot parse with a JSON 400, not a 500', async () => {
    const { app, store } = await setup();
    for (const body of ['', 'no parts here', '--x\r\nContent-Disposition: form-data; name="file"\r\n\r\nabc']) {
      const res = await app.request(
        new Request('http://localhost/api/admin/import', {
          method: 'POST',
          headers: { ...auth, 'content-type': 'multipart/form-data; boundary=x' },
          body,
        }),
      );
      expect(res.status, JSON.stringify(body)).toBe(400);
      const error = (await res.json()).error;
      expect(error.code).toBe('bad_request');
      expect(error.details.fields).toEqual(['body']);
    }
    await store.close();
  });

  it('refuses a file type the converters do not know (415)', async () => {
    const { app, store } = await setup();
    const form = new FormData();
    form.set('file', new File(['x'], 'billede.png'));
    const res = await app.request(
      new Request('http://localhost/api/admin/import', { method: 'POST', headers: auth, body: form }),
    );
    expect(res.status).toBe(415);
    await store.close();
  });
});

describe('/openapi.json', () => {
  it('describes the console routes, with the 422 invalid_document body of PUT', async () => {
    const { app, store } = await setup();
    const doc = await (await app.request(get('/openapi.json'))).json();
    for (const path of [
      '/api/admin/session',
      '/api/admin/documents',
      '/api/admin/documents/{docId}',
      '/api/admin/import',
    ]) {
      expect(doc.paths[path], path).toBeDefined();
    }
    const put = doc.paths['/api/admin/documents/{docId}'].put;
    expect(Object.keys(put.requestBody.content)).toEqual(['text/markdown']);
    expect(put.responses['422'].description).toMatch(/invalid_document/);
    expect(Object.keys(put.responses)).toEqual(expect.arrayContaining(['200', '201', '401', '501']));
    await store.close();
  });
});

describe('the console routes answer in the shapes their specs publish', () => {
  it('lists, saves, reads, previews, refuses and imports as described', async () => {
    const { app, store } = await setup({ 'case/medicin.md': documentText() });
    const preview = (body: string) =>
      new Request('http://localhost/api/admin/documents/medicin/preview', {
        method: 'POST',
        headers: { ...auth, 'content-type': 'text/markdown' },
        body,
      });
    const form = new FormData();
    form.set('file', new File(['# Titel\n\nTekst.'], 'notat.md'));
    const answers = [
      [200, () => get('/api/admin/documents', auth), documentRouteSpecs.list.responses[200].json],
      [201, () => put('ny', documentText({ title: 'Ny' })), documentRouteSpecs.put.responses[201].json],
      [200, () => put('medicin', documentText()), documentRouteSpecs.put.responses[200].json],
      [422, () => put('medicin', documentText({ kind: 'blog' })), documentRouteSpecs.put.responses[422].json],
      [200, () => get('/api/admin/documents/ny', auth), documentRouteSpecs.get.responses[200].json],
      [200, () => preview(documentText()), documentRouteSpecs.preview.responses[200].json],
      [200, () => preview('ingen frontmatter'), documentRouteSpecs.preview.responses[200].json],
      [
        200,
        () => new Request('http://localhost/api/admin/import', { method: 'POST', headers: auth, body: form }),
        importRouteSpec.responses[200].json,
      ],
    ] as const;
    for (const [status, request, schema] of answers) {
      const res = await app.request(request());
      const body = await res.json();
      expect(res.status, JSON.stringify(body).slice(0, 200)).toBe(status);
      expect(schema.safeParse(body).error, `${status} ${JSON.stringify(body).slice(0, 200)}`).toBeUndefined();
    }
    await store.close();
  });
});
