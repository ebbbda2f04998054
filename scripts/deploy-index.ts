/**
 * Loads the corpus into Cloudflare for the Worker's Vectorize mode:
 * chunks the corpus, embeds new and changed chunks with Workers AI
 * (`@cf/baai/bge-m3`), upserts them into Vectorize, deletes removed ones, and
 * records what was uploaded in D1 (`vector_chunks`) — idempotently, so a re-run
 * only sends what changed. Also rebuilds `dist/worker-assets/` (the lexical index).
 *
 *   npm run deploy:index                # needs CLOUDFLARE_ACCOUNT_ID, CLOUDFLARE_API_TOKEN, D1_DATABASE_ID
 *   npm run deploy:index -- --dry-run   # offline: compares with the local state file and prints the changes
 *   npm run deploy:index -- --d1        # the lexical index as SQL for D1 (LEXICAL_INDEX=d1) instead of index.bin
 *
 * Settings (environment): VECTORIZE_INDEX (default opi-helpdesk), WORKERS_AI_EMBEDDING_MODEL
 * (default @cf/baai/bge-m3), CORPUS_DIR (default corpus), INDEX_STATE_FILE
 * (default data/cloudflare-index-state.json).
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { AiBinding, VectorizeBinding } from '../src/adapters/cloudflare/bindings.js';
import { createCloudflareRestClient } from '../src/adapters/cloudflare/cloudflare-rest.js';
import { d1SyncLedger } from '../src/adapters/cloudflare/d1-sync-ledger.js';
import {
  applyIndexSync,
  planIndexSync,
  type SyncLedger,
  type SyncPlan,
  type SyncState,
} from '../src/adapters/cloudflare/index-sync.js';
import { VectorizeVectorStore } from '../src/adapters/cloudflare/vectorize-vector-store.js';
import { BGE_M3, createWorkersAiEmbedder } from '../src/adapters/cloudflare/workers-ai-embedder.js';
import { readCorpusDir } from '../src/adapters/node/fs-corpus.js';
import { chunkDocument, loadCorpus } from '../src/corpus/index.js';
import type { Chunk } from '../src/corpus/types.js';
import { buildWorkerAssets, d1ApplyCommands, withD1Flag } from './build-worker-assets.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** The remote side of a deploy: Workers AI, the Vectorize index and the D1 ledger. */
export interface DeployTarget {
  ai: AiBinding;
  vectorize: VectorizeBinding;
  ledger: SyncLedger;
}

export interface DeployIndexOptions {
  chunks: readonly Chunk[];
  /** Local record of the last upload: read by dry runs, rewritten after a real run. */
  stateFile: string;
  /** Print the plan without touching the network or any file. */
  dryRun: boolean;
  /** Required unless `dryRun`. */
  target?: DeployTarget;
  model?: string;
  log?: (line: string) => void;
}

/** What a deploy planned (and, unless dry, did). */
export interface DeployIndexResult {
  plan: SyncPlan;
  /** Where the plan was compared from. */
  comparedWith: 'local-state' | 'd1';
}

/** Reads the local state file; undefined when it does not exist. */
export async function readStateFile(path: string): Promise<SyncState | undefined> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch {
    return undefined;
  }
  const parsed = JSON.parse(text) as SyncState;
  if (typeof parsed.embedderId !== 'string' || typeof parsed.chunks !== 'object' || parsed.chunks === null) {
    throw new Error(`${path} er ikke en gyldig tilstandsfil — slet den, og kør deploy:index igen.`);
  }
  return parsed;
}

/**
 * Plans and (unless `dryRun`) applies the upload of `chunks` to Vectorize. A dry run compares
 * with the local state file; a real run compares with the D1 ledger (the truth about what
 * Vectorize holds) and then rewrites the local state file.
 */
export async function deployIndex(options: DeployIndexOptions): Promise<DeployIndexResult> {
  const log = options.log ?? ((line: string) => console.log(line));
  const model = options.model ?? BGE_M3;
  const offline: AiBinding = {
    run: () => Promise.reject(new Error('ingen netværkskald i en tør kørsel')),
  };
  const embedder = createWorkersAiEmbedder({ ai: options.target?.ai ?? offline, model });

  if (options.dryRun) {
    const plan = await planIndexSync(options.chunks, await readStateFile(options.stateFile), embedder.id);
    report(plan, log, true);
    return { plan, comparedWith: 'local-state' };
  }
  const target = options.target;
  if (!target) throw new Error('deployIndex: target mangler (kun en tør kørsel klarer sig uden).');
  const plan = await planIndexSync(options.chunks, await target.ledger.read(), embedder.id);
  report(plan, log, false);
  const docOf = new Map(options.chunks.map((c) => [c.id, c.docId]));
  const store = new VectorizeVectorStore({
    index: target.vectorize,
    dimensions: embedder.dimensions,
    metadataOf: (id) => ({ docId: docOf.get(id) ?? '' }),
  });
  await applyIndexSync(plan, {
    embedder,
    store,
    ledger: target.ledger,
    onProgress: (p) => log(`  ${p.phase === 'upsert' ? 'upsert' : 'slet'}: ${p.done}/${p.total}`),
  });
  const state = await target.ledger.read();
  await mkdir(dirname(options.stateFile), { recursive: true });
  await writeFile(options.stateFile, `${JSON.stringify(state ?? { embedderId: embedder.id, chunks: {} }, null, 2)}\n`);
  log('Færdig. Vectorize viser ændringerne efter nogle sekunder.');
  return { plan, comparedWith: 'd1' };
}

function report(plan: SyncPlan, log: (line: string) => void, dry: boolean): void {
  log(`${dry ? '[tør kørsel] ' : ''}Embedder: ${plan.embedderId}${plan.reason ? ` (alt sendes: ${plan.reason})` : ''}`);
  log(`  upsert: ${plan.upsert.length}, slet: ${plan.delete.length}, uændret: ${plan.unchanged}`);
  for (const u of plan.upsert) log(`  + ${u.chunk.id}`);
  for (const id of plan.delete) log(`  - ${id}`);
}

/** Every chunk of the corpus directory, as the index builds them. */
export async function corpusChunks(corpusDir: string): Promise<Chunk[]> {
  const { documents, issues } = loadCorpus(await readCorpusDir(corpusDir));
  for (const issue of issues) console.warn(`${issue.severity}: ${issue.path}: ${issue.message}`);
  return documents.flatMap((doc) => chunkDocument(doc));
}

async function main(): Promise<void> {
  const env = process.env;
  const dryRun = process.argv.includes('--dry-run');
  const corpusDir = resolve(root, env.CORPUS_DIR ?? 'corpus');
  const stateFile = resolve(root, env.INDEX_STATE_FILE ?? 'data/cloudflare-index-state.json');
  const chunks = await corpusChunks(corpusDir);
  const model = env.WORKERS_AI_EMBEDDING_MODEL ?? BGE_M3;
  if (dryRun) {
    await deployIndex({ chunks, stateFile, dryRun, model });
    return;
  }
  const missing = ['CLOUDFLARE_ACCOUNT_ID', 'CLOUDFLARE_API_TOKEN', 'D1_DATABASE_ID'].filter((k) => !env[k]);
  if (missing.length > 0) {
    throw new Error(
      `Mangler ${missing.join(', ')}. Sæt dem (D1_DATABASE_ID står i wrangler.toml), eller kør med -- --dry-run.`,
    );
  }
  const client = createCloudflareRestClient({
    accountId: env.CLOUDFLARE_ACCOUNT_ID!,
    apiToken: env.CLOUDFLARE_API_TOKEN!,
  });
  // Vectorize holds the real vectors; index.bin only needs its lexical index (tiny local vectors keep it small),
  // and with --d1 the lexical index goes to SQL files for D1 instead.
  const assets = await buildWorkerAssets(withD1Flag({ corpusDir, vectorDimensions: 16 }, process.argv.slice(2)));
  console.log(`Worker-assets bygget: ${assets.chunks} afsnit i ${assets.outDir}`);
  if (assets.sqlFiles) {
    console.log('Fyld D1 med det leksikalske indeks (i denne rækkefølge):');
    for (const command of d1ApplyCommands(assets.sqlFiles)) console.log(`  ${command}`);
  }
  await deployIndex({
    chunks,
    stateFile,
    dryRun,
    model,
    target: {
      ai: client.ai,
      vectorize: client.vectorize(env.VECTORIZE_INDEX ?? 'opi-helpdesk'),
      ledger: d1SyncLedger(client.d1(env.D1_DATABASE_ID!)),
    },
  });
  console.log('Deploy nu Workeren med de nye assets: npx wrangler deploy --env vectorize');
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  });
}
