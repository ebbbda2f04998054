import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningServer, startServer } from '../../src/runtime/node.js';
import { proxyBindingWarning, receiveTimeouts } from '../../src/runtime/node-server.js';
import { RecordingLogger } from '../support/recording-logger.js';
import { copyCorpus, removeTemps, tempDir } from './helpers.js';

/** The app gives up after 2 s; Node must cut a slow request after half of that. */
const REQUEST_TIMEOUT_MS = 2000;

let server: RunningServer;
const logger = new RecordingLogger();

beforeAll(async () => {
  server = await startServer({
    env: {
      CORPUS_DIR: copyCorpus(),
      DATA_DIR: tempDir('opi-slow-'),
      PORT: '0',
      HOST: '127.0.0.1',
      WATCH_CORPUS: 'false',
      RATE_LIMIT_PER_MINUTE: '0',
      REQUEST_TIMEOUT_MS: String(REQUEST_TIMEOUT_MS),
    },
    logger,
  });
}, 60_000);
afterAll(async () => {
  await server?.close();
  removeTemps();
});

/** Writes `payload` on a raw connection and returns what the server sent until it closed, and when. */
function raw(payload: string, giveUpMs = 10_000): Promise<{ text: string; ms: number }> {
  return new Promise((resolve) => {
    const socket = connect(server.port, '127.0.0.1');
    const start = Date.now();
    let text = '';
    socket.on('data', (d) => {
      text += d;
    });
    socket.on('error', () => {});
    socket.on('close', () => resolve({ text, ms: Date.now() - start }));
    socket.write(payload);
    setTimeout(() => socket.destroy(), giveUpMs).unref();
  });
}

/** Status and JSON body of a raw HTTP response. */
function parse(text: string): { status: number; type: string | undefined; body: { error: { code: string } } } {
  const [head = '', body = ''] = text.split('\r\n\r\n');
  return {
    status: Number(/^HTTP\/1\.1 (\d{3})/.exec(head)?.[1]),
    type: /^content-type: (.*)$/im.exec(head)?.[1],
    body: JSON.parse(body),
  };
}

describe('slow and malformed clients on the Node server', () => {
  it('gives Node its own receive limits inside the app time budget', () => {
    expect(receiveTimeouts(30_000)).toEqual({
      requestTimeout: 15_000,
      headersTimeout: 10_000,
      connectionsCheckingInterval: 1000,
    });
    const t = receiveTimeouts(REQUEST_TIMEOUT_MS);
    expect(t.requestTimeout).toBeLessThan(REQUEST_TIMEOUT_MS);
    expect(t.headersTimeout).toBeLessThanOrEqual(t.requestTimeout);
  });

  it('cuts a client that sends its headers slowly with a JSON 408 instead of waiting for them', async () => {
    const { text, ms } = await raw('GET /healthz HTTP/1.1\r\nHost: x\r\nX-Slow: a');
    expect(parse(text)).toMatchObject({ status: 408, body: { error: { code: 'timeout' } } });
    expect(ms).toBeLessThan(REQUEST_TIMEOUT_MS);
  });

  it('answers a stalled body with a JSON 408, logged as one warning without a stack trace', async () => {
    const before = logger.lines.length;
    const { text, ms } = await raw(
      'POST /api/ask HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"question":',
    );
    expect(parse(text)).toMatchObject({ status: 408, body: { error: { code: 'timeout' } } });
    expect(parse(text).type).toMatch(/^application\/json/);
    expect(ms).toBeLessThan(REQUEST_TIMEOUT_MS);
    // past the app's own time budget: nothing else is logged about it
    await new Promise((r) => setTimeout(r, REQUEST_TIMEOUT_MS + 500));
    const lines = logger.lines.slice(before).filter((l) => l.level !== 'debug' && l.level !== 'info');
    expect(lines.map((l) => [l.level, l.data?.event])).toEqual([['warn', 'http.request_timeout']]);
    expect(JSON.stringify(logger.lines.slice(before))).not.toMatch(/stack|\n\s+at /);
  });

  it("answers HTTP that Node cannot parse, and headers over Node's limit, with JSON 400 and 431", async () => {
    const bad = parse((await raw('GARBAGE\r\n\r\n')).text);
    expect(bad).toMatchObject({ status: 400, body: { error: { code: 'bad_request' } } });
    expect(bad.type).toMatch(/^application\/json/);
    const big = parse((await raw(`GET /healthz HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`)).text);
    expect(big).toMatchObject({ status: 431, body: { error: { code: 'payload_too_large' } } });
  });
});

describe('TRUST_PROXY_HOPS and HOST', () => {
  it('warns when the server trusts X-Forwarded-For but listens on every address, where clients can bypass the proxy', () => {
    expect(proxyBindingWarning({ HOST: '0.0.0.0', TRUST_PROXY_HOPS: 1 })).toMatch(/HOST.*127\.0\.0\.1/);
    expect(proxyBindingWarning({ HOST: '::', TRUST_PROXY_HOPS: 2 })).toBeDefined();
    expect(proxyBindingWarning({ HOST: '127.0.0.1', TRUST_PROXY_HOPS: 1 })).toBeUndefined();
    expect(proxyBindingWarning({ HOST: '0.0.0.0', TRUST_PROXY_HOPS: 0 })).toBeUndefined();
  });
});
