import { availableParallelism } from 'node:os';
import { join, resolve } from 'node:path';
import { loadDanishThesaurus } from '../adapters/node/danish-thesaurus.js';
import { loadDanishWordList } from '../adapters/node/danish-word-list.js';
import { IndexManager } from '../adapters/node/index-manager.js';
import { SearchPool } from '../adapters/node/search-pool.js';
import { shareWordList } from '../adapters/node/shared-word-list.js';
import {
  createChatModelFromConfig,
  configuredComposer,
  createEmbedderFromConfig,
} from '../adapters/openai/from-config.js';
import type { Composer } from '../answer/composer.js';
import type { HelpdeskService } from '../answer/helpdesk-service.js';
import { DEFAULT_SITE, type Site, withContact } from '../answer/site.js';
import type { Config } from '../config.js';
import { baseUrlOf, createHelpdesk } from '../core/create-helpdesk.js';
import type { Logger } from '../logger.js';
import { createLocalEmbedder } from '../index/local-embedder.js';
import type { AnswerabilityModel } from '../retrieval/answerability.js';
import type { RetrievalStages } from '../retrieval/retriever.js';

export interface NodeHelpdeskOptions {
  config: Config;
  logger: Logger;
  /** Keep the index only in memory (evaluation, tests). */
  inMemory?: boolean;
  stages?: RetrievalStages;
  model?: AnswerabilityModel;
  vectorStore?: 'hnsw' | 'exact';
  /** Wait for the Danish word list before answering (evaluation: every question sees the same speller). */
  awaitWordList?: boolean;
  /** The product's identity as it is now (`corpus/_meta/site.yaml`); by default today's texts with `CONTACT_TEXT`/`CONTACT_EMAIL`. */
  site?: () => Site;
  /** Replace the composer (tests); by default the chat model from the configuration, else extractive. */
  composer?: (extractive: Composer) => Composer;
}

/**
 * The Node ports of the help desk: the index manager (disk + hnswlib), the offline local embedder
 * or a configured embeddings endpoint, the Danish word list and thesaurus, and a configured chat
 * model; `createHelpdesk` assembles them.
 */
export async function createNodeHelpdesk(
  options: NodeHelpdeskOptions,
): Promise<{ helpdesk: HelpdeskService; manager: IndexManager; pool?: SearchPool }> {
  const { config, logger } = options;
  const baseUrl = baseUrlOf(config);
  const remoteEmbedder = await createEmbedderFromConfig(config);
  const spelling = loadDanishWordList();
  // the thesaurus stage did not pay on the dev half (README, ablation): loaded only when switched on
  const thesaurus = options.stages?.thesaurus ? await loadDanishThesaurus() : undefined;
  if (options.awaitWordList) await spelling.ready;
  const pool = searchPool(options, remoteEmbedder !== undefined, spelling);
  const manager = new IndexManager({
    corpusDir: resolve(config.CORPUS_DIR),
    ...(options.inMemory ? {} : { indexDir: join(resolve(config.DATA_DIR), 'index') }),
    logger,
    baseUrl,
    embedder: (analyzer) => remoteEmbedder ?? createLocalEmbedder(analyzer),
    ...(options.stages ? { stages: options.stages } : {}),
    ...(options.model ? { model: options.model } : {}),
    ...(options.vectorStore ? { vectorStore: options.vectorStore } : {}),
    words: spelling.words,
    ...(thesaurus ? { thesaurus } : {}),
    ...(pool ? { pool } : {}),
  });
  const fallbackSite = withContact(DEFAULT_SITE, config.CONTACT_TEXT, config.CONTACT_EMAIL);
  const chatModel = await createChatModelFromConfig(config);
  const custom = options.composer;
  const helpdesk = await createHelpdesk(
    {
      snapshot: () => manager.current(),
      analyzer: () => manager.queryAnalyzer,
      site: options.site ?? (() => fallbackSite),
      ...(chatModel ? { chatModel } : {}),
      composer: custom
        ? (extractive) => custom(extractive)
        : configuredComposer(config, { baseUrl, logger, ...(chatModel ? { model: chatModel } : {}) }),
    },
    { baseUrl },
  );
  return { helpdesk, manager, ...(pool ? { pool } : {}) };
}

/**
 * The search workers `SEARCH_WORKERS` asks for, or undefined: none asked, the index only in memory
 * or an exact vector store (nothing to share), or a remote embedder (the workers embed with the
 * offline local one).
 */
function searchPool(
  options: NodeHelpdeskOptions,
  remoteEmbedder: boolean,
  spelling: ReturnType<typeof loadDanishWordList>,
): SearchPool | undefined {
  const { config, logger } = options;
  const size = config.SEARCH_WORKERS ?? defaultSearchWorkers();
  if (size === 0) return undefined;
  if (options.inMemory || options.vectorStore === 'exact' || remoteEmbedder) {
    // (only a pool asked for by name is worth a warning; the default one just stays off)
    if (config.SEARCH_WORKERS !== undefined)
      logger.warn('SEARCH_WORKERS is ignored: the workers need the saved hnsw index and the local embedder', {
        event: 'search_pool.unavailable',
      });
    return undefined;
  }
  return new SearchPool({
    size,
    logger,
    timeoutMs: config.REQUEST_TIMEOUT_MS,
    // the workers read this thread's word list in shared memory once it is loaded, instead of each loading one
    words: spelling.ready.then(() => shareWordList(spelling.contents())),
    retrieval: {
      ...(options.stages ? { stages: options.stages } : {}),
      ...(options.model ? { model: options.model } : {}),
    },
  });
}

/**
 * The search workers of an unset `SEARCH_WORKERS`: one per core, at most `MAX_DEFAULT_SEARCH_WORKERS`, and none on a
 * single core, where a worker only adds memory (docs/BENCHMARKS.md, runde 10: ×1.7–2 for both routes on two cores).
 */
export function defaultSearchWorkers(cores = availableParallelism()): number {
  return cores < 2 ? 0 : Math.min(cores, MAX_DEFAULT_SEARCH_WORKERS);
}

/** Most search workers started without `SEARCH_WORKERS`: each costs ~50–60 MB at start and more under load. */
const MAX_DEFAULT_SEARCH_WORKERS = 4;
