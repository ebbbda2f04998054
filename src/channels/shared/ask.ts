import type { Channel } from '../../answer/helpdesk.js';
import type { AnswerResponse } from '../../answer/types.js';
import type { ChannelContext } from './context.js';

/** Asks the help desk; on failure logs the error and returns undefined (the caller apologises). */
export async function askHelpdesk(
  ctx: ChannelContext,
  question: string,
  channel: Channel,
  signal?: AbortSignal,
): Promise<AnswerResponse | undefined> {
  try {
    return await ctx.deps.helpdesk.ask({ question }, signal ? { channel, signal } : { channel });
  } catch (error) {
    if (signal?.aborted) return undefined;
    ctx.logger.error('Spørgsmålet kunne ikke besvares', {
      channel,
      error: error instanceof Error ? error.message : String(error),
    });
    return undefined;
  }
}
