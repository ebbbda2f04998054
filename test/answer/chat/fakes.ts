import type { CallbackManagerForLLMRun } from '@langchain/core/callbacks/manager';
import type { BaseMessage } from '@langchain/core/messages';
import type { ChatGenerationChunk, ChatResult } from '@langchain/core/outputs';
import { FakeListChatModel } from '@langchain/core/utils/testing';
import { toCitation } from '../../../src/answer/citations.js';
import type { ComposeInput, Composer } from '../../../src/answer/composer.js';
import type { AnswerEvent, AnswerResponse } from '../../../src/answer/types.js';

export const REFUSAL_TEXT = 'Det kan jeg desværre ikke svare på ud fra vidensbasen. Du kan kontakte en OPI-rådgiver.';
export const EXTRACTIVE_TEXT = 'Udtrukket svar fra den bedste kilde [1].';

/** A stand-in for the extractive composer that records its calls. */
export function fakeFallback(): Composer & { calls: { method: 'compose' | 'stream'; input: ComposeInput }[] } {
  const calls: { method: 'compose' | 'stream'; input: ComposeInput }[] = [];
  const answerFor = (input: ComposeInput): AnswerResponse =>
    input.passages.length === 0
      ? {
          answer: REFUSAL_TEXT,
          answered: false,
          citations: [],
          escalation: { offered: true, message: 'Vil du tale med en person?', endpoint: '/api/escalations' },
        }
      : { answer: EXTRACTIVE_TEXT, answered: true, citations: [toCitation(input.passages[0]!, 1, '')] };
  return {
    id: 'fake-extractive',
    calls,
    async compose(input) {
      calls.push({ method: 'compose', input });
      return answerFor(input);
    },
    async *stream(input): AsyncIterable<AnswerEvent> {
      calls.push({ method: 'stream', input });
      const answer = answerFor(input);
      yield { type: 'citations', citations: answer.citations };
      yield { type: 'delta', text: answer.answer };
      yield { type: 'done', answer };
    },
  };
}

/** A FakeListChatModel that records the messages of each call. */
export class RecordingChatModel extends FakeListChatModel {
  calls: BaseMessage[][] = [];

  override async _generate(
    messages: BaseMessage[],
    options?: this['ParsedCallOptions'],
    runManager?: CallbackManagerForLLMRun,
  ): Promise<ChatResult> {
    this.calls.push(messages);
    return super._generate(messages, options, runManager);
  }

  override async *_streamResponseChunks(
    messages: BaseMessage[],
    options: this['ParsedCallOptions'],
    runManager?: CallbackManagerForLLMRun,
  ): AsyncGenerator<ChatGenerationChunk> {
    this.calls.push(messages);
    yield* super._streamResponseChunks(messages, options, runManager);
  }

  /** The text of all messages of call `i`. */
  prompt(i = 0): string {
    return (this.calls[i] ?? []).map((m) => String(m.content)).join('\n');
  }
}

/** A logger that keeps what it was told. */
export function recordingLogger() {
  const entries: { level: 'warn' | 'debug'; msg: string; data?: Record<string, unknown> }[] = [];
  return {
    entries,
    warn(msg: string, data?: Record<string, unknown>) {
      entries.push({ level: 'warn', msg, ...(data ? { data } : {}) });
    },
    debug(msg: string, data?: Record<string, unknown>) {
      entries.push({ level: 'debug', msg, ...(data ? { data } : {}) });
    },
  };
}

export async function collect(events: AsyncIterable<AnswerEvent>): Promise<AnswerEvent[]> {
  const out: AnswerEvent[] = [];
  for await (const e of events) out.push(e);
  return out;
}

export function inputOf(
  passages: ComposeInput['passages'],
  question = 'Hvad er et innovationspartnerskab?',
): ComposeInput {
  return { question, standalone: question, passages, history: [] };
}
