import { HumanMessage, SystemMessage, AIMessage } from '@langchain/core/messages';
import { describe, expect, it } from 'vitest';
import { toAiMessages, WorkersAiChatModel } from '../../../src/adapters/cloudflare/workers-ai-chat-model.js';
import { FakeAi } from '../../support/fake-bindings.js';

const sse = (...parts: string[]) => [
  ...parts.map((p) => `data: ${JSON.stringify({ response: p })}\n\n`),
  'data: [DONE]\n\n',
];

describe('WorkersAiChatModel', () => {
  it('sends system, user and assistant messages with the model, token limit and temperature', async () => {
    const ai = new FakeAi().script({ response: 'OPI står for offentlig-privat innovation [1].' });
    const model = new WorkersAiChatModel({ ai, model: '@cf/meta/llama-3.1-8b-instruct', maxTokens: 300 });
    const out = await model.invoke([
      new SystemMessage('Svar på dansk.'),
      new AIMessage('Hej!'),
      new HumanMessage('Hvad er OPI?'),
    ]);
    expect(out.content).toBe('OPI står for offentlig-privat innovation [1].');
    expect(ai.calls[0]).toEqual({
      model: '@cf/meta/llama-3.1-8b-instruct',
      inputs: {
        messages: [
          { role: 'system', content: 'Svar på dansk.' },
          { role: 'assistant', content: 'Hej!' },
          { role: 'user', content: 'Hvad er OPI?' },
        ],
        max_tokens: 300,
        temperature: 0,
      },
    });
  });

  it('reads OpenAI-shaped responses too', async () => {
    const ai = new FakeAi().script({ choices: [{ message: { content: 'Ja [1].' } }] });
    expect((await new WorkersAiChatModel({ ai }).invoke('Hej')).content).toBe('Ja [1].');
  });

  it('streams the SSE tokens in order, across chunk boundaries, and stops at [DONE]', async () => {
    const ai = new FakeAi().script({
      sse: [...sse('Offentlig', '-privat ', 'innovation [1].'), 'data: {"response":"efter"}\n\n'],
    });
    const model = new WorkersAiChatModel({ ai });
    const tokens: string[] = [];
    for await (const chunk of await model.stream('Hvad er OPI?')) tokens.push(String(chunk.content));
    expect(tokens).toEqual(['Offentlig', '-privat ', 'innovation [1].']);
    expect(ai.calls[0]!.inputs.stream).toBe(true);
  });

  it('rejects model failures and text-less answers as upstream_failed', async () => {
    const failing = new FakeAi();
    failing.fail = new Error('5007: No such model');
    await expect(new WorkersAiChatModel({ ai: failing }).invoke('Hej')).rejects.toThrow(/No such model/);
    const odd = { run: async () => 42 };
    await expect(new WorkersAiChatModel({ ai: odd }).invoke('Hej')).rejects.toThrow(/svarede uden tekst/);
  });

  it('maps message types to Workers AI roles', () => {
    expect(toAiMessages([new HumanMessage('a'), new SystemMessage('b')]).map((m) => m.role)).toEqual([
      'user',
      'system',
    ]);
  });
});
