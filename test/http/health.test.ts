import { describe, expect, it } from 'vitest';
import { createApp } from '../../src/http/app.js';
import { FAKE_STATS } from '../support/fake-helpdesk.js';
import { get, testDeps } from '../support/http.js';

describe('GET /healthz', () => {
  it('answers 200 with the index statistics once the index is loaded', async () => {
    const res = await createApp(testDeps()).request(get('/healthz'));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/application\/json/);
    expect(await res.json()).toEqual({ status: 'ok', ...FAKE_STATS, catchingUp: false });
  });

  it('is not "ok" with 0 documents: 503 {"status":"empty"} with a message saying what to do', async () => {
    const deps = testDeps();
    deps.helpdesk.stats = () => ({ documents: 0, chunks: 0, indexBuiltAt: FAKE_STATS.indexBuiltAt });
    const res = await createApp(deps).request(get('/healthz'));
    expect(res.status).toBe(503);
    const body = (await res.json()) as { status: string; documents: number; message: string };
    expect(body).toMatchObject({ status: 'empty', documents: 0 });
    expect(body.message).toMatch(/CORPUS_DIR/);
  });

  it('says catchingUp: true while the runtime brings the loaded index up to date behind it', async () => {
    let catchingUp = true;
    const app = createApp(testDeps({ indexStatus: () => ({ catchingUp }) }));
    expect(await (await app.request(get('/healthz'))).json()).toMatchObject({ status: 'ok', catchingUp: true });
    catchingUp = false;
    expect(await (await app.request(get('/healthz'))).json()).toMatchObject({ status: 'ok', catchingUp: false });
  });

  it('answers 503 {"status":"starting"} before the index is loaded', async () => {
    const res = await createApp(testDeps({ helpdesk: { ready: false } })).request(get('/healthz'));
    expect(res.status).toBe(503);
    expect(await res.json()).toEqual({ status: 'starting' });
    expect(res.headers.get('retry-after')).toBe('5');
  });

  it('answers a JSON 500 without detail when stats fail otherwise', async () => {
    const deps = testDeps();
    deps.helpdesk.stats = () => {
      throw new Error('disk on fire at /var/data/index.bin');
    };
    const res = await createApp(deps).request(get('/healthz'));
    expect(res.status).toBe(500);
    const body = await res.json();
    expect(body.error.code).toBe('internal');
    expect(JSON.stringify(body)).not.toMatch(/disk on fire|\/var\/data/);
    expect(deps.logger.at('error')[0]?.data?.error).toMatch(/disk on fire/);
  });
});
