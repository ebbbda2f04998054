import { HumanMessage } from '@langchain/core/messages';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createOpenAIChatModel } from '../../../src/adapters/openai/chat-model.js';
import { type OpenAIStub, startOpenAIStub } from '../../support/openai-stub-server.js';

describe('createOpenAIChatModel against an OpenAI-compatible server', () => {
  let stub: OpenAIStub;
  beforeEach(async () => {
    stub = await startOpenAIStub({ reply: () => 'Hej fra modellen [1].' });
  });
  afterEach(async () => {
    await stub.close();
  });

  const model = (over: Partial<Parameters<typeof createOpenAIChatModel>[0]> = {}) =>
    createOpenAIChatModel({
      baseUrl: stub.baseUrl,
      model: 'llama-test',
      timeoutMs: 2000,
      maxRetries: 2,
      retryBaseDelayMs: 5,
      ...over,
    });

  it('sends the model name, a placeholder key and calls /v1/chat/completions', async () => {
    const message = await (await model()).invoke([new HumanMessage('Hvad er OPI?')]);
    expect(message.content).toBe('Hej fra modellen [1].');
    expect(stub.requests).toHaveLength(1);
    expect(stub.requests[0]!.path).toBe('/v1/chat/completions');
    expect(stub.requests[0]!.body.model).toBe('llama-test');
    expect(stub.requests[0]!.headers.authorization).toBe('Bearer none');
  });

  it('sends a configured API key', async () => {
    await (await model({ apiKey: 'sk-test' })).invoke('hej');
    expect(stub.requests[0]!.headers.authorization).toBe('Bearer sk-test');
  });

  it('streams chunks as they arrive, asking for usage', async () => {
    const pieces: string[] = [];
    for await (const chunk of await (await model()).stream('hej')) pieces.push(String(chunk.content));
    expect(pieces.filter(Boolean).length).toBeGreaterThan(1);
    expect(pieces.join('')).toBe('Hej fra modellen [1].');
    expect(stub.requests[0]!.body.stream).toBe(true);
    expect(stub.requests[0]!.body.stream_options).toEqual({ include_usage: true });
  });

  it('retries a headerless 429 and a 503, then succeeds', async () => {
    stub.script('chat', { kind: 'status', status: 429 }, { kind: 'status', status: 503 });
    const message = await (await model()).invoke('hej');
    expect(message.content).toBe('Hej fra modellen [1].');
    expect(stub.requests).toHaveLength(3);
  });

  it('retries a 429 with Retry-After while streaming', async () => {
    stub.script('chat', { kind: 'status', status: 429, retryAfter: '0' });
    let text = '';
    for await (const chunk of await (await model()).stream('hej')) text += String(chunk.content);
    expect(text).toBe('Hej fra modellen [1].');
    expect(stub.requests).toHaveLength(2);
  });

  it('gives up after maxRetries', async () => {
    stub.script('chat', ...Array.from({ length: 3 }, () => ({ kind: 'status' as const, status: 500 })));
    await expect((await model()).invoke('hej')).rejects.toThrow(/500/);
    expect(stub.requests).toHaveLength(3);
  });

  it('does not retry a 401', async () => {
    stub.script('chat', { kind: 'status', status: 401 });
    await expect((await model()).invoke('hej')).rejects.toThrow(/401/);
    expect(stub.requests).toHaveLength(1);
  });

  it('times out on a server that hangs', async () => {
    stub.script('chat', { kind: 'hang' });
    await expect((await model({ timeoutMs: 200, maxRetries: 0 })).invoke('hej')).rejects.toThrow(/time/i);
  });

  it('rejects a malformed response', async () => {
    stub.script('chat', { kind: 'malformed' });
    await expect((await model({ maxRetries: 0 })).invoke('hej')).rejects.toThrow();
  });
});
