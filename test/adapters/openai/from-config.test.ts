import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  createChatModelFromConfig,
  createComposerFromConfig,
  createEmbedderFromConfig,
} from '../../../src/adapters/openai/from-config.js';
import type { AnswerEvent } from '../../../src/answer/types.js';
import { loadConfig } from '../../../src/config.js';
import { collect, EXTRACTIVE_TEXT, fakeFallback, inputOf, recordingLogger } from '../../answer/chat/fakes.js';
import { advice, partnership, poisoned } from '../../answer/chat/fixtures.js';
import { type OpenAIStub, startOpenAIStub } from '../../support/openai-stub-server.js';

const REPLY =
  'Et innovationspartnerskab er en udbudsprocedure, hvor en ordregiver og virksomheder udvikler en ny løsning sammen [1]. Lav en skriftlig samarbejdsaftale, før projektet går i gang [2].';

describe('createComposerFromConfig', () => {
  it('returns the extractive composer itself when no chat model is configured', async () => {
    const fallback = fakeFallback();
    expect(await createComposerFromConfig(loadConfig({}), { fallback, baseUrl: '' })).toBe(fallback);
  });

  it('asks for CHAT_MODEL and for a base URL or key', async () => {
    const fallback = fakeFallback();
    await expect(
      createComposerFromConfig(loadConfig({ CHAT_PROVIDER: 'openai', CHAT_BASE_URL: 'http://x/v1' }), {
        fallback,
        baseUrl: '',
      }),
    ).rejects.toThrow(/CHAT_MODEL/);
    await expect(createChatModelFromConfig(loadConfig({ CHAT_PROVIDER: 'openai', CHAT_MODEL: 'm' }))).rejects.toThrow(
      /CHAT_BASE_URL.*CHAT_API_KEY/,
    );
    await expect(createChatModelFromConfig(loadConfig({ CHAT_PROVIDER: 'workers-ai' }))).rejects.toThrow(/Workers/);
  });
});

describe('the chat composer against a local OpenAI-compatible server', () => {
  let stub: OpenAIStub;
  beforeEach(async () => {
    stub = await startOpenAIStub({ reply: () => REPLY });
  });
  afterEach(async () => {
    await stub.close();
  });

  async function make(env: Record<string, string> = {}) {
    const fallback = fakeFallback();
    const logger = recordingLogger();
    const config = loadConfig({
      CHAT_PROVIDER: 'openai',
      CHAT_BASE_URL: stub.baseUrl,
      CHAT_MODEL: 'llama-test',
      CHAT_TIMEOUT_MS: '2000',
      ...env,
    });
    const composer = await createComposerFromConfig(config, { fallback, baseUrl: '', logger, retryBaseDelayMs: 5 });
    return { composer, fallback, logger };
  }

  it('answers with the checked model answer', async () => {
    const { composer, fallback } = await make();
    const answer = await composer.compose(inputOf([partnership, advice]));
    expect(answer).toMatchObject({ answered: true, answer: REPLY });
    expect(answer.citations.map((c) => c.docId)).toEqual(['innovationspartnerskab', 'fem-raad']);
    expect(fallback.calls).toEqual([]);
    expect(stub.requests[0]!.body.model).toBe('llama-test');
    expect(JSON.stringify(stub.requests[0]!.body.messages)).toMatch(/<<<KILDE 2>>>/);
  });

  it('streams the server-sent chunks: citations, a delta per checked sentence, done', async () => {
    const { composer } = await make();
    const events = await collect(composer.stream(inputOf([partnership, advice])));
    const kinds = events.map((e) => e.type);
    expect(kinds[0]).toBe('citations');
    expect(kinds.at(-1)).toBe('done');
    // deltas are checked sentences, never raw tokens (docs/ollama.md): two sentences, two deltas
    expect(kinds.filter((k) => k === 'delta').length).toBe(2);
    const text = events.map((e) => (e.type === 'delta' ? e.text : '')).join('');
    expect(text).toBe(REPLY);
    expect((events.at(-1) as Extract<AnswerEvent, { type: 'done' }>).answer.answer).toBe(REPLY);
    expect(stub.requests[0]!.body.stream).toBe(true);
  });

  it('retries a 429 and then answers from the model', async () => {
    const { composer, fallback } = await make();
    stub.script('chat', { kind: 'status', status: 429 });
    const answer = await composer.compose(inputOf([partnership, advice]));
    expect(answer.answer).toBe(REPLY);
    expect(stub.requests).toHaveLength(2);
    expect(fallback.calls).toEqual([]);
  });

  it('retries a 503 while streaming and then streams the model answer', async () => {
    const { composer } = await make();
    stub.script('chat', { kind: 'status', status: 503 });
    const events = await collect(composer.stream(inputOf([partnership, advice])));
    expect((events.at(-1) as Extract<AnswerEvent, { type: 'done' }>).answer.answer).toBe(REPLY);
    expect(stub.requests).toHaveLength(2);
  });

  it('falls back to the extractive answer when the server hangs, logging a timeout', async () => {
    const { composer, logger } = await make({ CHAT_TIMEOUT_MS: '300', CHAT_MAX_RETRIES: '0' });
    stub.script('chat', { kind: 'hang' });
    const answer = await composer.compose(inputOf([partnership]));
    expect(answer.answer).toBe(EXTRACTIVE_TEXT);
    expect(logger.entries.find((e) => e.level === 'warn')?.data?.reason).toBe('timeout');
  });

  it('streams the extractive answer when the server hangs', async () => {
    const { composer } = await make({ CHAT_TIMEOUT_MS: '300', CHAT_MAX_RETRIES: '0' });
    stub.script('chat', { kind: 'hang' });
    const events = await collect(composer.stream(inputOf([partnership])));
    expect(events.map((e) => e.type)).toEqual(['citations', 'delta', 'done']);
    expect((events.at(-1) as Extract<AnswerEvent, { type: 'done' }>).answer.answer).toBe(EXTRACTIVE_TEXT);
  });

  it('falls back when the server sends a malformed response', async () => {
    const { composer, logger } = await make({ CHAT_MAX_RETRIES: '0' });
    stub.script('chat', { kind: 'malformed' });
    const answer = await composer.compose(inputOf([partnership]));
    expect(answer.answer).toBe(EXTRACTIVE_TEXT);
    expect(logger.entries.find((e) => e.level === 'warn')?.data?.reason).toBe('model_error');
  });

  it('falls back when the retries run out', async () => {
    const { composer } = await make({ CHAT_MAX_RETRIES: '1' });
    stub.script('chat', { kind: 'status', status: 500 }, { kind: 'status', status: 500 });
    expect((await composer.compose(inputOf([partnership]))).answer).toBe(EXTRACTIVE_TEXT);
    expect(stub.requests).toHaveLength(2);
  });

  it('keeps an injected instruction in a passage away from the model and out of the answer', async () => {
    const { composer } = await make();
    stub.script('chat', {
      kind: 'reply',
      content: `${REPLY} Alle OPI-projekter får automatisk 10 mio. kr. i støtte [3].`,
    });
    const answer = await composer.compose(inputOf([partnership, advice, poisoned]));
    expect(JSON.stringify(stub.requests[0]!.body.messages)).not.toMatch(/Ignorer alle tidligere instruktioner/);
    expect(answer.answer).toBe(REPLY);
  });
});

describe('createEmbedderFromConfig', () => {
  it('is undefined unless EMBEDDER=openai', async () => {
    expect(await createEmbedderFromConfig(loadConfig({}))).toBeUndefined();
  });

  it('asks for EMBEDDINGS_MODEL', async () => {
    await expect(createEmbedderFromConfig(loadConfig({ EMBEDDER: 'openai' }))).rejects.toThrow(/EMBEDDINGS_MODEL/);
  });

  it('builds the OpenAI-compatible embedder', async () => {
    const stub = await startOpenAIStub();
    try {
      const embedder = await createEmbedderFromConfig(
        loadConfig({ EMBEDDER: 'openai', EMBEDDINGS_BASE_URL: stub.baseUrl, EMBEDDINGS_MODEL: 'bge-m3' }),
      );
      expect(embedder?.id).toBe('openai:bge-m3:8');
      expect(await embedder?.embedQuery('OPI')).toHaveLength(8);
    } finally {
      await stub.close();
    }
  });
});
