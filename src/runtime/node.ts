import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { serve } from '@hono/node-server';
import { brotliEncoder } from '../adapters/node/brotli-encoder.js';
import { corpusFolder } from '../adapters/node/corpus-folder.js';
import { createConsoleLogger } from '../adapters/node/logger.js';
import { type ReindexReport, reindexSummary } from '../core/index-lifecycle.js';
import { openSiteSource } from '../adapters/node/site-source.js';
import type { AnswerResponse } from '../answer/types.js';
import { channelRoutes } from '../channels/routes.js';
import { validateChannelConfig } from '../channels/validate-config.js';
import { type Config, configuredSecrets, loadConfig } from '../config.js';
import { HelpdeskError } from '../errors.js';
import { createApp } from '../http/app.js';
import type { AppDeps } from '../http/deps.js';
import { importSource } from '../import/import-source.js';
import type { CorpusFiles } from '../ops/corpus-files.js';
import { gzipEncoder } from '../http/middleware/compress.js';
import type { Logger } from '../logger.js';
import { startRetentionJob } from '../ops/retention.js';
import { createNodeHelpdesk } from './node-helpdesk.js';
import { clientErrorListener, proxyBindingWarning, receiveTimeouts } from './node-server.js';
import { openNodeStore } from './node-store.js';

/** A running server. */
export interface RunningServer {
  url: string;
  port: number;
  close(): Promise<void>;
  reindex(): Promise<ReindexReport>;
}

export interface StartOptions {
  /** Raw environment (default: `process.env`). */
  env?: Record<string, string | undefined>;
  /** Overrides applied on top of the environment. */
  overrides?: Partial<Record<keyof Config, string>>;
  logger?: Logger;
}

/** The site texts of `CORPUS_DIR/_meta/site.yaml` and the help desk that speaks with them (server and CLI). */
async function openHelpdesk(config: Config, logger: Logger) {
  const site = await openSiteSource({
    corpusDir: resolve(config.CORPUS_DIR),
    logger,
    contactText: config.CONTACT_TEXT,
    contactEmail: config.CONTACT_EMAIL,
  });
  return { site, ...(await createNodeHelpdesk({ config, logger, site: site.current })) };
}

/**
 * A script the build step wrote (`npm run build`: `dist/widget.js`, `dist/admin.js`, relative to the
 * working directory, the repository root); when it is missing, a warning naming the command that builds it.
 * The server never builds it itself: build tooling stays out of the server.
 */
async function builtScript(file: string, command: string, logger: Logger): Promise<string | undefined> {
  const built = resolve(file);
  if (existsSync(built)) return readFile(built, 'utf8');
  logger.warn(`${file} is missing; run \`${command}\` and restart the server`, { event: 'asset.missing', file: built });
  return undefined;
}

/** `files` that re-index after each write or removal (when `WATCH_CORPUS` is off). */
function reindexAfterWrites(files: CorpusFiles, reindex: () => Promise<unknown>, logger: Logger): CorpusFiles {
  const after = (p: Promise<void>) =>
    p.then(() => {
      reindex().catch((err: unknown) =>
        logger.error('Re-indexing after a save failed', { event: 'index.reindex_failed', error: String(err) }),
      );
    });
  return {
    list: () => files.list(),
    write: (path, content) => after(files.write(path, content)),
    remove: (path) => after(files.remove(path)),
  };
}

/**
 * Start the help desk on Node: open the SQLite store, serve the HTTP app, load or build the index,
 * watch the corpus. The server listens before the index is ready: until then `/healthz` and the
 * question routes answer 503 JSON (never a refused connection). Resolves once the index serves.
 * A saved index is served as loaded while the catch-up re-index (files changed while the server
 * was down) runs behind it (`/healthz` says `catchingUp: true`); deleted documents are never cited.
 */
export async function startServer(options: StartOptions = {}): Promise<RunningServer> {
  const config = loadConfig({ ...(options.env ?? process.env), ...options.overrides });
  const logger = options.logger ?? createConsoleLogger(config.LOG_LEVEL, undefined, configuredSecrets(config));
  const channelErrors = validateChannelConfig(config);
  if (channelErrors.length > 0) {
    throw new HelpdeskError('config_invalid', `Kanalopsætningen er ufuldstændig:\n${channelErrors.join('\n')}`);
  }
  const exposed = proxyBindingWarning(config);
  if (exposed) {
    logger.warn('The server trusts X-Forwarded-For but listens on every address', {
      event: 'server.proxy_bypass',
      explanation: exposed,
      HOST: config.HOST,
      TRUST_PROXY_HOPS: config.TRUST_PROXY_HOPS,
    });
  }
  const { site, helpdesk, manager, pool } = await openHelpdesk(config, logger);
  // a damaged or read-only database is logged and left out: questions are still answered
  const store = await openNodeStore(config.DATA_DIR, logger);
  const assets = await builtScript('dist/widget.js', 'npm run build:widget', logger);
  const adminAssets = config.ADMIN_TOKEN
    ? await builtScript('dist/admin.js', 'npm run build:admin', logger)
    : undefined;
  const folder = corpusFolder(config.CORPUS_DIR);
  const deps: AppDeps = {
    helpdesk,
    config,
    logger,
    site: site.current,
    ...(store ? { store } : {}),
    assets: { ...(assets ? { widgetJs: assets } : {}), ...(adminAssets ? { adminJs: adminAssets } : {}) },
    // the console's saves reach the index through the watcher; without it, by a re-index after each
    corpusFiles: config.WATCH_CORPUS ? folder : reindexAfterWrites(folder, () => manager.reindex(), logger),
    importer: importSource,
    encoders: [brotliEncoder(), gzipEncoder],
    reindex: async () => {
      await site.reload();
      return reindexSummary(await manager.reindex());
    },
    indexStatus: () => ({ catchingUp: manager.catchingUp }),
    waitUntil: (p) => {
      p.catch((err: unknown) =>
        logger.error('A background task failed', { event: 'background.failed', error: String(err) }),
      );
    },
  };
  const app = createApp(deps, [channelRoutes(deps)]);
  let server: ServerType;
  try {
    server = await listen(app.fetch, config, logger);
  } catch (error) {
    await store?.close();
    throw error;
  }
  let report: ReindexReport;
  try {
    // a saved index is served as soon as it is loaded; bringing it up to date with the corpus runs behind it
    report = await manager.open({ catchUp: 'background' });
  } catch (error) {
    await new Promise<void>((ok) => server.close(() => ok()));
    await store?.close();
    throw error;
  }
  logIndexReady(logger, report);
  const stopRetention = store ? startRetentionJob(store, config.RETENTION_DAYS, logger) : () => {};
  const stopWatchingIndex = config.WATCH_CORPUS ? manager.watch() : () => {};
  const stopWatchingSite = config.WATCH_CORPUS ? site.watch() : () => {};
  const stopWatching = () => {
    stopWatchingIndex();
    stopWatchingSite();
  };
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.PORT;
  const host = config.HOST === '0.0.0.0' ? '127.0.0.1' : config.HOST;
  const url = `http://${host}:${port}`;
  return {
    url,
    port,
    reindex: async () => {
      await site.reload();
      return manager.reindex();
    },
    async close() {
      stopWatching();
      stopRetention();
      await new Promise<void>((ok) => server.close(() => ok()));
      // let a running re-index finish writing the index files
      await manager.idle();
      await pool?.close();
      await store?.close();
    },
  };
}

type ServerType = ReturnType<typeof serve>;

/** Listens on `PORT`/`HOST`; a port in use or another failure is a Danish `config_invalid` error. */
async function listen(
  fetch: Parameters<typeof serve>[0]['fetch'],
  config: Config,
  logger: Logger,
): Promise<ServerType> {
  try {
    return await new Promise<ServerType>((ok, fail) => {
      const s = serve(
        { fetch, port: config.PORT, hostname: config.HOST, serverOptions: receiveTimeouts(config.REQUEST_TIMEOUT_MS) },
        () => {
          s.off('error', fail);
          ok(s);
        },
      );
      s.on('clientError', clientErrorListener(logger));
      s.once('error', fail);
    });
  } catch (cause) {
    const inUse = (cause as NodeJS.ErrnoException).code === 'EADDRINUSE';
    throw new HelpdeskError(
      'config_invalid',
      inUse
        ? `Port ${config.PORT} på ${config.HOST} er optaget: stop den anden proces eller vælg en anden PORT.`
        : `Serveren kunne ikke starte på ${config.HOST}:${config.PORT}: ${String(cause)}`,
      { cause },
    );
  }
}

/** Logs the index the server now answers from, and the catch-up behind it when it ends. */
function logIndexReady(logger: Logger, report: ReindexReport): void {
  logger.info('Index ready', {
    event: 'index.ready',
    documents: report.documents,
    chunks: report.chunks,
    embedded: report.embedded,
    loadedFromDisk: report.loadedFromDisk,
    ms: Math.round(report.ms),
  });
  if (report.documents === 0) {
    logger.warn(
      'The knowledge base has no documents; /healthz answers 503 "empty". Put Markdown documents in CORPUS_DIR.',
      {
        event: 'index.empty',
      },
    );
  }
  report.catchUp?.then(
    (r) =>
      logger.info('Index caught up after start', {
        event: 'index.caught_up',
        ...reindexSummary(r),
        filesRead: r.filesRead,
        ms: Math.round(r.totalMs),
      }),
    () => {}, // logged by the index manager
  );
}

function printAnswer(answer: AnswerResponse): void {
  console.log(answer.answer);
  if (answer.citations.length > 0) {
    console.log('\nKilder:');
    for (const c of answer.citations)
      console.log(`[${c.id}] ${c.title}${c.section ? ` › ${c.section}` : ''} — ${c.url}`);
  }
}

/** Prints what `npm run index` did; `wallMs` is the whole command's time (process start to now), not the build's alone. */
function printReport(r: ReindexReport, wallMs: number): void {
  const list = (xs: string[]) => (xs.length ? xs.join(', ') : '—');
  console.log(`Dokumenter: ${r.documents}  Tekststykker: ${r.chunks}  Indlejret nu: ${r.embedded}`);
  console.log(`Tilføjet: ${list(r.added)}`);
  console.log(`Ændret:   ${list(r.changed)}`);
  console.log(`Fjernet:  ${list(r.removed)}`);
  console.log(`Tid: ${Math.round(wallMs)} ms${r.fullRebuild ? ` (fuld genopbygning: ${r.reason ?? ''})` : ''}`);
  if (r.saveError) console.error(r.saveError);
  for (const issue of r.issues) {
    // issue messages start with the path already; say it once
    const message = issue.message.startsWith(`${issue.path}: `)
      ? issue.message.slice(issue.path.length + 2)
      : issue.message;
    console.error(
      `${issue.path}${issue.line ? `:${issue.line}` : ''}: ${issue.field ? `${issue.field}: ` : ''}${message}`,
    );
  }
}

/** The command line: `serve` (default), `index`, `ask "spørgsmål" [--json]`. */
export async function main(argv: string[]): Promise<number> {
  const [command = 'serve', ...rest] = argv;
  if (command === 'serve') {
    const running = await startServer();
    console.log(`opi-helpdesk kører på ${running.url} (chat: ${running.url}/, API: ${running.url}/openapi.json)`);
    const stop = () => {
      running.close().finally(() => process.exit(0));
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    return -1;
  }
  // a one-shot command gains nothing from search workers: only a pool asked for by name is started
  const loaded = loadConfig(process.env);
  const config = { ...loaded, SEARCH_WORKERS: loaded.SEARCH_WORKERS ?? 0 };
  const logger = createConsoleLogger(command === 'index' ? 'warn' : 'error');
  const { helpdesk, manager } = await openHelpdesk(config, logger);
  if (command === 'index') {
    const report = await manager.open();
    // performance.now() counts from the process's start: the time the operator waited
    printReport(report, performance.now());
    return report.saveError || report.issues.some((i) => i.severity === 'error') ? 1 : 0;
  }
  if (command === 'ask') {
    const json = rest.includes('--json');
    const question = rest
      .filter((a) => a !== '--json')
      .join(' ')
      .trim();
    if (!question) {
      console.error('Brug: npm run ask -- "dit spørgsmål" [--json]');
      return 2;
    }
    await manager.open();
    const answer = await helpdesk.ask({ question }, { channel: 'cli' });
    if (json) console.log(JSON.stringify(answer, null, 2));
    else printAnswer(answer);
    return 0;
  }
  console.error(`Ukendt kommando: ${command}. Brug serve, index eller ask.`);
  return 2;
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  main(process.argv.slice(2)).then(
    (code) => {
      if (code >= 0) process.exitCode = code;
    },
    (err: unknown) => {
      console.error(err instanceof Error ? err.message : String(err));
      process.exitCode = 1;
    },
  );
}
