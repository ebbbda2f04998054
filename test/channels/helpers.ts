import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Hono } from 'hono';
import type { AnswerResponse } from '../../src/answer/types.js';
import { type ChannelOptions, channelRoutes } from '../../src/channels/routes.js';
import { type Config, loadConfig } from '../../src/config.js';
import type { AppDeps } from '../../src/http/deps.js';
import type {
  Escalation,
  EscalationInput,
  Feedback,
  FeedbackInput,
  QuestionLogEntry,
  Store,
} from '../../src/store/store.js';
import { FakeHelpdesk, type FakeHelpdeskOptions } from '../support/fake-helpdesk.js';

import { RecordingLogger } from '../support/recording-logger.js';

export { RecordingLogger };

/** One request received by a stand-in server. */
export interface RecordedRequest {
  method: string;
  path: string;
  headers: IncomingMessage['headers'];
  body: string;
}

/** What a stand-in route answers. */
export type StandInReply = { status?: number; json?: unknown };

/** A local HTTP server on 127.0.0.1 that records every request (a stand-in for Slack, Microsoft, …). */
export interface StandIn {
  url: string;
  requests: RecordedRequest[];
  /** Requests whose path starts with `prefix`. */
  to(prefix: string): RecordedRequest[];
  close(): Promise<void>;
}

/** Starts a stand-in; `route` picks the reply for each request (default 200 `{ ok: true }`). */
export async function startStandIn(route: (req: RecordedRequest) => StandInReply = () => ({})): Promise<StandIn> {
  const requests: RecordedRequest[] = [];
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const recorded = {
        method: req.method ?? '',
        path: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      };
      requests.push(recorded);
      const reply = route(recorded);
      res.writeHead(reply.status ?? 200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(reply.json ?? { ok: true }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    to: (prefix) => requests.filter((r) => r.path.startsWith(prefix)),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/**
 * A Store that records feedback and escalations in memory. It implements the methods channels
 * use; `asStore()` hands it over as a full Store (other methods throw if ever called).
 */
export class RecordingStore
  implements Pick<Store, 'logQuestion' | 'addFeedback' | 'createEscalation' | 'getEscalation' | 'close'>
{
  readonly feedback: FeedbackInput[] = [];
  readonly escalations: EscalationInput[] = [];
  readonly questions: QuestionLogEntry[] = [];

  async logQuestion(entry: QuestionLogEntry): Promise<void> {
    this.questions.push(entry);
  }
  async addFeedback(input: FeedbackInput): Promise<Feedback> {
    this.feedback.push(input);
    return { ...input, id: `fb-${this.feedback.length}`, createdAt: '2024-01-01T00:00:00.000Z' };
  }
  async createEscalation(input: EscalationInput): Promise<Escalation> {
    this.escalations.push(input);
    const at = '2024-01-01T00:00:00.000Z';
    const n = this.escalations.length;
    const reference = `OPI-2024-${String(n).padStart(4, '0')}`;
    return { ...input, id: `esc-${n}`, reference, status: 'open', createdAt: at, updatedAt: at };
  }
  async getEscalation(): Promise<Escalation | undefined> {
    return undefined;
  }
  async close(): Promise<void> {}

  /** This fake typed as a Store; methods channels never call throw. */
  asStore(): Store {
    return new Proxy(this, {
      get(target, prop, receiver) {
        if (prop in target || typeof prop === 'symbol' || prop === 'then') return Reflect.get(target, prop, receiver);
        return () => {
          throw new Error(`RecordingStore.${String(prop)} is not used by channels`);
        };
      },
    }) as unknown as Store;
  }
}

/**
 * The shared fake help desk, plus: a gate `ask` waits on until `release()` is called,
 * and an optional fixed answer.
 */
export class ChannelHelpdesk extends FakeHelpdesk {
  fixedAnswer: AnswerResponse | undefined;
  #gate: Promise<void> = Promise.resolve();
  #open: () => void = () => {};

  constructor(options: FakeHelpdeskOptions & { answer?: AnswerResponse } = {}) {
    super(options);
    this.fixedAnswer = options.answer;
  }

  /** From now on `ask` waits until `release()`. */
  hold(): void {
    this.#gate = new Promise((resolve) => {
      this.#open = resolve;
    });
  }

  /** Lets waiting `ask` calls continue. */
  release(): void {
    this.#open();
  }

  override answerFor(question: string): AnswerResponse {
    return this.fixedAnswer ? structuredClone(this.fixedAnswer) : super.answerFor(question);
  }

  override async ask(...args: Parameters<FakeHelpdesk['ask']>): Promise<AnswerResponse> {
    await this.#gate;
    return super.ask(...args);
  }
}

/** Work scheduled with `waitUntil`, so tests can wait for replies sent after the response. */
export class Background {
  readonly pending: Promise<unknown>[] = [];
  readonly waitUntil = (p: Promise<unknown>) => {
    this.pending.push(p);
  };
  /** Waits for everything scheduled so far (and anything it schedules). */
  async settle(): Promise<void> {
    let seen = 0;
    while (seen < this.pending.length) {
      const batch = this.pending.slice(seen);
      seen = this.pending.length;
      await Promise.all(batch);
    }
  }
}

/** A test app around `channelRoutes` with recording fakes. */
export interface TestApp {
  app: Hono;
  deps: AppDeps;
  helpdesk: ChannelHelpdesk;
  store: RecordingStore;
  logger: RecordingLogger;
  background: Background;
  config: Config;
}

/** Builds a test app from environment-style settings and optional overrides. */
export function buildTestApp(
  env: Record<string, string>,
  extra: { helpdesk?: ChannelHelpdesk; now?: () => Date; options?: ChannelOptions; store?: RecordingStore | null } = {},
): TestApp {
  const config = loadConfig({ PUBLIC_BASE_URL: 'https://opi.example.dk', ...env });
  const helpdesk = extra.helpdesk ?? new ChannelHelpdesk();
  const store = extra.store === null ? undefined : (extra.store ?? new RecordingStore());
  const logger = new RecordingLogger();
  const background = new Background();
  const deps: AppDeps = {
    helpdesk,
    config,
    logger,
    waitUntil: background.waitUntil,
    ...(store ? { store: store.asStore() } : {}),
    ...(extra.now ? { now: extra.now } : {}),
  };
  const app = new Hono().route('/', channelRoutes(deps, extra.options));
  return { app, deps, helpdesk, store: store ?? new RecordingStore(), logger, background, config };
}
