import type { BaseChatModel } from '@langchain/core/language_models/chat_models';
import { withRetries } from './retrying-fetch.js';

/** Settings of an OpenAI-compatible chat endpoint (OpenAI, Azure OpenAI's v1 API, Ollama, vLLM). */
export interface OpenAIChatModelOptions {
  /** Base URL including `/v1`, e.g. `http://localhost:11434/v1`. */
  baseUrl: string;
  /** Model name as the endpoint knows it, e.g. `llama3.1:8b`. */
  model: string;
  /** Bearer key; omitted for servers without auth (a placeholder is sent). */
  apiKey?: string;
  /** Time budget of one request in ms, retries included. */
  timeoutMs: number;
  /** Retries on 429/408/5xx and network errors, with exponential back-off. */
  maxRetries: number;
  /** First back-off delay in ms (default 500). */
  retryBaseDelayMs?: number;
  /** Most tokens of one answer (default 600). */
  maxTokens?: number;
  /** Sampling temperature (default 0: grounded answers should not be creative). */
  temperature?: number;
  /** Ask for token usage in streamed responses (default true; turn off for servers that reject `stream_options`). */
  streamUsage?: boolean;
  /** The fetch to use (default: the global one). */
  fetch?: typeof fetch;
}

/** Placeholder key for servers without authentication (the OpenAI client insists on one). */
export const NO_API_KEY = 'none';

/**
 * A LangChain chat model for any OpenAI-compatible `/chat/completions` endpoint.
 * Always uses the Chat Completions API (never the Responses API, which Ollama and vLLM lack).
 * `@langchain/openai` is loaded here, on first use, not at start-up: it takes over a second to
 * import and the default (extractive) help desk never needs it.
 */
export async function createOpenAIChatModel(options: OpenAIChatModelOptions): Promise<BaseChatModel> {
  const { ChatOpenAICompletions } = await import('@langchain/openai');
  const baseFetch = options.fetch ?? globalThis.fetch.bind(globalThis);
  return new ChatOpenAICompletions({
    model: options.model,
    apiKey: options.apiKey ?? NO_API_KEY,
    temperature: options.temperature ?? 0,
    maxTokens: options.maxTokens ?? 600,
    timeout: options.timeoutMs,
    // Retries happen in the fetch wrapper (LangChain's own caller does not retry a 429 without Retry-After).
    maxRetries: 0,
    streamUsage: options.streamUsage ?? true,
    configuration: {
      baseURL: options.baseUrl,
      fetch: withRetries(baseFetch, {
        maxRetries: options.maxRetries,
        ...(options.retryBaseDelayMs === undefined ? {} : { baseDelayMs: options.retryBaseDelayMs }),
      }),
    },
  });
}
