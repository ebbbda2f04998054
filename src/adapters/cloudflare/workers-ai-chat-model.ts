import type { CallbackManagerForLLMRun } from '@langchain/core/callbacks/manager';
import { BaseChatModel, type BaseChatModelParams } from '@langchain/core/language_models/chat_models';
import { AIMessage, AIMessageChunk, type BaseMessage } from '@langchain/core/messages';
import { ChatGenerationChunk, type ChatResult } from '@langchain/core/outputs';
import { z } from 'zod';
import { HelpdeskError } from '../../errors.js';
import type { AiBinding } from './bindings.js';
import { sseData } from './sse-lines.js';

/** The default Workers AI chat model: multilingual, instruction-tuned. */
export const DEFAULT_WORKERS_AI_CHAT_MODEL = '@cf/meta/llama-3.3-70b-instruct-fp8-fast';

export interface WorkersAiChatModelOptions extends BaseChatModelParams {
  /** The Workers AI binding (`env.AI`). */
  ai: AiBinding;
  /** Model name (default `@cf/meta/llama-3.3-70b-instruct-fp8-fast`). */
  model?: string;
  /** Most tokens of one answer (default 600). */
  maxTokens?: number;
  /** Sampling temperature (default 0: grounded answers should not be creative). */
  temperature?: number;
}

/** A chat message as Workers AI takes it. */
interface AiMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

/** The fields of a text-generation response we use: `response` (Workers AI) or OpenAI-style `choices`. */
const GenerationResponse = z.union([
  z.object({ choices: z.array(z.object({ message: z.object({ content: z.string().nullish() }) })).min(1) }),
  z.object({ response: z.string() }),
]);

/** One streamed event's fields we use. */
const StreamEvent = z.object({
  response: z.string().nullish(),
  choices: z.array(z.object({ delta: z.object({ content: z.string().nullish() }).optional() })).optional(),
});

/**
 * A LangChain chat model over Workers AI text generation (`env.AI.run(model, { messages })`),
 * streaming when asked. Rejects with `upstream_failed` when the model fails.
 */
export class WorkersAiChatModel extends BaseChatModel {
  private readonly ai: AiBinding;
  readonly model: string;
  readonly maxTokens: number;
  readonly temperature: number;

  constructor(options: WorkersAiChatModelOptions) {
    super(options);
    this.ai = options.ai;
    this.model = options.model ?? DEFAULT_WORKERS_AI_CHAT_MODEL;
    this.maxTokens = options.maxTokens ?? 600;
    this.temperature = options.temperature ?? 0;
  }

  _llmType(): string {
    return 'workers-ai';
  }

  override async _generate(messages: BaseMessage[], options: this['ParsedCallOptions']): Promise<ChatResult> {
    options.signal?.throwIfAborted();
    const raw = await this.call({
      messages: toAiMessages(messages),
      max_tokens: this.maxTokens,
      temperature: this.temperature,
    });
    const parsed = GenerationResponse.safeParse(raw);
    if (!parsed.success) {
      throw new HelpdeskError('upstream_failed', `Workers AI-modellen ${this.model} svarede uden tekst.`);
    }
    const data = parsed.data;
    const text = 'choices' in data ? (data.choices[0]!.message.content ?? '') : data.response;
    return { generations: [{ text, message: new AIMessage(text) }] };
  }

  override async *_streamResponseChunks(
    messages: BaseMessage[],
    options: this['ParsedCallOptions'],
    runManager?: CallbackManagerForLLMRun,
  ): AsyncGenerator<ChatGenerationChunk> {
    options.signal?.throwIfAborted();
    const stream = await this.call({
      messages: toAiMessages(messages),
      max_tokens: this.maxTokens,
      temperature: this.temperature,
      stream: true,
    });
    if (!(stream instanceof ReadableStream)) {
      throw new HelpdeskError('upstream_failed', `Workers AI-modellen ${this.model} returnerede ikke en strøm.`);
    }
    for await (const data of sseData(stream as ReadableStream<Uint8Array>)) {
      options.signal?.throwIfAborted();
      if (data === '[DONE]') return;
      let event: z.infer<typeof StreamEvent>;
      try {
        event = StreamEvent.parse(JSON.parse(data));
      } catch {
        continue; // keep-alives and fields we do not use
      }
      const text = event.response ?? event.choices?.[0]?.delta?.content ?? '';
      if (text === '') continue;
      yield new ChatGenerationChunk({ text, message: new AIMessageChunk(text) });
      await runManager?.handleLLMNewToken(text);
    }
  }

  private async call(inputs: Record<string, unknown>): Promise<unknown> {
    try {
      return await this.ai.run(this.model, inputs);
    } catch (error) {
      throw new HelpdeskError(
        'upstream_failed',
        `Workers AI-modellen ${this.model} fejlede: ${error instanceof Error ? error.message : String(error)}.`,
        { cause: error },
      );
    }
  }
}

/** LangChain messages as Workers AI chat messages (system, user, assistant; text only). */
export function toAiMessages(messages: BaseMessage[]): AiMessage[] {
  return messages.map((m) => {
    const type = m.getType();
    const role = type === 'system' ? 'system' : type === 'ai' ? 'assistant' : 'user';
    return { role, content: m.text };
  });
}
