import { join, resolve } from 'node:path';
import type { BaseChatModel } from '@langchain/core/language_models/chat_models';
import { loadDanishThesaurus } from '../adapters/node/danish-thesaurus.js';
import { loadDanishWordList } from '../adapters/node/danish-word-list.js';
import { IndexManager } from '../adapters/node/index-manager.js';
import {
  createChatModelFromConfig,
  createComposerFromConfig,
  createEmbedderFromConfig,
} from '../adapters/openai/from-config.js';
import type { Composer } from '../answer/composer.js';
import { createExtractiveComposer } from '../answer/extractive.js';
import { createHelpdeskService, type HelpdeskService } from '../answer/helpdesk-service.js';
import { siteMessages } from '../answer/messages.js';
import { DEFAULT_SITE, type Site, withContact } from '../answer/site.js';
import type { Config } from '../config.js';
import type { Logger } from '../logger.js';
import { createLocalEmbedder } from '../index/local-embedder.js';
import type { AnswerabilityModel } from '../retrieval/answerability.js';
import { type Condensed, condenseQuestion } from '../retrieval/condense.js';
import type { RetrievalStages } from '../retrieval/retriever.js';
import { splitSentences } from '../text/index.js';

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

/** The public base URL used in citation links ('' gives relative links). */
export function baseUrlOf(config: Config): string {
  return (config.PUBLIC_BASE_URL ?? '').replace(/\/+$/, '');
}

/**
 * Wire the help desk for Node: index manager (disk + hnswlib), Danish analyzer,
 * the offline local embedder or a configured embeddings endpoint, and the extractive
 * composer or a configured chat model that falls back to it.
 */
export async function createNodeHelpdesk(
  options: NodeHelpdeskOptions,
): Promise<{ helpdesk: HelpdeskService; manager: IndexManager }> {
  const { config, logger } = options;
  const baseUrl = baseUrlOf(config);
  const remoteEmbedder = await createEmbedderFromConfig(config);
  const spelling = loadDanishWordList();
  // the thesaurus stage did not pay on the dev half (README, ablation): loaded only when switched on
  const thesaurus = options.stages?.thesaurus ? await loadDanishThesaurus() : undefined;
  if (options.awaitWordList) await spelling.ready;
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
  });
  const fallbackSite = withContact(DEFAULT_SITE, config.CONTACT_TEXT, config.CONTACT_EMAIL);
  const site = options.site ?? (() => fallbackSite);
  const extractive = createExtractiveComposer({
    get analyzer() {
      return manager.queryAnalyzer;
    },
    splitSentences,
    get messages() {
      return siteMessages(site());
    },
    baseUrl,
  });
  const chatModel = await createChatModelFromConfig(config);
  const composer = options.composer
    ? options.composer(extractive)
    : await createComposerFromConfig(config, {
        fallback: extractive,
        baseUrl,
        logger,
        ...(chatModel ? { model: chatModel } : {}),
        terms: (t: string) => manager.queryAnalyzer.terms(t),
      });
  const lexicalCondense = async (q: string, h: { role: 'user' | 'assistant'; content: string }[]) =>
    condenseQuestion(q, h, manager.queryAnalyzer);
  const helpdesk = createHelpdeskService({
    snapshot: () => manager.current(),
    composer,
    refusal: extractive,
    get analyzer() {
      return manager.queryAnalyzer;
    },
    baseUrl,
    ...(chatModel ? { condense: await modelCondenser(chatModel, lexicalCondense) } : {}),
  });
  return { helpdesk, manager };
}

/**
 * Condense follow-ups with the chat model, falling back to `lexical`. Loaded only when a model is
 * configured: the chat modules pull in `@langchain/core`, which the default help desk does not need
 * at start-up.
 */
async function modelCondenser(
  model: BaseChatModel,
  lexical: (q: string, h: { role: 'user' | 'assistant'; content: string }[]) => Promise<Condensed>,
) {
  const { condenseWithModel, createCondenser } = await import('../answer/chat/condense.js');
  return condenseWithModel(createCondenser(model), lexical);
}
