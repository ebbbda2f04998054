import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { brotliEncoder } from '../../src/adapters/node/brotli-encoder.js';
import { createApp } from '../../src/http/app.js';
import type { AppDeps } from '../../src/http/deps.js';
import { type ContentEncoder, gzipEncoder, negotiateEncoding } from '../../src/http/middleware/compress.js';
import { ANSWERED_QUESTION } from '../support/fake-helpdesk.js';
import { get, postJson, readEvents, testDeps } from '../support/http.js';

/** A widget big enough to compress (~40 KB of repetitive script, as a minified bundle is). */
const WIDGET = `/*! opi-helpdesk widget */\n${Array.from(
  { length: 600 },
  (_, i) => `var a${i}=document.createElement("div");a${i}.className="opi-${i % 17}";`,
).join('')}`;

const br = brotliEncoder();
const ENCODERS: ContentEncoder[] = [br, gzipEncoder];

function app(extra: Pick<Partial<AppDeps>, 'encoders'> = {}) {
  return createApp(testDeps({ assets: { widgetJs: WIDGET }, encoders: ENCODERS, ...extra }));
}

/** The body as the client sees it after undoing `Content-Encoding`. */
async function decoded(res: Response): Promise<string> {
  const bytes = Buffer.from(await res.arrayBuffer());
  const coding = res.headers.get('content-encoding');
  if (coding === 'br') return brotliDecompressSync(bytes).toString('utf8');
  if (coding === 'gzip') return gunzipSync(bytes).toString('utf8');
  return bytes.toString('utf8');
}

describe('response compression', () => {
  it('sends widget.js in brotli when the client takes it, with the plain ETag and Vary', async () => {
    const server = app();
    const plain = await server.request(get('/widget.js'));
    const res = await server.request(get('/widget.js', { 'Accept-Encoding': 'gzip, deflate, br' }));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-encoding')).toBe('br');
    expect(res.headers.get('vary')).toBe('Accept-Encoding');
    expect(res.headers.get('etag')).toBe(plain.headers.get('etag'));
    expect(res.headers.get('content-type')).toBe('application/javascript; charset=utf-8');
    const length = Number(res.headers.get('content-length'));
    expect(await decoded(res)).toBe(WIDGET);
    expect(length).toBeLessThan(WIDGET.length / 4);
  });

  it('sends gzip to a client that takes only gzip, and the same bytes to the next one', async () => {
    const server = app();
    const first = await server.request(get('/widget.js', { 'Accept-Encoding': 'gzip' }));
    const second = await server.request(get('/widget.js', { 'Accept-Encoding': 'gzip' }));
    expect(first.headers.get('content-encoding')).toBe('gzip');
    const [a, b] = [Buffer.from(await first.arrayBuffer()), Buffer.from(await second.arrayBuffer())];
    expect(gunzipSync(a).toString('utf8')).toBe(WIDGET);
    expect(b.equals(a)).toBe(true);
  });

  it('follows q-values: gzip preferred over br when the client rates it higher', async () => {
    const res = await app().request(get('/widget.js', { 'Accept-Encoding': 'br;q=0.5, gzip;q=0.9' }));
    expect(res.headers.get('content-encoding')).toBe('gzip');
    expect(await decoded(res)).toBe(WIDGET);
  });

  it('sends the plain body, still with Vary, to a client without Accept-Encoding', async () => {
    const res = await app().request(get('/widget.js'));
    expect(res.headers.get('content-encoding')).toBeNull();
    expect(res.headers.get('vary')).toBe('Accept-Encoding');
    await expect(res.text()).resolves.toBe(WIDGET);
  });

  it('answers 304 to If-None-Match with the ETag of a compressed response, also weakened by a proxy', async () => {
    const server = app();
    const etag = (await server.request(get('/widget.js', { 'Accept-Encoding': 'br' }))).headers.get('etag')!;
    for (const ifNoneMatch of [etag, `W/${etag}`, `"other", ${etag}`]) {
      const res = await server.request(get('/widget.js', { 'Accept-Encoding': 'br', 'If-None-Match': ifNoneMatch }));
      expect(res.status).toBe(304);
      expect(res.headers.get('etag')).toBe(etag);
      expect(res.headers.get('vary')).toBe('Accept-Encoding');
      expect(res.headers.get('content-encoding')).toBeNull();
      await expect(res.text()).resolves.toBe('');
    }
    const stale = await server.request(get('/widget.js', { 'Accept-Encoding': 'br', 'If-None-Match': '"w-old"' }));
    expect(stale.status).toBe(200);
    expect(stale.headers.get('content-encoding')).toBe('br');
  });

  it('compresses JSON above the threshold (/openapi.json) and the /docs pages', async () => {
    const server = app();
    for (const path of ['/openapi.json', '/docs']) {
      const plain = await (await server.request(get(path))).text();
      expect(plain.length).toBeGreaterThan(1024);
      const res = await server.request(get(path, { 'Accept-Encoding': 'gzip' }));
      expect(res.status).toBe(200);
      expect(res.headers.get('content-encoding')).toBe('gzip');
      expect(res.headers.get('vary')).toMatch(/Accept-Encoding/);
      expect(await decoded(res)).toBe(plain);
    }
  });

  it('leaves small bodies as they are (/healthz)', async () => {
    const server = app();
    const plain = await (await server.request(get('/healthz'))).text();
    expect(plain.length).toBeLessThan(1024);
    const res = await server.request(get('/healthz', { 'Accept-Encoding': 'br, gzip' }));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-encoding')).toBeNull();
    await expect(res.text()).resolves.toBe(plain);
  });

  it('never compresses an SSE stream', async () => {
    const res = await app().request(
      postJson(
        '/api/ask',
        { question: ANSWERED_QUESTION },
        { Accept: 'text/event-stream', 'Accept-Encoding': 'br, gzip' },
      ),
    );
    expect(res.headers.get('content-type')).toMatch(/^text\/event-stream/);
    expect(res.headers.get('content-encoding')).toBeNull();
    expect(res.headers.get('vary') ?? '').not.toMatch(/Accept-Encoding/);
    expect((await readEvents(res)).at(-1)?.event).toBe('done');
  });

  it('compresses nothing where the runtime offers no coding (Workers: the edge compresses)', async () => {
    const res = await app({ encoders: undefined }).request(get('/widget.js', { 'Accept-Encoding': 'br, gzip' }));
    expect(res.headers.get('content-encoding')).toBeNull();
    await expect(res.text()).resolves.toBe(WIDGET);
  });
});

describe('negotiateEncoding', () => {
  it('picks the highest q, ties to the first offered, honours * and q=0', () => {
    const pick = (header: string | undefined) => negotiateEncoding(header, ENCODERS)?.encoding;
    expect(pick(undefined)).toBeUndefined();
    expect(pick('identity')).toBeUndefined();
    expect(pick('gzip, br')).toBe('br');
    expect(pick('gzip;q=1, br;q=0.8')).toBe('gzip');
    expect(pick('*')).toBe('br');
    expect(pick('br;q=0, *')).toBe('gzip');
    expect(pick('br;q=0, gzip;q=0')).toBeUndefined();
    expect(pick(' GZIP ; q=0.5 ')).toBe('gzip');
  });
});
