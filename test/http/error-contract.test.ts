import { describe, expect, it } from 'vitest';
import { createApp } from '../../src/http/app.js';
import { composedApp, get, postJson, recordingStore, testDeps } from '../support/http.js';

const TOKEN = 's3cret-admin-token-0123456789';

/** An app with every module mounted: a store, the admin API and (unconfigured) channels. */
function app() {
  return composedApp(testDeps({ env: { ADMIN_TOKEN: TOKEN }, store: recordingStore() }));
}

/** The status and JSON body of a response. */
async function failure(res: Response) {
  return { status: res.status, body: (await res.json()) as unknown };
}

describe('one JSON error contract for the core routes, the operations routes and the channels', () => {
  it('names the failing fields as details.fields wherever a request fails validation', async () => {
    const a = app();
    const auth = { authorization: `Bearer ${TOKEN}` };
    const cases: [Request, string, string[]][] = [
      [postJson('/api/ask', { question: '' }), 'validation_failed', ['question']],
      [get('/api/search?q=x&k=500'), 'validation_failed', ['k']],
      [postJson('/api/feedback', { question: 'q', answer: 'a', rating: 'meh' }), 'validation_failed', ['rating']],
      [postJson('/api/escalations', { question: 'q', email: 'ikke-en-mail' }), 'validation_failed', ['email']],
      [get('/api/admin/feedback?since=forever', auth), 'bad_request', ['since']],
      [postJson('/api/feedback', '{not json'), 'bad_request', ['body']],
    ];
    for (const [request, code, fields] of cases) {
      const { status, body } = await failure(await a.request(request));
      expect({ status, body }, request.url).toEqual({
        status: 400,
        body: { error: { code, message: expect.any(String), details: { fields } } },
      });
    }
  });

  it('answers other failures with only code and message, in the same shape', async () => {
    const a = app();
    const cases: [Request, number, string][] = [
      [postJson('/slack/events', {}), 404, 'not_found'],
      [get('/api/nowhere'), 404, 'not_found'],
      [get('/api/documents/none'), 404, 'not_found'],
      [get('/api/admin/escalations'), 401, 'unauthorized'],
    ];
    for (const [request, status, code] of cases) {
      expect(await failure(await a.request(request)), request.url).toEqual({
        status,
        body: { error: { code, message: expect.stringMatching(/\S/) } },
      });
    }
  });

  it('answers 503 store_unavailable with the default Danish message when there is no store', async () => {
    const res = await createApp(testDeps()).request(
      postJson('/api/feedback', { question: 'q', answer: 'a', rating: 'up' }),
    );
    expect(await failure(res)).toEqual({
      status: 503,
      body: {
        error: { code: 'store_unavailable', message: expect.stringMatching(/Driftsdatabasen er ikke tilgængelig/) },
      },
    });
  });
});
