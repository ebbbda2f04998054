import type { HelpdeskService } from '../../answer/helpdesk-service.js';
import { parseSite, type Site, withContact } from '../../answer/site.js';
import type { Config } from '../../config.js';
import { baseUrlOf, createHelpdesk } from '../../core/create-helpdesk.js';
import { serveIndex } from '../../core/serve-index.js';
import { HelpdeskError } from '../../errors.js';
import type { Logger } from '../../logger.js';
import type { Embedder } from '../../index/embedder.js';
import { createLocalEmbedder } from '../../index/local-embedder.js';
import { SearchIndex } from '../../index/search-index.js';
import { ALL_STAGES, Retriever } from '../../retrieval/retriever.js';
import { createDanishAnalyzer, parseSynonyms } from '../../text/index.js';
import { configuredComposer } from '../openai/from-config.js';
import { loadBundledIndex } from './asset-index.js';
import type { WorkerEnv } from './bindings.js';
import {
  FallbackRetriever,
  markEmbedderFailures,
  markVectorStoreFailures,
  VectorLegHealth,
  vectorizeDimensionsProblem,
} from './vector-fallback.js';
import { VectorizeVectorStore } from './vectorize-vector-store.js';
import { WorkersAiChatModel } from './workers-ai-chat-model.js';
import { createWorkersAiEmbedder } from './workers-ai-embedder.js';
import type { WorkerSettings } from './worker-settings.js';

export interface WorkerHelpdeskOptions {
  env: WorkerEnv;
  config: Config;
  settings: WorkerSettings;
  mode: 'bundled' | 'vectorize';
  logger: Logger;
}

/** The wired help desk of one Worker isolate and what it was built from. */
export interface WorkerHelpdesk {
  helpdesk: HelpdeskService;
  mode: 'bundled' | 'vectorize';
  /** The product's identity: the bundled `site.yaml`, or the defaults. */
  site: Site;
  /** Bytes of the bundled `index.bin`. */
  indexBytes: number;
  /** In `vectorize` mode: whether answers use the vector leg or fall back to BM25 alone (`/healthz`). */
  vectorHealth?: VectorLegHealth;
}

/**
 * Wires the help desk on Workers: the index artifact from ASSETS; in `bundled`
 * mode its exact vectors and the offline local embedder, in `vectorize` mode the
 * Vectorize index with Workers AI query embeddings for the vector leg. Answers
 * are extractive unless `CHAT_PROVIDER` names a model (`workers-ai` uses `env.AI`).
 */
export async function createWorkerHelpdesk(options: WorkerHelpdeskOptions): Promise<WorkerHelpdesk> {
  const { env, config, settings, mode, logger } = options;
  if (!env.ASSETS) {
    throw new HelpdeskError(
      'config_invalid',
      'ASSETS-bindingen mangler — tilføj [assets] med binding = "ASSETS" i wrangler.toml.',
    );
  }
  const bundled = await loadBundledIndex(env.ASSETS);
  const { state } = bundled;
  const baseUrl = baseUrlOf(config);

  const indexAnalyzer = createDanishAnalyzer();
  if (state.manifest.analyzerId !== indexAnalyzer.id) {
    throw new HelpdeskError(
      'index_incompatible',
      `Indekset er bygget med analysatoren ${state.manifest.analyzerId}, men Workeren bruger ${indexAnalyzer.id} — byg assets igen med \`npm run build:worker\`.`,
    );
  }
  const analyzer = bundled.synonyms
    ? createDanishAnalyzer({ synonyms: parseSynonyms(bundled.synonyms, 'synonyms.yaml') })
    : indexAnalyzer;

  let index: SearchIndex;
  let embedder: Embedder;
  let vectorHealth: VectorLegHealth | undefined;
  if (mode === 'vectorize') {
    const workersAi = createWorkersAiEmbedder({ ai: env.AI!, model: settings.WORKERS_AI_EMBEDDING_MODEL });
    // A failing Workers AI or Vectorize query falls back to BM25 alone (FallbackRetriever below).
    embedder = markEmbedderFailures(workersAi);
    const store = new VectorizeVectorStore({
      index: env.VECTORIZE!,
      dimensions: workersAi.dimensions,
      knownIds: state.chunks.map((c) => c.id),
    });
    // The Vectorize index already holds the chunks' vectors (`npm run deploy:index`).
    index = new SearchIndex(state, markVectorStoreFailures(store));
    vectorHealth = new VectorLegHealth();
    const dimensionsProblem = await vectorizeDimensionsProblem(
      env.VECTORIZE!,
      workersAi,
      settings.WORKERS_AI_EMBEDDING_MODEL,
      logger,
    );
    if (dimensionsProblem) {
      logger.error('The Vectorize index and the embedding model differ in dimensions; answers use BM25 alone', {
        event: 'vector.dimensions_mismatch',
        explanation: dimensionsProblem,
      });
      vectorHealth.disable('dimensions_mismatch', dimensionsProblem);
    }
  } else {
    embedder = createLocalEmbedder(indexAnalyzer, { dimensions: state.manifest.dimensions });
    if (embedder.id !== state.manifest.embedderId) {
      throw new HelpdeskError(
        'index_incompatible',
        `Indekset er bygget med embedderen ${state.manifest.embedderId}; i bundled-tilstand skal det være ${embedder.id} — byg assets igen med \`npm run build:worker\`.`,
      );
    }
    index = await SearchIndex.create(state);
  }
  const { site: bundledSite, problem } = parseSite(bundled.site, 'site.yaml');
  if (problem) logger.error('site.yaml is invalid; the default texts are used', { event: 'site.invalid', ...problem });
  const site = withContact(bundledSite, config.CONTACT_TEXT, config.CONTACT_EMAIL);
  const health = vectorHealth;
  const snapshot = serveIndex(index, {
    analyzer,
    embedder,
    baseUrl,
    ...(health
      ? {
          retriever: (searched, a, e, o) =>
            new FallbackRetriever(searched, a, e, {
              ...o,
              lexical: new Retriever(searched, a, e, { ...o, stages: { ...ALL_STAGES, vector: false } }),
              health,
              logger,
            }),
        }
      : {}),
  });
  const chatModel = chatModelFor(config, env);
  const helpdesk = await createHelpdesk(
    {
      snapshot: () => snapshot,
      analyzer: () => analyzer,
      site: () => site,
      ...(chatModel ? { chatModel } : {}),
      composer: configuredComposer(config, { baseUrl, logger, ...(chatModel ? { model: chatModel } : {}) }),
    },
    { baseUrl },
  );
  logger.info('Index loaded in the Worker', {
    event: 'index.ready',
    mode,
    documents: state.documents.length,
    chunks: state.chunks.length,
    indexBytes: bundled.bytes,
  });
  return { helpdesk, mode, site, indexBytes: bundled.bytes, ...(vectorHealth ? { vectorHealth } : {}) };
}

/** The Workers AI chat model when `CHAT_PROVIDER=workers-ai`; other providers are left to `createComposerFromConfig`. */
function chatModelFor(config: Config, env: WorkerEnv): WorkersAiChatModel | undefined {
  if (config.CHAT_PROVIDER !== 'workers-ai') return undefined;
  if (!env.AI) {
    throw new HelpdeskError(
      'config_invalid',
      'CHAT_PROVIDER=workers-ai kræver AI-bindingen i wrangler.toml ([ai] binding = "AI").',
    );
  }
  return new WorkersAiChatModel({ ai: env.AI, ...(config.CHAT_MODEL ? { model: config.CHAT_MODEL } : {}) });
}
