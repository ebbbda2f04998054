import type { BaseChatModel } from '@langchain/core/language_models/chat_models';
import type { ChatComposerOptions, ComposerLogger } from '../../answer/chat/chat-composer.js';
import type { Composer } from '../../answer/composer.js';
import type { Config } from '../../config.js';
import { HelpdeskError } from '../../errors.js';
import type { Embedder } from '../../index/embedder.js';
import { createOpenAIChatModel } from './chat-model.js';
import { createOpenAIEmbedder } from './embedder.js';

/** OpenAI's own endpoint, used when only an API key is given. */
const OPENAI_BASE_URL = 'https://api.openai.com/v1';

/** Injected pieces for the config-based factories. */
export interface FromConfigOptions {
  fetch?: typeof fetch;
  /** First retry delay in ms (tests shorten it). */
  retryBaseDelayMs?: number;
}

/**
 * The chat model `CHAT_PROVIDER=openai` selects (any OpenAI-compatible endpoint: OpenAI, Azure, Ollama,
 * vLLM), or `undefined` for `none`. `workers-ai` is wired by the Workers runtime, not here.
 */
export async function createChatModelFromConfig(
  config: Config,
  options: FromConfigOptions = {},
): Promise<BaseChatModel | undefined> {
  if (config.CHAT_PROVIDER === 'none') return undefined;
  if (config.CHAT_PROVIDER === 'workers-ai') {
    throw new HelpdeskError(
      'config_invalid',
      'CHAT_PROVIDER=workers-ai virker kun i Cloudflare Workers-runtimen. Brug CHAT_PROVIDER=openai med CHAT_BASE_URL (fx Ollama) på Node, eller CHAT_PROVIDER=none.',
    );
  }
  if (!config.CHAT_MODEL) {
    throw new HelpdeskError(
      'config_invalid',
      'CHAT_PROVIDER=openai kræver CHAT_MODEL (fx llama3.1:8b for Ollama eller gpt-4o-mini for OpenAI).',
    );
  }
  if (!config.CHAT_BASE_URL && !config.CHAT_API_KEY) {
    throw new HelpdeskError(
      'config_invalid',
      'CHAT_PROVIDER=openai kræver CHAT_BASE_URL (fx http://localhost:11434/v1 for Ollama) eller CHAT_API_KEY (for OpenAI).',
    );
  }
  return createOpenAIChatModel({
    baseUrl: config.CHAT_BASE_URL ?? OPENAI_BASE_URL,
    model: config.CHAT_MODEL,
    ...(config.CHAT_API_KEY ? { apiKey: config.CHAT_API_KEY } : {}),
    timeoutMs: config.CHAT_TIMEOUT_MS,
    maxRetries: config.CHAT_MAX_RETRIES,
    ...(options.retryBaseDelayMs === undefined ? {} : { retryBaseDelayMs: options.retryBaseDelayMs }),
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
}

/** What the composer factory needs besides the configuration. */
export interface ComposerFromConfigOptions extends FromConfigOptions {
  /** The extractive composer: the answer without a model, and the fallback with one. */
  fallback: Composer;
  /** Public base URL for citation links ('' for relative). */
  baseUrl: string;
  logger?: ComposerLogger;
  /** Content terms for the citation check: pass the Danish analyzer's `terms`. */
  terms?: ChatComposerOptions['terms'];
  /** A chat model built elsewhere (e.g. Workers AI); overrides `CHAT_PROVIDER`'s adapter. */
  model?: BaseChatModel;
}

/**
 * The composer the configuration asks for: `fallback` itself when no chat model is configured
 * (`CHAT_PROVIDER=none`, the default), else the checked chat-model composer falling back to it.
 */
export async function createComposerFromConfig(config: Config, options: ComposerFromConfigOptions): Promise<Composer> {
  const model = options.model ?? (await createChatModelFromConfig(config, options));
  if (!model) return options.fallback;
  // the chat composer (and @langchain/core with it) is loaded only when a model is configured
  const { createChatComposer } = await import('../../answer/chat/chat-composer.js');
  return createChatComposer({
    model,
    fallback: options.fallback,
    baseUrl: options.baseUrl,
    contextTokens: config.CHAT_CONTEXT_TOKENS,
    timeoutMs: config.CHAT_TIMEOUT_MS,
    ...(options.logger ? { logger: options.logger } : {}),
    ...(options.terms ? { terms: options.terms } : {}),
  });
}

/**
 * The `composer` port of `createHelpdesk` as the configuration asks for it (see `createComposerFromConfig`),
 * the same on Node and Workers: given the extractive composer and the analyzer's content terms.
 */
export function configuredComposer(
  config: Config,
  options: Omit<ComposerFromConfigOptions, 'fallback' | 'terms'>,
): (extractive: Composer, terms: (text: string) => string[]) => Promise<Composer> {
  return (extractive, terms) => createComposerFromConfig(config, { ...options, fallback: extractive, terms });
}

/**
 * The embedder `EMBEDDER=openai` selects (resolves after a dimension probe unless
 * `EMBEDDINGS_DIMENSIONS` is set), or `undefined` for any other `EMBEDDER`.
 */
export async function createEmbedderFromConfig(
  config: Config,
  options: FromConfigOptions = {},
): Promise<Embedder | undefined> {
  if (config.EMBEDDER !== 'openai') return undefined;
  if (!config.EMBEDDINGS_MODEL) {
    throw new HelpdeskError('config_invalid', 'EMBEDDER=openai kræver EMBEDDINGS_MODEL (fx bge-m3 for Ollama).');
  }
  if (!config.EMBEDDINGS_BASE_URL && !config.EMBEDDINGS_API_KEY) {
    throw new HelpdeskError(
      'config_invalid',
      'EMBEDDER=openai kræver EMBEDDINGS_BASE_URL (fx http://localhost:11434/v1 for Ollama) eller EMBEDDINGS_API_KEY (for OpenAI).',
    );
  }
  return createOpenAIEmbedder({
    baseUrl: config.EMBEDDINGS_BASE_URL ?? OPENAI_BASE_URL,
    model: config.EMBEDDINGS_MODEL,
    ...(config.EMBEDDINGS_API_KEY ? { apiKey: config.EMBEDDINGS_API_KEY } : {}),
    ...(config.EMBEDDINGS_DIMENSIONS ? { dimensions: config.EMBEDDINGS_DIMENSIONS } : {}),
    ...(options.retryBaseDelayMs === undefined ? {} : { retryBaseDelayMs: options.retryBaseDelayMs }),
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
}
