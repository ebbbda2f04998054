import type { Hono } from 'hono';
import { channelRoutes } from '../../src/channels/routes.js';
import { loadConfig } from '../../src/config.js';
import { createApp } from '../../src/http/app.js';
import type { AppDeps } from '../../src/http/deps.js';
import type { QuestionLogEntry, Store } from '../../src/store/store.js';
import { FakeHelpdesk, type FakeHelpdeskOptions } from './fake-helpdesk.js';

import { RecordingLogger } from './recording-logger.js';

export { RecordingLogger };

/** A Store that records logged questions; any other method rejects (these routes do not use them). */
export function recordingStore(options: { failLog?: boolean } = {}): Store & { logged: QuestionLogEntry[] } {
  const logged: QuestionLogEntry[] = [];
  const base = {
    logged,
    async logQuestion(entry: QuestionLogEntry) {
      if (options.failLog) throw new Error('database is locked');
      logged.push(entry);
    },
    async close() {},
  };
  return new Proxy(base, {
    get(target, prop) {
      if (prop in target) return target[prop as keyof typeof target];
      if (prop === 'then' || typeof prop === 'symbol') return undefined;
      return () => Promise.reject(new Error(`Store.${prop} is not used in this test`));
    },
  }) as unknown as Store & { logged: QuestionLogEntry[] };
}

/** Deps for createApp with a fake helpdesk, default config and a recording logger. */
export function testDeps(
  options: { env?: Record<string, string>; helpdesk?: FakeHelpdeskOptions } & Omit<Partial<AppDeps>, 'helpdesk'> = {},
): AppDeps & { helpdesk: FakeHelpdesk; logger: RecordingLogger } {
  const { env, helpdesk, ...rest } = options;
  return {
    config: loadConfig({ RATE_LIMIT_PER_MINUTE: '0', ...env }),
    logger: new RecordingLogger(),
    helpdesk: new FakeHelpdesk(helpdesk),
    ...rest,
  } as AppDeps & { helpdesk: FakeHelpdesk; logger: RecordingLogger };
}

/** The app as `runtime/` composes it: the HTTP API with the Slack and Teams channels mounted. */
export function composedApp(deps: AppDeps): Hono {
  return createApp(deps, [channelRoutes(deps)]);
}

/** A JSON POST request. */
export function postJson(path: string, body: unknown, headers: Record<string, string> = {}): Request {
  return new Request(`http://localhost${path}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

/** A GET request. */
export function get(path: string, headers: Record<string, string> = {}): Request {
  return new Request(`http://localhost${path}`, { headers });
}

/** Server-Sent Events parsed from a response body. */
export async function readEvents(res: Response): Promise<{ event: string; data: string }[]> {
  const text = await res.text();
  return text
    .split(/\n\n/)
    .filter((block) => block.trim() !== '')
    .map((block) => {
      const lines = block.split('\n');
      const event = lines.find((l) => l.startsWith('event: '))?.slice(7) ?? 'message';
      const data = lines
        .filter((l) => l.startsWith('data: '))
        .map((l) => l.slice(6))
        .join('\n');
      return { event, data };
    });
}

/** Resolves after pending microtasks and timers of zero delay. */
export function settle(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}
