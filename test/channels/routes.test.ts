import { describe, expect, it } from 'vitest';
import { composedApp } from '../support/http.js';
import { buildTestApp } from './helpers.js';
import { SIGNING_SECRET, slackHeaders } from './slack/sign.js';

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

describe('channelRoutes inside the composed app', () => {
  it('serves Slack url_verification and the unconfigured-Teams 404 through the full app', async () => {
    const { deps } = buildTestApp({ SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_BOT_TOKEN: 'xoxb-1' });
    const app = composedApp(deps);
    const body = JSON.stringify({ type: 'url_verification', challenge: 'abc123' });
    const res = await app.request('/slack/events', {
      method: 'POST',
      body,
      headers: slackHeaders(body, Math.floor(Date.now() / 1000), 'application/json'),
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ challenge: 'abc123' });
    const teams = await app.request('/teams/messages', { method: 'POST', body: '{}' });
    expect(teams.status).toBe(404);
  });
});
