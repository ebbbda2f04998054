import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createConsoleLogger } from '../../src/adapters/node/logger.js';
import { configuredSecrets, loadConfig } from '../../src/config.js';
import { startServer } from '../../src/runtime/node.js';
import { RecordingLogger } from '../support/http.js';

const SECRETS = {
  ADMIN_TOKEN: 'secret-admin-token-4f1c9e',
  SLACK_SIGNING_SECRET: 'secret-slack-signing-8a7b6c',
  SLACK_BOT_TOKEN: 'xoxb-secret-bot-token-1d2e3f',
  TEAMS_APP_PASSWORD: 'secret-teams-password-9z8y7x',
  TEAMS_WEBHOOK_SECRET: Buffer.from('secret-teams-webhook-key-0123456').toString('base64'),
  EMBEDDINGS_API_KEY: 'sk-secret-embeddings-key-abc',
  CHAT_API_KEY: 'sk-secret-chat-key-def',
};
const dataDir = mkdtempSync(join(tmpdir(), 'secrets-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe('secrets are never logged or answered', () => {
  it('keeps every configured secret out of the logs and every response of a running server', async () => {
    const logger = new RecordingLogger();
    const server = await startServer({
      env: {
        ...SECRETS,
        TEAMS_APP_ID: '11111111-2222-3333-4444-555555555555',
        CORPUS_DIR: 'test/fixtures/helpdesk-corpus',
        PUBLIC_BASE_URL: 'http://127.0.0.1:3000',
        DATA_DIR: dataDir,
        PORT: '0',
        HOST: '127.0.0.1',
        WATCH_CORPUS: 'false',
        LOG_LEVEL: 'debug',
        RATE_LIMIT_PER_MINUTE: '0',
        // a chat model endpoint that does not answer: the composer falls back and logs why
        CHAT_PROVIDER: 'openai',
        CHAT_BASE_URL: 'http://127.0.0.1:9/v1',
        CHAT_MODEL: 'x',
        CHAT_MAX_RETRIES: '0',
        CHAT_TIMEOUT_MS: '500',
      },
      logger,
    });
    const bodies: string[] = [];
    try {
      const send = async (path: string, init: RequestInit = {}) => {
        const res = await fetch(`${server.url}${path}`, init);
        bodies.push(JSON.stringify([...res.headers]), await res.text());
      };
      const json = { 'content-type': 'application/json' };
      await send('/healthz');
      await send('/openapi.json');
      await send('/api/ask', {
        method: 'POST',
        headers: json,
        body: JSON.stringify({ question: 'Hvad er samarbejdsformer i OPI?' }),
      });
      await send('/api/ask', { method: 'POST', headers: json, body: '{' });
      for (const auth of [`Bearer ${SECRETS.ADMIN_TOKEN}`, `Bearer ${SECRETS.ADMIN_TOKEN}x`]) {
        for (const path of [
          '/api/admin/stats',
          '/api/admin/feedback',
          '/api/admin/escalations',
          '/api/admin/report?format=md',
        ]) {
          await send(path, { headers: { authorization: auth } });
        }
      }
      await send('/slack/events', {
        method: 'POST',
        headers: { ...json, 'x-slack-signature': `v0=${'0'.repeat(64)}`, 'x-slack-request-timestamp': '1' },
        body: '{}',
      });
      await send('/teams/webhook', { method: 'POST', headers: { ...json, authorization: 'HMAC AAAA' }, body: '{}' });
      await send('/teams/messages', {
        method: 'POST',
        headers: { ...json, authorization: 'Bearer x.y.z' },
        body: '{}',
      });
    } finally {
      await server.close();
    }
    const logged = JSON.stringify(logger.lines);
    expect(logger.lines.length).toBeGreaterThan(0);
    for (const [name, value] of Object.entries(SECRETS)) {
      expect(logged.includes(value), `${name} in the log`).toBe(false);
      expect(
        bodies.some((b) => b.includes(value)),
        `${name} in a response`,
      ).toBe(false);
    }
  }, 60_000);

  it('the console logger hides values under secret-looking keys, however deep', () => {
    const lines: string[] = [];
    const log = createConsoleLogger('debug', (l) => lines.push(l));
    log.error('x', {
      authorization: 'Bearer abc',
      nested: { apiKey: 'k1', list: [{ password: 'p1', signature: 's1' }] },
      cookie: 'c1',
      token: 't1',
    });
    expect(lines.join('')).not.toMatch(/abc|k1|p1|s1|c1|t1/);
    expect(lines.join('')).toContain('[hidden]');
  });

  it('the console logger cuts configured secret values out of any text, such as an upstream error that repeats a key', () => {
    const config = loadConfig({
      CHAT_API_KEY: 'sk-live-"quoted\\key',
      SLACK_BOT_TOKEN: 'xoxb-1234-abcd',
      ESCALATION_WEBHOOK_URL: 'https://hooks.slack.com/services/T0/B0/secretpath',
      CHAT_MODEL: 'gpt-4o-mini',
    });
    const secrets = configuredSecrets(config);
    expect(secrets).toHaveLength(3);
    const lines: string[] = [];
    const log = createConsoleLogger('debug', (l) => lines.push(l), secrets);
    log.warn('Kaldet fejlede: Incorrect API key provided: sk-live-"quoted\\key', {
      detail: { body: 'invalid_auth for xoxb-1234-abcd', url: 'https://hooks.slack.com/services/T0/B0/secretpath' },
      model: 'gpt-4o-mini',
    });
    const out = lines.join('');
    expect(out).not.toContain('quoted');
    expect(out).not.toContain('xoxb-1234');
    expect(out).not.toContain('secretpath');
    expect(out).toContain('gpt-4o-mini'); // ordinary settings stay readable
    expect(JSON.parse(out).msg).toBe('Kaldet fejlede: Incorrect API key provided: [hidden]');
  });

  it('configuration errors name the bad variable but never echo a value', () => {
    let message = '';
    try {
      loadConfig({ ...SECRETS, PORT: 'not-a-port', EMBEDDER: 'nope', LOG_LEVEL: SECRETS.ADMIN_TOKEN });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toMatch(/PORT/);
    expect(message).toMatch(/LOG_LEVEL/);
    for (const value of Object.values(SECRETS)) expect(message).not.toContain(value);
  });
});
