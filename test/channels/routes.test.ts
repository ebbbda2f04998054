import { describe, expect, it } from 'vitest';
import { buildTestApp } from './helpers.js';

describe('channelRoutes', () => {
  it('answers 404 JSON for every channel that is not configured', async () => {
    const { app } = buildTestApp({});
    for (const path of [
      '/slack/events',
      '/slack/commands',
      '/slack/interactions',
      '/teams/messages',
      '/teams/webhook',
    ]) {
      const res = await app.request(path, { method: 'POST', body: '{}' });
      expect(res.status, path).toBe(404);
      const json = (await res.json()) as { error: { code: string; message: string } };
      expect(json.error.code).toBe('not_found');
      expect(json.error.message).toMatch(/ikke slået til/);
    }
  });

  it('mounts only the configured channel', async () => {
    const { app } = buildTestApp({ TEAMS_WEBHOOK_SECRET: Buffer.alloc(32, 7).toString('base64') });
    expect((await app.request('/teams/webhook', { method: 'POST', body: '{}' })).status).toBe(401);
    expect((await app.request('/teams/messages', { method: 'POST', body: '{}' })).status).toBe(404);
    expect((await app.request('/slack/events', { method: 'POST', body: '{}' })).status).toBe(404);
  });
});
