/**
 * Builds the Cloudflare Worker's static assets into `dist/worker-assets/`:
 * `index.bin` (the index artifact of `CORPUS_DIR`, default `corpus/`, built with the offline local
 * embedder so the Worker can search it without Vectorize or Workers AI),
 * `synonyms.yaml` (the query synonyms), `site.yaml` (the product's name and texts) and `widget.js`
 * (the browser widget) and `admin.js` (the maintainers' console).
 * Run before `wrangler deploy`: `npm run build:worker`.
 *
 * `npm run build:worker -- --d1` (for `LEXICAL_INDEX=d1`, corpora past the 25 MiB asset limit):
 * the lexical index and the chunks go to SQL files in `dist/worker-d1/` instead of `index.bin`,
 * applied in order with `npx wrangler d1 execute opi-helpdesk --remote --file <file>` (see docs/cloudflare.md).
 */
import { createWriteStream } from 'node:fs';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { WORKER_ASSET_FILES } from '../src/adapters/cloudflare/asset-index.js';
import { d1IndexStatements } from '../src/adapters/cloudflare/d1-index-sql.js';
import { readCorpusDir, readSynonymsFile } from '../src/adapters/node/fs-corpus.js';
import { siteFilePath } from '../src/adapters/node/site-source.js';
import { parseSite } from '../src/answer/site.js';
import { chunkDocument, loadCorpus } from '../src/corpus/index.js';
import type { LoadIssue } from '../src/corpus/types.js';
import { type IndexState, serializeIndex } from '../src/index/artifact.js';
import { buildIndex } from '../src/index/build.js';
import { createLocalEmbedder } from '../src/index/local-embedder.js';
import { createDanishAnalyzer } from '../src/text/index.js';
import { buildAdmin } from './build-admin.js';
import { buildWidget } from './build-widget.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** Where `wrangler.toml`'s `[assets] directory` points. */
export const WORKER_ASSETS_DIR = resolve(root, 'dist/worker-assets');
/** Where the workerd tests build their own assets, so a test run never replaces what `deploy:index` built. */
export const TEST_WORKER_ASSETS_DIR = resolve(root, 'test-artifacts/worker-assets');
/** Where `--d1` writes the SQL that fills D1. */
export const WORKER_D1_DIR = resolve(root, 'dist/worker-d1');
/** Largest SQL file `--d1` writes; a larger fill is cut into several files, applied in order. */
const D1_FILE_BYTES = 64 * 1024 * 1024;

export interface WorkerAssetsOptions {
  corpusDir?: string;
  outDir?: string;
  /** Skip the widget (tests that only need the index). */
  widget?: boolean;
  /**
   * Width of the local embedder's vectors in `index.bin` (default 512). Vectorize mode does not
   * use them, so `deploy:index` builds with 16 to keep the asset small (the file limit is 25 MiB).
   */
  vectorDimensions?: number;
  /** Put the lexical index and the chunks into SQL files for D1 here instead of `index.bin` into the assets. */
  d1Dir?: string;
  now?: () => Date;
}

/** What was written, with sizes in bytes. */
export interface WorkerAssetsReport {
  outDir: string;
  documents: number;
  chunks: number;
  issues: LoadIssue[];
  files: { name: string; bytes: number; gzipBytes: number }[];
  /** With `d1Dir`: the SQL files in the order they must be applied. */
  sqlFiles?: { path: string; bytes: number; statements: number }[];
}

async function readText(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/** Builds the index artifact, copies the synonyms and the site texts and builds the widget into `outDir`. */
export async function buildWorkerAssets(options: WorkerAssetsOptions = {}): Promise<WorkerAssetsReport> {
  const corpusDir = options.corpusDir ?? resolve(root, 'corpus');
  const outDir = options.outDir ?? WORKER_ASSETS_DIR;
  const { documents, issues } = loadCorpus(await readCorpusDir(corpusDir));
  const analyzer = createDanishAnalyzer();
  const { state } = await buildIndex({
    documents,
    chunk: (doc) => chunkDocument(doc),
    analyzer,
    embedder: createLocalEmbedder(analyzer, { dimensions: options.vectorDimensions ?? 512 }),
    ...(options.now ? { now: options.now } : {}),
  });
  const outputs: [string, Uint8Array][] = options.d1Dir ? [] : [[WORKER_ASSET_FILES.index, serializeIndex(state)]];
  const synonyms = await readSynonymsFile(corpusDir);
  if (synonyms !== undefined) outputs.push([WORKER_ASSET_FILES.synonyms, new TextEncoder().encode(synonyms)]);
  const site = await readText(siteFilePath(corpusDir));
  if (site !== undefined) {
    const { problem } = parseSite(site, siteFilePath(corpusDir));
    // shipped anyway: the Worker reports it too and serves the defaults, as the Node server does
    if (problem)
      issues.push({
        path: problem.path,
        ...(problem.field ? { field: problem.field } : {}),
        message: problem.message,
        severity: 'error',
      });
    outputs.push([WORKER_ASSET_FILES.site, new TextEncoder().encode(site)]);
  }
  if (options.widget !== false) {
    outputs.push([WORKER_ASSET_FILES.widget, new TextEncoder().encode(await buildWidget())]);
    outputs.push([WORKER_ASSET_FILES.admin, new TextEncoder().encode(await buildAdmin())]);
  }

  await rm(outDir, { recursive: true, force: true });
  await mkdir(outDir, { recursive: true });
  for (const [name, bytes] of outputs) await writeFile(join(outDir, name), bytes);
  const sqlFiles = options.d1Dir ? await writeD1Sql(state, options.d1Dir) : undefined;
  return {
    ...(sqlFiles ? { sqlFiles } : {}),
    outDir,
    documents: state.documents.length,
    chunks: state.chunks.length,
    issues,
    files: outputs.map(([name, bytes]) => ({ name, bytes: bytes.length, gzipBytes: gzipSync(bytes).length })),
  };
}

/**
 * Writes the statements that fill D1 with `state` (`d1IndexStatements`) into `dir` as `index-001.sql`, … of
 * at most 64 MiB each: the first drops and creates the tables, the last writes `lex_meta`.
 */
export async function writeD1Sql(
  state: IndexState,
  dir: string,
  maxFileBytes = D1_FILE_BYTES,
): Promise<{ path: string; bytes: number; statements: number }[]> {
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  const files: { path: string; bytes: number; statements: number }[] = [];
  let stream: ReturnType<typeof createWriteStream> | undefined;
  const close = () =>
    new Promise<void>((done, fail) => {
      stream!.on('error', fail);
      stream!.end(done);
    });
  for (const statement of d1IndexStatements(state)) {
    const line = `${statement};\n`;
    const bytes = Buffer.byteLength(line);
    let file = files.at(-1);
    if (!file || (file.bytes > 0 && file.bytes + bytes > maxFileBytes)) {
      if (stream) await close();
      file = { path: join(dir, `index-${String(files.length + 1).padStart(3, '0')}.sql`), bytes: 0, statements: 0 };
      files.push(file);
      stream = createWriteStream(file.path);
    }
    if (!stream!.write(line)) await new Promise<void>((drained) => stream!.once('drain', () => drained()));
    file.bytes += bytes;
    file.statements++;
  }
  if (stream) await close();
  return files;
}

/** The options `npm run build:worker` builds with: `CORPUS_DIR` (relative to the repository, as for `deploy:index`), default `corpus`. */
export function workerAssetsOptionsFromEnv(env: Record<string, string | undefined>): WorkerAssetsOptions {
  return { corpusDir: resolve(root, env.CORPUS_DIR ?? 'corpus'), outDir: WORKER_ASSETS_DIR };
}

/** `--d1`: the D1 fill instead of `index.bin` (its vectors are not used then: 16 wide, built fast). */
export function withD1Flag(options: WorkerAssetsOptions, argv: readonly string[]): WorkerAssetsOptions {
  return argv.includes('--d1') ? { ...options, d1Dir: WORKER_D1_DIR, vectorDimensions: 16 } : options;
}

/** How to apply the SQL files, in order, to the `opi-helpdesk` database. */
export function d1ApplyCommands(
  files: readonly { path: string }[],
  where: '--remote' | '--local' = '--remote',
): string[] {
  return files.map((f) => `npx wrangler d1 execute opi-helpdesk ${where} --yes --file ${relative(root, f.path)}`);
}

async function main(): Promise<void> {
  const report = await buildWorkerAssets(withD1Flag(workerAssetsOptionsFromEnv(process.env), process.argv.slice(2)));
  for (const issue of report.issues) console.warn(`${issue.severity}: ${issue.path}: ${issue.message}`);
  const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
  console.log(`${report.outDir}: ${report.documents} dokumenter, ${report.chunks} afsnit`);
  for (const f of report.files) console.log(`  ${f.name}: ${kb(f.bytes)} (${kb(f.gzipBytes)} gzip)`);
  if (report.sqlFiles) {
    for (const f of report.sqlFiles) console.log(`  ${f.path}: ${kb(f.bytes)}, ${f.statements} sætninger`);
    console.log('Fyld D1 (i denne rækkefølge), og deploy så Workeren med LEXICAL_INDEX = "d1":');
    for (const command of d1ApplyCommands(report.sqlFiles)) console.log(`  ${command}`);
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  });
}
