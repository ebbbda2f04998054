import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { buildWidget } from '../../scripts/build-widget.js';
import { openSqliteStore } from '../../src/adapters/node/sqlite-store.js';
import { loadConfig } from '../../src/config.js';
import { createApp } from '../../src/http/app.js';
import { silentLogger } from '../../src/logger.js';
import type { AppDeps } from '../../src/http/deps.js';
import { EscalationInput, FeedbackInput } from '../../src/store/store.js';
import { startServer } from '../../src/runtime/node.js';
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

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/** Questions for the real runtime over `corpus/` plus the XSS fixture document. */
export const RUNTIME_QUESTIONS = {
  answered: 'Hvad er OPI?',
  unanswered: 'Hvordan lapper jeg et cykeldæk?',
  /** Answered from `fixtures/xss-dokument.corpus.txt`, whose title, section and text carry script payloads. */
  xss: 'Hvad skal parterne notere i OPI-logbogen?',
} as const;

/**
 * Starts the full Node runtime (`startServer`: index build, SQLite store, `createApp`) on 127.0.0.1:0 over a
 * temporary copy of `corpus/` with `fixtures/xss-dokument.corpus.txt` added as `guide/xss-dokument.md`, and removes the copy on close.
 */
export async function startRuntimeServer(): Promise<TestServer> {
  const dir = mkdtempSync(join(tmpdir(), 'opi-widget-'));
  const corpusDir = join(dir, 'corpus');
  cpSync(join(repo, 'corpus'), corpusDir, { recursive: true });
  // Stored as .txt so that formatters leave its YAML frontmatter alone.
  cpSync(join(repo, 'test/widget/fixtures/xss-dokument.corpus.txt'), join(corpusDir, 'guide/xss-dokument.md'));
  const running = await startServer({
    env: {},
    logger: silentLogger,
    overrides: {
      CORPUS_DIR: corpusDir,
      DATA_DIR: join(dir, 'data'),
      WATCH_CORPUS: 'false',
      PORT: '0',
      HOST: '127.0.0.1',
      RATE_LIMIT_PER_MINUTE: '0',
    },
  });
  return {
    url: running.url,
    async close() {
      await running.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
