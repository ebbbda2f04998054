import { FakeStreamingChatModel } from '@langchain/core/utils/testing';
import { describe, expect, it } from 'vitest';
import { condenseWithModel, createCondenser } from '../../../src/answer/chat/condense.js';
import { RecordingChatModel } from './fakes.js';

const history = [
  { role: 'user' as const, content: 'Hvad gjorde Aalborg Kommune med medicinhåndtering?' },
  { role: 'assistant' as const, content: 'Aalborg Kommune samarbejdede med tre virksomheder [1].' },
];

describe('createCondenser', () => {
  it('rewrites a follow-up with the history in the prompt', async () => {
    const model = new RecordingChatModel({
      responses: ['Selvstændigt spørgsmål: "Hvor længe varede Aalborg Kommunes projekt om medicinhåndtering?"'],
    });
    const out = await createCondenser(model).invoke({ question: 'Hvor længe varede det?', history });
    expect(out).toBe('Hvor længe varede Aalborg Kommunes projekt om medicinhåndtering?');
    const prompt = model.prompt();
    expect(prompt).toMatch(/Bruger: Hvad gjorde Aalborg Kommune med medicinhåndtering\?/);
    expect(prompt).toMatch(/Assistent: Aalborg Kommune samarbejdede med tre virksomheder\./);
    expect(prompt).not.toMatch(/\[1\]/);
    expect(prompt).toMatch(/Opfølgende spørgsmål: Hvor længe varede det\?/);
  });

  it('does not call the model without history', async () => {
    const model = new RecordingChatModel({ responses: ['noget andet'] });
    expect(await createCondenser(model).invoke({ question: 'Hvad er OPI?', history: [] })).toBe('Hvad er OPI?');
    expect(model.calls).toEqual([]);
  });

  it('returns the question unchanged when the model fails', async () => {
    const model = new FakeStreamingChatModel({ thrownErrorString: 'nede' });
    expect(await createCondenser(model).invoke({ question: 'Hvor længe varede det?', history })).toBe(
      'Hvor længe varede det?',
    );
  });

  it('returns the question unchanged when the model answers with nothing usable', async () => {
    const model = new RecordingChatModel({ responses: ['   '] });
    expect(await createCondenser(model).invoke({ question: 'Hvor længe varede det?', history })).toBe(
      'Hvor længe varede det?',
    );
  });
});

describe('condenseWithModel', () => {
  it('gives the model question as standalone and as retrieval context', async () => {
    const model = new RecordingChatModel({ responses: ['Hvor længe varede Aalborg Kommunes projekt?'] });
    const condense = condenseWithModel(createCondenser(model), async () => ({ standalone: 'lexical' }));
    expect(await condense('Hvor længe varede det?', history)).toEqual({
      standalone: 'Hvor længe varede Aalborg Kommunes projekt?',
      context: 'Hvor længe varede Aalborg Kommunes projekt?',
    });
  });

  it('uses the fallback when the model leaves the question as it is', async () => {
    const model = new FakeStreamingChatModel({ thrownErrorString: 'nede' });
    const condense = condenseWithModel(createCondenser(model), async (q) => ({ standalone: `${q} (lexical)` }));
    expect(await condense('Hvor længe varede det?', history)).toEqual({
      standalone: 'Hvor længe varede det? (lexical)',
    });
  });
});
