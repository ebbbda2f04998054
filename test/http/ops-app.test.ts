import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { createApp } from '../../src/http/app.js';
import { EscalationInput } from '../../src/store/store.js';
import { FakeHelpdesk } from '../support/fake-helpdesk.js';
import { json, RecordingLogger, tempStore } from '../ops/helpers.js';

const TOKEN = 'admin-token-for-app-test';
let ctx: Awaited<ReturnType<typeof tempStore>>;

beforeEach(async () => {
  ctx = await tempStore();
});
afterEach(async () => {
  await ctx.cleanup();
});

function app(env: Record<string, string> = {}) {
  return createApp({
    helpdesk: new FakeHelpdesk(),
    config: loadConfig({ RATE_LIMIT_PER_MINUTE: '0', ADMIN_TOKEN: TOKEN, ...env }),
    logger: new RecordingLogger(),
    store: ctx.store,
  });
}

describe('ops routes inside createApp', () => {
  it('stores feedback and escalations', async () => {
    const a = app();
    const fb = await a.request('/api/feedback', json('POST', { question: 'q', answer: 'a', rating: 'up' }));
    expect(fb.status).toBe(201);
    const esc = await a.request('/api/escalations', json('POST', { question: 'Hjælp' }));
    expect(esc.status).toBe(201);
    expect(await ctx.store.stats()).toMatchObject({ feedback: { up: 1 }, escalations: { open: 1 } });
  });

  it('keeps its own error mapping and auth under the app', async () => {
    const a = app();
    const e = await ctx.store.createEscalation(EscalationInput.parse({ question: 'Hjælp' }));
    await ctx.store.updateEscalation(e.id, { status: 'resolved' });
    const res = await a.request(
      `/api/admin/escalations/${e.id}`,
      json('PATCH', { status: 'open' }, { authorization: `Bearer ${TOKEN}` }),
    );
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('bad_request');
    expect((await a.request('/api/admin/escalations', { headers: { authorization: 'Bearer nope' } })).status).toBe(401);
    expect((await app({ ADMIN_TOKEN: '' }).request('/api/admin/escalations')).status).toBe(404);
  });

  it('applies the body limit to feedback', async () => {
    const a = app({ MAX_BODY_BYTES: '1000' });
    const res = await a.request(
      '/api/feedback',
      json('POST', { question: 'q', answer: 'x'.repeat(5000), rating: 'down' }),
    );
    expect(res.status).toBe(413);
    expect(await ctx.store.listFeedback()).toEqual([]);
  });
});
