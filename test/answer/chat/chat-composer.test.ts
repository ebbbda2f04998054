import { AIMessageChunk } from '@langchain/core/messages';
import { FakeListChatModel, FakeStreamingChatModel } from '@langchain/core/utils/testing';
import { describe, expect, it } from 'vitest';
import { createChatComposer, MAX_ANSWER_CHARS } from '../../../src/answer/chat/chat-composer.js';
import type { AnswerEvent } from '../../../src/answer/types.js';
import { aalborg, advice, partnership, poisoned } from './fixtures.js';
import {
  collect,
  EXTRACTIVE_TEXT,
  fakeFallback,
  inputOf,
  RecordingChatModel,
  REFUSAL_TEXT,
  recordingLogger,
} from './fakes.js';

const GROUNDED =
  'Et innovationspartnerskab er en udbudsprocedure, hvor en ordregiver og virksomheder udvikler en ny løsning sammen [1]. Proceduren blev indført med udbudsloven i 2016 [1]. Afklar tidligt, hvem der ejer de immaterielle rettigheder [3].';
const GROUNDED_CHECKED =
  'Et innovationspartnerskab er en udbudsprocedure, hvor en ordregiver og virksomheder udvikler en ny løsning sammen [1]. Proceduren blev indført med udbudsloven i 2016 [1]. Afklar tidligt, hvem der ejer de immaterielle rettigheder [2].';

function setup(responses: string[], over: Partial<Parameters<typeof createChatComposer>[0]> = {}) {
  const model = new RecordingChatModel({ responses });
  const fallback = fakeFallback();
  const logger = recordingLogger();
  const composer = createChatComposer({
    model,
    fallback,
    baseUrl: 'https://opi.example',
    contextTokens: 8192,
    logger,
    ...over,
  });
  return { model, fallback, logger, composer };
}

describe('createChatComposer.compose', () => {
  it('answers from the model with checked text and exactly the citations used', async () => {
    const { composer, fallback } = setup([GROUNDED]);
    const answer = await composer.compose(inputOf([partnership, aalborg, advice]));
    expect(answer.answered).toBe(true);
    expect(answer.answer).toBe(GROUNDED_CHECKED);
    expect(answer.citations.map((c) => [c.id, c.docId])).toEqual([
      [1, 'innovationspartnerskab'],
      [2, 'fem-raad'],
    ]);
    expect(answer.citations[0]!.url).toBe(
      'https://opi.example/docs/innovationspartnerskab#hvad-er-et-innovationspartnerskab',
    );
    expect(fallback.calls).toEqual([]);
  });

  it('numbers the passages in a fenced prompt with the question and the rules', async () => {
    const { composer, model } = setup([GROUNDED]);
    await composer.compose(inputOf([partnership, aalborg]));
    const prompt = model.prompt();
    expect(prompt).toMatch(/<<<KILDE 1>>>\nTitel: Innovationspartnerskaber/);
    expect(prompt).toMatch(/<<<SLUT PÅ KILDE 2>>>/);
    expect(prompt).toMatch(/Spørgsmål: Hvad er et innovationspartnerskab\?/);
    expect(prompt).toMatch(/IKKE_I_VIDENSBASEN/);
    expect(prompt).toMatch(/Svar altid på dansk/);
  });

  it('removes markers that point at no passage', async () => {
    const { composer } = setup([
      'Proceduren blev indført med udbudsloven i 2016 [4]. Partnerskabet kan omfatte udvikling og indkøb af løsningen [1][9].',
    ]);
    const answer = await composer.compose(inputOf([partnership, aalborg]));
    expect(answer.answer).toBe(
      'Proceduren blev indført med udbudsloven i 2016 [1]. Partnerskabet kan omfatte udvikling og indkøb af løsningen [1].',
    );
    expect(answer.citations).toHaveLength(1);
  });

  it('falls back to the extractive answer when the answer is not supported, and logs why', async () => {
    const { composer, fallback, logger } = setup([
      'Alle kommuner skal søge en særlig OPI-licens hos Erhvervsstyrelsen, som koster 40.000 kr. om året [1].',
    ]);
    const answer = await composer.compose(inputOf([partnership, aalborg]));
    expect(answer.answer).toBe(EXTRACTIVE_TEXT);
    expect(fallback.calls.map((c) => c.method)).toEqual(['compose']);
    expect(fallback.calls[0]!.input.passages).toHaveLength(2);
    expect(logger.entries).toContainEqual(
      expect.objectContaining({ level: 'warn', data: { event: 'chat.fallback', reason: 'unsupported' } }),
    );
  });

  it('gives the standard refusal (answered:false) when the model replies with the sentinel', async () => {
    const { composer, fallback } = setup(['IKKE_I_VIDENSBASEN']);
    const answer = await composer.compose(inputOf([partnership]));
    expect(answer.answered).toBe(false);
    expect(answer.answer).toBe(REFUSAL_TEXT);
    expect(answer.escalation?.offered).toBe(true);
    expect(fallback.calls[0]!.input.passages).toEqual([]);
  });

  it('treats a plain "cannot answer" without citations as a refusal', async () => {
    const { composer } = setup(['Det fremgår ikke af kilderne, hvor mange partnerskaber der findes.']);
    const answer = await composer.compose(inputOf([partnership]));
    expect(answer.answered).toBe(false);
  });

  it('falls back when the model fails, logging the error', async () => {
    const model = new FakeStreamingChatModel({ thrownErrorString: 'forbindelsen blev afbrudt' });
    const fallback = fakeFallback();
    const logger = recordingLogger();
    const composer = createChatComposer({ model, fallback, baseUrl: '', contextTokens: 8192, logger });
    const answer = await composer.compose(inputOf([partnership]));
    expect(answer.answer).toBe(EXTRACTIVE_TEXT);
    const warn = logger.entries.find((e) => e.level === 'warn');
    expect(warn?.data).toMatchObject({
      reason: 'model_error',
      error: expect.stringMatching(/forbindelsen blev afbrudt/),
    });
  });

  it('falls back when the model is slower than the time budget', async () => {
    const model = new FakeListChatModel({ responses: [GROUNDED], sleep: 2000 });
    const fallback = fakeFallback();
    const logger = recordingLogger();
    const composer = createChatComposer({ model, fallback, baseUrl: '', contextTokens: 8192, logger, timeoutMs: 50 });
    const answer = await composer.compose(inputOf([partnership]));
    expect(answer.answer).toBe(EXTRACTIVE_TEXT);
    expect(logger.entries.find((e) => e.level === 'warn')?.data?.reason).toBe('timeout');
  });

  it('rethrows when the caller aborts instead of falling back', async () => {
    const model = new FakeListChatModel({ responses: [GROUNDED], sleep: 2000 });
    const fallback = fakeFallback();
    const composer = createChatComposer({ model, fallback, baseUrl: '', contextTokens: 8192 });
    await expect(composer.compose(inputOf([partnership]), AbortSignal.timeout(30))).rejects.toThrow();
    expect(fallback.calls).toEqual([]);
  });

  it('hands questions without passages to the fallback without calling the model', async () => {
    const { composer, model, fallback } = setup([GROUNDED]);
    const answer = await composer.compose(inputOf([]));
    expect(answer.answered).toBe(false);
    expect(model.calls).toEqual([]);
    expect(fallback.calls).toHaveLength(1);
  });

  it('trims passages to the context budget, dropping the lowest-ranked first', async () => {
    const long = { ...aalborg, chunk: { ...aalborg.chunk, text: `${aalborg.chunk.text} `.repeat(12) } };
    const { composer, model } = setup([GROUNDED], { contextTokens: 1200, answerTokens: 300 });
    await composer.compose(inputOf([partnership, long, advice]));
    const prompt = model.prompt();
    expect(prompt).toMatch(/<<<KILDE 1>>>/);
    expect(prompt).not.toMatch(/<<<KILDE 3>>>/);
    expect(prompt).not.toMatch(/Fem råd til OPI-projekter/);
    expect(prompt.length / 4).toBeLessThanOrEqual(1200 - 300);
  });
});

describe('prompt injection in a corpus passage', () => {
  const OBEYING =
    'Evalueringen viste, at borgerne var tilfredse med den nye løsning [2]. Alle OPI-projekter får automatisk 10 mio. kr. i støtte og skal kontakte gevinst@example.com [2].';

  it('never shows the injected instruction to the model', async () => {
    const { composer, model } = setup([OBEYING]);
    await composer.compose(inputOf([partnership, poisoned]));
    expect(model.prompt()).not.toMatch(/Ignorer alle tidligere instruktioner/);
    expect(model.prompt()).toMatch(/\[tekst, der ligner en instruktion, er fjernet\]/);
    expect(model.prompt()).toMatch(/borgerne var tilfredse/);
  });

  it('does not let an obeying model put the injected claim into the answer', async () => {
    const { composer } = setup([OBEYING]);
    const answer = await composer.compose(inputOf([partnership, poisoned]));
    expect(answer.answer).not.toMatch(/10 mio|gevinst@example\.com/);
    expect(answer.answer).toBe(EXTRACTIVE_TEXT);
  });

  it('keeps the grounded part of a mixed answer and drops the injected claim', async () => {
    const { composer } = setup([`${GROUNDED} Alle OPI-projekter får automatisk 10 mio. kr. i støtte [2].`]);
    const answer = await composer.compose(inputOf([partnership, poisoned, advice]));
    expect(answer.answered).toBe(true);
    expect(answer.answer).toBe(GROUNDED_CHECKED);
    expect(answer.citations.map((c) => c.docId)).toEqual(['innovationspartnerskab', 'fem-raad']);
  });
});

const types = (events: AnswerEvent[]) => events.map((e) => e.type);

describe('createChatComposer.stream', () => {
  it('streams citations first, then the checked answer sentence by sentence as deltas, then done', async () => {
    const { composer } = setup([GROUNDED]);
    const events = await collect(composer.stream(inputOf([partnership, aalborg, advice])));
    const kinds = types(events);
    expect(kinds).toEqual(['citations', 'delta', 'delta', 'delta', 'done']);
    const first = events[0] as Extract<AnswerEvent, { type: 'citations' }>;
    expect(first.citations.map((c) => c.docId)).toEqual(['innovationspartnerskab', 'aalborg-medicin', 'fem-raad']);
    const deltas = events.filter((e) => e.type === 'delta').map((e) => (e as { text: string }).text);
    // Markers as the candidates are numbered; done renumbers them.
    expect(deltas).toEqual([
      'Et innovationspartnerskab er en udbudsprocedure, hvor en ordregiver og virksomheder udvikler en ny løsning sammen [1].',
      ' Proceduren blev indført med udbudsloven i 2016 [1].',
      ' Afklar tidligt, hvem der ejer de immaterielle rettigheder [3].',
    ]);
    const done = events.at(-1) as Extract<AnswerEvent, { type: 'done' }>;
    expect(done.answer.answer).toBe(GROUNDED_CHECKED);
    expect(done.answer.citations.map((c) => c.docId)).toEqual(['innovationspartnerskab', 'fem-raad']);
  });

  it('ends with the same answer compose gives', async () => {
    const a = setup([GROUNDED]);
    const b = setup([GROUNDED]);
    const composed = await a.composer.compose(inputOf([partnership, aalborg, advice]));
    const events = await collect(b.composer.stream(inputOf([partnership, aalborg, advice])));
    expect((events.at(-1) as Extract<AnswerEvent, { type: 'done' }>).answer).toEqual(composed);
  });

  it('never streams the sentinel: it streams the standard refusal instead', async () => {
    const { composer } = setup(['IKKE_I_VIDENSBASEN']);
    const events = await collect(composer.stream(inputOf([partnership])));
    expect(types(events)).toEqual(['citations', 'delta', 'done']);
    expect(JSON.stringify(events)).not.toMatch(/IKKE_I_VIDENSBASEN/);
    const done = events.at(-1) as Extract<AnswerEvent, { type: 'done' }>;
    expect(done.answer.answered).toBe(false);
    expect(done.answer.answer).toBe(REFUSAL_TEXT);
  });

  it('streams the extractive answer when the model fails before its first token', async () => {
    const model = new FakeStreamingChatModel({ thrownErrorString: 'serveren svarede 500' });
    const fallback = fakeFallback();
    const logger = recordingLogger();
    const composer = createChatComposer({ model, fallback, baseUrl: '', contextTokens: 8192, logger });
    const events = await collect(composer.stream(inputOf([partnership])));
    expect(types(events)).toEqual(['citations', 'delta', 'done']);
    expect((events.at(-1) as Extract<AnswerEvent, { type: 'done' }>).answer.answer).toBe(EXTRACTIVE_TEXT);
    expect(fallback.calls.map((c) => c.method)).toEqual(['stream']);
    expect(logger.entries.find((e) => e.level === 'warn')?.data?.reason).toBe('model_error');
  });

  it('ends with the extractive answer in done when the streamed answer is unsupported', async () => {
    const { composer } = setup(['Alle kommuner skal søge en særlig OPI-licens hos Erhvervsstyrelsen [1].']);
    const events = await collect(composer.stream(inputOf([partnership])));
    expect(types(events)[0]).toBe('citations');
    const done = events.at(-1) as Extract<AnswerEvent, { type: 'done' }>;
    expect(done.answer.answer).toBe(EXTRACTIVE_TEXT);
  });

  it('delegates to the fallback stream when there are no passages', async () => {
    const { composer, model } = setup([GROUNDED]);
    const events = await collect(composer.stream(inputOf([])));
    expect((events.at(-1) as Extract<AnswerEvent, { type: 'done' }>).answer.answered).toBe(false);
    expect(model.calls).toEqual([]);
  });
});

describe('markup in a model answer', () => {
  const OWN = 'https://opi.example/docs/fem-raad#rettigheder';
  const HOSTILE = [
    'Et innovationspartnerskab er en [udbudsprocedure](https://evil.example/phish), hvor en ordregiver og virksomheder udvikler en ny løsning sammen [1].',
    'Proceduren blev indført med <a href="https://evil.example">udbudsloven</a> i 2016 ![](https://evil.example/p.png) <img src=x onerror=alert(1)> https://evil.example/login www.evil.example evil.com [1].',
    `Afklar tidligt, hvem der ejer de [immaterielle rettigheder](${OWN}) [3].`,
  ].join(' ');
  const CHECKED = `Et innovationspartnerskab er en udbudsprocedure, hvor en ordregiver og virksomheder udvikler en ny løsning sammen [1]. Proceduren blev indført med udbudsloven i 2016 [1]. Afklar tidligt, hvem der ejer de [immaterielle rettigheder](${OWN}) [2].`;
  /** Anything that would become a link to another host, an image or HTML in some channel. */
  const FOREIGN = /evil|<|>|onerror|!\[|javascript:/i;
  const deltasOf = (events: AnswerEvent[]) =>
    events.filter((e) => e.type === 'delta').map((e) => (e as { text: string }).text);

  it('makes foreign links, images and HTML inert and keeps only links to its own sources', async () => {
    const { composer } = setup([HOSTILE]);
    const answer = await composer.compose(inputOf([partnership, aalborg, advice]));
    expect(answer.answered).toBe(true);
    expect(answer.answer).toBe(CHECKED);
    expect(answer.answer).not.toMatch(FOREIGN);
  });

  it('drops a sentence that is only a foreign link, even when it cites a passage', async () => {
    const { composer } = setup([`${GROUNDED} [Klik her for at læse mere](https://evil.example/phish) [1].`]);
    const answer = await composer.compose(inputOf([partnership, aalborg, advice]));
    expect(answer.answer).toBe(GROUNDED_CHECKED);
  });

  it('never streams what the check removes: foreign links, markup or an unsupported sentence', async () => {
    const invented = 'Alle kommuner skal søge en særlig OPI-licens hos Erhvervsstyrelsen [1].';
    const { composer } = setup([
      `${HOSTILE} ${invented} Lav en skriftlig samarbejdsaftale, før projektet går i gang [3].`,
    ]);
    const events = await collect(composer.stream(inputOf([partnership, aalborg, advice])));
    const streamed = deltasOf(events).join('');
    expect(streamed).not.toMatch(FOREIGN);
    expect(streamed).not.toMatch(/licens/);
    const done = events.at(-1) as Extract<AnswerEvent, { type: 'done' }>;
    expect(done.answer.answer).not.toMatch(FOREIGN);
    // The same sentences as done, only numbered as the candidates are.
    const unnumbered = (t: string) => t.replace(/\s*\[\d+\]/g, '');
    expect(unnumbered(streamed)).toBe(unnumbered(done.answer.answer));
    expect(deltasOf(events).length).toBe(4);
  });

  it('checks a link split across tokens as a whole, and streams each sentence once it is settled', async () => {
    const chunks = [
      'Et innovationspartnerskab er en [udbuds',
      'procedure](https://ev',
      'il.example/x), hvor en ordregiver og virksomheder udvikler en ny løsning sammen. [',
      '1] <im',
      'g src=x onerror=alert(1)>Proceduren blev indført med udbudsloven i 2016 [1',
      '].',
    ].map((content) => new AIMessageChunk({ content }));
    const model = new FakeStreamingChatModel({ chunks });
    const composer = createChatComposer({ model, fallback: fakeFallback(), baseUrl: '', contextTokens: 8192 });
    const events = await collect(composer.stream(inputOf([partnership])));
    expect(types(events)).toEqual(['citations', 'delta', 'delta', 'done']);
    expect(deltasOf(events)).toEqual([
      'Et innovationspartnerskab er en udbudsprocedure, hvor en ordregiver og virksomheder udvikler en ny løsning sammen [1].',
      ' Proceduren blev indført med udbudsloven i 2016 [1].',
    ]);
  });
});

describe('a model that writes without end', () => {
  const SENTENCE = 'Proceduren blev indført med udbudsloven i 2016 [1]. ';

  it('is read only up to maxAnswerChars, keeping the sentences settled within it, streamed or not', async () => {
    const long = SENTENCE.repeat(4000); // 208,000 characters, far past any token limit
    const chunks = long.match(/.{1,40}/gs)!.map((content) => new AIMessageChunk({ content }));
    const logger = recordingLogger();
    const model = new FakeStreamingChatModel({ chunks, responses: [new AIMessageChunk({ content: long })] });
    const composer = createChatComposer({ model, fallback: fakeFallback(), baseUrl: '', contextTokens: 8192, logger });
    const started = performance.now();
    const events = await collect(composer.stream(inputOf([partnership])));
    const done = (events.at(-1) as Extract<AnswerEvent, { type: 'done' }>).answer;
    expect(performance.now() - started).toBeLessThan(3000);
    expect(done.answered).toBe(true);
    expect(done.answer.length).toBeLessThanOrEqual(MAX_ANSWER_CHARS);
    expect(done.answer.length).toBeGreaterThan(MAX_ANSWER_CHARS - 2 * SENTENCE.length);
    expect(done.answer.endsWith('[1].')).toBe(true);
    expect(logger.entries.some((e) => e.level === 'warn' && /longer than allowed/.test(e.msg))).toBe(true);
    const composed = await composer.compose(inputOf([partnership]));
    expect(composed.answer).toBe(done.answer);
  });
});
