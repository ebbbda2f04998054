import type { HelpdeskService } from '../../answer/helpdesk-service.js';
import { parseSite, type Site, withContact } from '../../answer/site.js';
import { documentMeta, type Snapshot } from '../../answer/snapshot.js';
import type { Config } from '../../config.js';
import { baseUrlOf, createHelpdesk } from '../../core/create-helpdesk.js';
import { type RetrieverFactory, serveIndex } from '../../core/serve-index.js';
import { HelpdeskError } from '../../errors.js';
import type { Logger } from '../../logger.js';
import type { Embedder } from '../../index/embedder.js';
import { createLocalEmbedder } from '../../index/local-embedder.js';
import type { IndexState } from '../../index/artifact.js';
import { SearchIndex } from '../../index/search-index.js';
import type { VectorStore } from '../../index/vector-store.js';
import { ALL_STAGES, Retriever } from '../../retrieval/retriever.js';
import { createDanishAnalyzer, parseSynonyms } from '../../text/index.js';
import { configuredComposer } from '../openai/from-config.js';
import { loadAssetTexts, loadBundledIndex } from './asset-index.js';
import { D1LexicalIndex } from './d1-lexical-index.js';
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
  /** Where the lexical index and the chunk texts are read from (`LEXICAL_INDEX`). */
  lexical: 'asset' | 'd1';
  /** The product's identity: the bundled `site.yaml`, or the defaults. */
  site: Site;
  /** Bytes of the bundled `index.bin` (0 when the index is in D1). */
  indexBytes: number;
  /** In `vectorize` mode: whether answers use the vector leg or fall back to BM25 alone (`/healthz`). */
  vectorHealth?: VectorLegHealth;
  /** True once the index in D1 was replaced under this isolate: build the help desk again. */
  stale: () => boolean;
}

/** The vector leg of `vectorize` mode: Vectorize with Workers AI query embeddings, and its health. */
interface VectorizeLeg {
  embedder: Embedder;
  store: VectorStore;
  health: VectorLegHealth;
}

/**
 * Wires the help desk on Workers. The lexical index and the chunks come from the index artifact in
 * ASSETS (`LEXICAL_INDEX=asset`) or from D1 (`LEXICAL_INDEX=d1`, `D1LexicalIndex`). The vector leg:
 * in `bundled` mode the artifact's exact vectors and the offline local embedder (none with the index
 * in D1: answers come from BM25F), in `vectorize` mode the Vectorize index with Workers AI query
 * embeddings. Answers are extractive unless `CHAT_PROVIDER` names a model (`workers-ai` uses `env.AI`).
 */
export async function createWorkerHelpdesk(options: WorkerHelpdeskOptions): Promise<WorkerHelpdesk> {
  const { env, config, settings, mode, logger } = options;
  if (!env.ASSETS) {
    throw new HelpdeskError(
      'config_invalid',
      'ASSETS-bindingen mangler — tilføj [assets] med binding = "ASSETS" i wrangler.toml.',
    );
  }
  const lexical = settings.LEXICAL_INDEX;
  if (lexical === 'd1' && !env.DB) {
    throw new HelpdeskError(
      'config_invalid',
      'LEXICAL_INDEX=d1 kræver D1-bindingen DB i wrangler.toml ([[d1_databases]] binding = "DB").',
    );
  }
  const baseUrl = baseUrlOf(config);
  const indexAnalyzer = createDanishAnalyzer();
  const bundled = lexical === 'asset' ? await loadBundledIndex(env.ASSETS) : undefined;
  const texts = bundled ?? (await loadAssetTexts(env.ASSETS));
  const analyzer = texts.synonyms
    ? createDanishAnalyzer({ synonyms: parseSynonyms(texts.synonyms, 'synonyms.yaml') })
    : indexAnalyzer;
  const vectorize = mode === 'vectorize' ? await vectorizeLeg(env, settings, logger, bundled?.state) : undefined;
  const withFallback =
    (health: VectorLegHealth): RetrieverFactory =>
    (searched, a, e, o) =>
      new FallbackRetriever(searched, a, e, {
        ...o,
        lexical: new Retriever(searched, a, e, { ...o, stages: { ...ALL_STAGES, vector: false } }),
        health,
        logger,
      });

  let snapshot: Snapshot;
  let counts: { documents: number; chunks: number };
  let stale = () => false;
  if (bundled) {
    const { state } = bundled;
    if (state.manifest.analyzerId !== indexAnalyzer.id) {
      throw new HelpdeskError(
        'index_incompatible',
        `Indekset er bygget med analysatoren ${state.manifest.analyzerId}, men Workeren bruger ${indexAnalyzer.id} — byg assets igen med \`npm run build:worker\`.`,
      );
    }
    let index: SearchIndex;
    let embedder: Embedder;
    if (vectorize) {
      // The Vectorize index already holds the chunks' vectors (`npm run deploy:index`).
      index = new SearchIndex(state, vectorize.store);
      embedder = vectorize.embedder;
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
    snapshot = serveIndex(index, {
      analyzer,
      embedder,
      baseUrl,
      ...(vectorize ? { retriever: withFallback(vectorize.health) } : {}),
    });
    counts = { documents: state.documents.length, chunks: state.chunks.length };
  } else {
    const index = await D1LexicalIndex.load(env.DB!, {
      analyzerId: indexAnalyzer.id,
      ...(vectorize ? { vectors: vectorize.store } : {}),
    });
    // without Vectorize the vector leg is off: the artifact's exact vectors are not shipped with the index in D1
    const embedder = vectorize?.embedder ?? createLocalEmbedder(indexAnalyzer);
    const retriever = vectorize
      ? withFallback(vectorize.health)(index, analyzer, embedder, {})
      : new Retriever(index, analyzer, embedder, { stages: { ...ALL_STAGES, vector: false } });
    snapshot = {
      retriever,
      documents: new Map(index.documents.map((d) => [d.docId, { meta: documentMeta(d, d.chunks, baseUrl) }])),
      chunksOf: (docId) => index.chunksOf(docId),
      stats: index.stats(),
    };
    counts = { documents: index.meta.documents, chunks: index.meta.chunks };
    stale = () => index.stale;
  }
  const { site: bundledSite, problem } = parseSite(texts.site, 'site.yaml');
  if (problem) logger.error('site.yaml is invalid; the default texts are used', { event: 'site.invalid', ...problem });
  const site = withContact(bundledSite, config.CONTACT_TEXT, config.CONTACT_EMAIL);
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
  const indexBytes = bundled?.bytes ?? 0;
  logger.info('Index loaded in the Worker', { event: 'index.ready', mode, lexical, ...counts, indexBytes });
  return {
    helpdesk,
    mode,
    lexical,
    site,
    indexBytes,
    stale,
    ...(vectorize ? { vectorHealth: vectorize.health } : {}),
  };
}

/**
 * Vectorize and Workers AI for the vector leg; a failing query falls back to BM25 alone
 * (`FallbackRetriever`), and a dimension mismatch switches the leg off at start.
 */
async function vectorizeLeg(
  env: WorkerEnv,
  settings: WorkerSettings,
  logger: Logger,
  state: IndexState | undefined,
): Promise<VectorizeLeg> {
  const workersAi = createWorkersAiEmbedder({ ai: env.AI!, model: settings.WORKERS_AI_EMBEDDING_MODEL });
  const embedder = markEmbedderFailures(workersAi);
  const store = new VectorizeVectorStore({
    index: env.VECTORIZE!,
    dimensions: workersAi.dimensions,
    // hashed Vectorize ids are resolved from the bundled ids, or by `getByIds` with the index in D1
    ...(state ? { knownIds: state.chunks.ids() } : {}),
  });
  const health = new VectorLegHealth();
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
    health.disable('dimensions_mismatch', dimensionsProblem);
  }
  return { embedder, store: markVectorStoreFailures(store), health };
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
