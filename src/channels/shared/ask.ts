import type { Channel } from '../../conversation.js';
import type { AnswerResponse } from '../../answer/types.js';
import type { ChannelContext } from './context.js';

/**
 * Asks the help desk and logs the question to the store (when there is one); on failure logs
 * the error and returns undefined (the caller apologises).
 */
export async function askHelpdesk(
  ctx: ChannelContext,
  question: string,
  channel: Channel,
  signal?: AbortSignal,
): Promise<AnswerResponse | undefined> {
  const started = ctx.now().getTime();
  try {
    const answer = await ctx.deps.helpdesk.ask({ question }, signal ? { channel, signal } : { channel });
    await logQuestion(ctx, question, channel, answer, ctx.now().getTime() - started);
    return answer;
  } catch (error) {
    if (signal?.aborted) return undefined;
    ctx.logger.error('The question could not be answered', {
      event: 'channel.ask_failed',
      channel,
      error: error instanceof Error ? error.message : String(error),
    });
    return undefined;
  }
}

async function logQuestion(
  ctx: ChannelContext,
  question: string,
  channel: Channel,
  answer: AnswerResponse,
  latencyMs: number,
): Promise<void> {
  const store = ctx.deps.store;
  if (!store) return;
  try {
    await store.logQuestion({
      question,
      channel,
      answered: answer.answered,
      topScore: answer.citations[0]?.score ?? 0,
      citedChunkIds: answer.citations.map((c) => c.chunkId),
      latencyMs: Math.max(0, Math.round(latencyMs)),
    });
  } catch (error) {
    ctx.logger.warn('The question could not be logged', {
      event: 'question_log.failed',
      error: error instanceof Error ? error.message : String(error),
    });
  }
}
