import { exports } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';

/** The Worker's own fetch handler (src/runtime/worker.ts), inside workerd. */
const worker = (path: string, init?: RequestInit) =>
  exports.default.fetch(new Request(`https://helpdesk.test${path}`, init));
const postJson = (path: string, body: unknown, headers: Record<string, string> = {}) =>
  worker(path, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });

interface ErrorJson {
  error: { code: string; message: string };
}

async function expectJsonError(res: Response, status: number, code: string): Promise<ErrorJson> {
  expect(res.status).toBe(status);
  expect(res.headers.get('content-type')).toMatch(/application\/json/);
  const body = (await res.json()) as ErrorJson;
  expect(body.error.code).toBe(code);
  expect(body.error.message).toMatch(/\S/);
  return body;
}

describe('the Worker in small-corpus mode (bundled index, no Vectorize or Workers AI)', () => {
  it('GET /healthz reports the bundled index', async () => {
    const res = await worker('/healthz');
    expect(res.status).toBe(200);
    const body = (await res.json()) as { status: string; documents: number; chunks: number; indexBuiltAt: string };
    expect(body.status).toBe('ok');
    expect(body.documents).toBeGreaterThanOrEqual(20);
    expect(body.chunks).toBeGreaterThan(body.documents);
    expect(Number.isNaN(Date.parse(body.indexBuiltAt))).toBe(false);
  });

  it('POST /api/ask answers in Danish with [n] markers backed by citations', async () => {
    const res = await postJson('/api/ask', { question: 'Hvad står forkortelsen OPI for?' });
    expect(res.status).toBe(200);
    const body = (await res.json()) as {
      answer: string;
      answered: boolean;
      citations: { id: number; docId: string; title: string; text: string; url: string; score: number }[];
    };
    expect(body.answered).toBe(true);
    expect(body.answer.toLowerCase()).toContain('offentlig-privat innovation');
    expect(body.citations.length).toBeGreaterThan(0);
    const markers = [...body.answer.matchAll(/\[(\d+)\]/g)].map((m) => Number(m[1]));
    expect(markers.length).toBeGreaterThan(0);
    const ids = new Set(body.citations.map((c) => c.id));
    for (const n of markers) expect(ids.has(n)).toBe(true);
    for (const c of body.citations) {
      expect(c.text.length).toBeGreaterThan(0);
      expect(c.url).toContain(c.docId);
    }
    expect(body.citations.map((c) => c.docId)).toEqual(
      expect.arrayContaining([expect.stringMatching(/hvad-er-opi|ofte-stillede-spoergsmaal-om-opi/)]),
    );
  });

  it('POST /api/ask declines a question outside the knowledge base and offers a human', async () => {
    const res = await postJson('/api/ask', { question: 'Hvad er hovedstaden i Australien?' });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { answered: boolean; citations: unknown[]; escalation?: unknown };
    expect(body.answered).toBe(false);
    expect(body.citations).toEqual([]);
    expect(body.escalation).toBeDefined();
  });

  it('POST /api/ask streams Server-Sent Events ending in done', async () => {
    const res = await postJson(
      '/api/ask',
      { question: 'Hvem har udviklet OPI-toget?' },
      { Accept: 'text/event-stream' },
    );
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/text\/event-stream/);
    const text = await res.text();
    const events = [...text.matchAll(/^event: (\w+)/gm)].map((m) => m[1]);
    expect(events[0]).toBe('citations');
    expect(events).toContain('delta');
    expect(events.at(-1)).toBe('done');
    expect(text).toContain('Innoba');
  });

  it('GET /api/search returns ranked passages', async () => {
    const res = await worker('/api/search?q=typer%20af%20OPI-samarbejde&k=3');
    expect(res.status).toBe(200);
    const body = (await res.json()) as {
      results: { docId: string; title: string; section: string; text: string; score: number }[];
    };
    expect(body.results.length).toBeGreaterThan(0);
    expect(body.results.length).toBeLessThanOrEqual(3);
    for (let i = 1; i < body.results.length; i++)
      expect(body.results[i - 1]!.score).toBeGreaterThanOrEqual(body.results[i]!.score);
    expect(
      body.results
        .map((r) => r.text)
        .join(' ')
        .toLowerCase(),
    ).toContain('opi-mini');
  });

  it('GET /api/documents/:docId renders a document with its sections', async () => {
    const list = (await (await worker('/api/documents')).json()) as
      | { docId: string }[]
      | { documents: { docId: string }[] };
    const docs = Array.isArray(list) ? list : list.documents;
    expect(docs.length).toBeGreaterThanOrEqual(20);
    const res = await worker(`/api/documents/${docs[0]!.docId}`);
    expect(res.status).toBe(200);
  });

  it('serves the widget from the assets through the app', async () => {
    const res = await worker('/widget.js');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/javascript/);
    expect(await res.text()).toContain('opi-helpdesk widget');
  });

  it('does not serve the raw index file', async () => {
    await expectJsonError(await worker('/index.bin'), 404, 'not_found');
  });

  it('answers 400 for an invalid question', async () => {
    await expectJsonError(await postJson('/api/ask', { question: '' }), 400, 'validation_failed');
  });

  it('answers 400 for malformed JSON', async () => {
    const res = await worker('/api/ask', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: '{"question":',
    });
    expect(res.status).toBe(400);
    expect(((await res.json()) as ErrorJson).error.code).toMatch(/bad_request|validation_failed/);
  });

  it('answers 415 for a body that is not JSON', async () => {
    const res = await worker('/api/ask', { method: 'POST', headers: { 'Content-Type': 'text/plain' }, body: 'Hej' });
    await expectJsonError(res, 415, 'unsupported_media_type');
  });

  it('answers 404 as JSON for an unknown route and an unknown document', async () => {
    await expectJsonError(await worker('/api/nope'), 404, 'not_found');
    await expectJsonError(await worker('/api/documents/findes-ikke'), 404, 'not_found');
  });

  it('stores feedback in D1 and lists it through the admin API', async () => {
    const res = await postJson('/api/feedback', {
      question: 'Hvad står forkortelsen OPI for?',
      answer: 'Offentlig-privat innovation [1]',
      rating: 'up',
      comment: 'workerd-test',
    });
    expect(res.status).toBeLessThan(300);
    const admin = await worker('/api/admin/feedback', {
      headers: { Authorization: 'Bearer workers-test-admin-token-0123456789' },
    });
    expect(admin.status).toBe(200);
    expect(JSON.stringify(await admin.json())).toContain('workerd-test');
  });
});
