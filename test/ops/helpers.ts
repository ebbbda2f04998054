import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Hono } from 'hono';
import { openSqliteStore } from '../../src/adapters/node/sqlite-store.js';
import type { Helpdesk } from '../../src/answer/helpdesk.js';
import { loadConfig } from '../../src/config.js';
import type { AppDeps } from '../../src/http/deps.js';
import { errorHandler } from '../../src/http/errors.js';
import { opsRoutes } from '../../src/http/ops-routes.js';
import type { SqlStore } from '../../src/store/sql-store.js';

import { RecordingLogger } from '../support/recording-logger.js';

export { RecordingLogger };

/** A SQLite store in a fresh temp directory; `cleanup` closes it and removes the directory. */
export async function tempStore(options: Parameters<typeof openSqliteStore>[1] = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'helpdesk-ops-'));
  const path = join(dir, 'helpdesk.sqlite');
  const store = await openSqliteStore(path, options);
  return {
    dir,
    path,
    store,
    async cleanup() {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Work scheduled with `waitUntil`, so tests can wait for it. */
export class Background {
  readonly pending: Promise<unknown>[] = [];
  readonly waitUntil = (p: Promise<unknown>) => {
    this.pending.push(p);
  };
  settle(): Promise<unknown[]> {
    return Promise.all(this.pending);
  }
}

/** `opsRoutes` mounted at the root the way `createApp` mounts it (with the app's error handler), with recording fakes. */
export function opsApp(
  options: { env?: Record<string, string>; store?: SqlStore | undefined } & Partial<Omit<AppDeps, 'store'>> = {},
) {
  const { env, store, ...rest } = options;
  const logger = new RecordingLogger();
  const background = new Background();
  const deps: AppDeps = {
    helpdesk: {} as Helpdesk,
    config: loadConfig({ RATE_LIMIT_PER_MINUTE: '0', ...env }),
    logger,
    waitUntil: background.waitUntil,
    ...(store ? { store } : {}),
    ...rest,
  };
  const app = new Hono().route('/', opsRoutes(deps)).onError(errorHandler(logger));
  return { app, deps, logger, background };
}

/** A JSON request init. */
export function json(method: string, body: unknown, headers: Record<string, string> = {}): RequestInit {
  return {
    method,
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  };
}
