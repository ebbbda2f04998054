import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { buildWidget } from '../../scripts/build-widget.js';
import { openSqliteStore } from '../../src/adapters/node/sqlite-store.js';
import { loadConfig } from '../../src/config.js';
import { createApp } from '../../src/http/app.js';
import { type AppDeps, silentLogger } from '../../src/http/deps.js';
import { EscalationInput, FeedbackInput } from '../../src/store/store.js';
import { WidgetFakeHelpdesk } from './fake-helpdesk.js';

/** A running help-desk server for browser tests. */
export interface TestServer {
  /** Base URL without a trailing slash, e.g. `http://127.0.0.1:41234`. */
  url: string;
  close(): Promise<void>;
}

/**
 * Fallback `/api/feedback` and `/api/escalations` (the contract of `src/store/store.ts`), used only while
 * `createApp` does not serve them yet.
 */
function fallbackOps(deps: AppDeps): Hono {
  const app = new Hono();
  const invalid = (message: string) => ({ error: { code: 'validation_failed', message } });
  app.post('/api/feedback', async (c) => {
    const parsed = FeedbackInput.safeParse(await c.req.json().catch(() => undefined));
    if (!parsed.success) return c.json(invalid(parsed.error.message), 400);
    return c.json(await deps.store!.addFeedback(parsed.data), 201);
  });
  app.post('/api/escalations', async (c) => {
    const parsed = EscalationInput.safeParse(await c.req.json().catch(() => undefined));
    if (!parsed.success) return c.json(invalid(parsed.error.message), 400);
    return c.json(await deps.store!.createEscalation(parsed.data), 201);
  });
  return app;
}

/**
 * Starts the real HTTP app (`createApp`) on 127.0.0.1 with a port of its own, a fake help desk that streams
 * its answers word by word (see `WIDGET_QUESTIONS`), an in-memory SQLite store, and the widget built from source.
 * The one place to switch to the full runtime (`startServer` in `src/runtime/node.ts`) later.
 */
export async function startTestServer(): Promise<TestServer> {
  const deps: AppDeps = {
    helpdesk: new WidgetFakeHelpdesk(),
    config: loadConfig({ RATE_LIMIT_PER_MINUTE: '0' }),
    logger: silentLogger,
    store: await openSqliteStore(':memory:'),
    assets: { widgetJs: await buildWidget() },
  };
  const app = createApp(deps);
  const probe = await app.request('/api/feedback', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: '{}',
  });
  const outer = new Hono();
  if (probe.status === 404) outer.route('/', fallbackOps(deps));
  outer.all('*', (c) => app.fetch(c.req.raw));

  return new Promise((resolve) => {
    const server = serve({ fetch: outer.fetch, hostname: '127.0.0.1', port: 0 }, (info: AddressInfo) => {
      resolve({
        url: `http://127.0.0.1:${info.port}`,
        close: () =>
          new Promise<void>((done, fail) => {
            if ('closeAllConnections' in server) server.closeAllConnections();
            server.close((err) => (err ? fail(err) : deps.store!.close().then(done, fail)));
          }),
      });
    });
  });
}
