import { describe, expect, it } from 'vitest';
import { createApp } from '../../src/http/app.js';
import { DocumentMetaSchema, RenderedDocumentSchema } from '../../src/http/schemas.js';
import { FAKE_DOCUMENTS } from '../support/fake-helpdesk.js';
import { get, testDeps } from '../support/http.js';

describe('GET /api/documents', () => {
  it('lists the metadata of every document without sections', async () => {
    const res = await createApp(testDeps()).request(get('/api/documents'));
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.documents.map((d: { docId: string }) => d.docId)).toEqual(['opi-guide', 'aalborg-case']);
    for (const d of body.documents) {
      expect(d).not.toHaveProperty('sections');
      expect(DocumentMetaSchema.strict().parse(d)).toEqual(d);
    }
  });

  it('answers 503 JSON while the index loads', async () => {
    const res = await createApp(testDeps({ helpdesk: { ready: false } })).request(get('/api/documents'));
    expect(res.status).toBe(503);
    expect((await res.json()).error.code).toBe('index_not_ready');
  });
});

describe('GET /api/documents/:docId', () => {
  it('answers the rendered document with an anchor for each chunk', async () => {
    const res = await createApp(testDeps()).request(get('/api/documents/opi-guide'));
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(RenderedDocumentSchema.parse(body)).toEqual(FAKE_DOCUMENTS[0]);
    expect(body.sections.map((s: { anchor: string }) => s.anchor)).toEqual(['forberedelse', 'samarbejdsaftale']);
  });

  it('answers 404 JSON for an unknown document', async () => {
    const res = await createApp(testDeps()).request(get('/api/documents/findes-ikke'));
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toMatch(/application\/json/);
    const body = await res.json();
    expect(body.error.code).toBe('not_found');
    expect(body.error.message).toContain('findes-ikke');
  });
});
