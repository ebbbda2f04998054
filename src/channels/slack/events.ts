import type { Context } from 'hono';
import { askHelpdesk } from '../shared/ask.js';
import type { ChannelContext } from '../shared/context.js';
import { jsonError } from '../../http/errors.js';
import { channelText, emptyQuestionText } from '../shared/messages.js';
import { cleanQuestion } from '../shared/question.js';
import type { TtlCache } from '../shared/ttl-cache.js';
import { formatSlackAnswer, formatSlackNotice } from './format.js';
import { SlackEventCallback, type SlackInnerEvent, SlackUrlVerification } from './schemas.js';
import { verifiedSlackBody } from './verified-body.js';
import { postSlackMessage, type SlackTarget } from './web-api.js';

/**
 * Handles `POST /slack/events`: verifies the signature, answers `url_verification`,
 * acknowledges `app_mention` and direct messages at once and replies in the thread afterwards.
 * `seen` remembers event ids so a retried delivery is answered once.
 */
export async function handleSlackEvent(
  c: Context,
  ctx: ChannelContext,
  seen: TtlCache<true>,
  signatures: TtlCache<true>,
): Promise<Response> {
  const raw = await verifiedSlackBody(c, ctx, signatures);
  if (typeof raw !== 'string') return raw;
  let body: unknown;
  try {
    body = JSON.parse(raw);
  } catch {
    return jsonError(c, 'bad_request', 'Slack-hændelsen er ikke gyldig JSON.');
  }

  const verification = SlackUrlVerification.safeParse(body);
  if (verification.success) return c.json({ challenge: verification.data.challenge });

  const callback = SlackEventCallback.safeParse(body);
  if (!callback.success) return c.body(null, 200);
  const { event_id: eventId, event } = callback.data;

  if (seen.has(eventId)) {
    ctx.logger.info('Slack event already received; the repeat is ignored', {
      event: 'slack.duplicate_ignored',
      eventId,
    });
    return c.body(null, 200, { 'x-slack-no-retry': '1' });
  }
  // A retry after a timeout means the first delivery reached some instance: answering again would duplicate.
  if (c.req.header('x-slack-retry-num') && c.req.header('x-slack-retry-reason') === 'http_timeout') {
    ctx.logger.info('Slack retry after a timeout ignored', { event: 'slack.retry_ignored', eventId });
    return c.body(null, 200, { 'x-slack-no-retry': '1' });
  }
  seen.set(eventId, true);

  const target = replyTarget(event);
  if (!target) return c.body(null, 200);
  const question = cleanQuestion(event.text);
  ctx.background(c, 'slack reply', async () => {
    if (!question) {
      await postSlackMessage(ctx, target, formatSlackNotice(emptyQuestionText(ctx.deps)));
      return;
    }
    const answer = await askHelpdesk(ctx, question, 'slack');
    const message = answer
      ? formatSlackAnswer(question, answer, ctx.deps.config.PUBLIC_BASE_URL)
      : formatSlackNotice(channelText.failed);
    await postSlackMessage(ctx, target, message);
  });
  return c.body(null, 200);
}

/** Where to answer an event, or undefined when the event is not a question to us. */
export function replyTarget(event: SlackInnerEvent): SlackTarget | undefined {
  if (!event.channel || !event.ts) return undefined;
  if (event.bot_id || event.subtype) return undefined;
  if (event.type === 'app_mention') return { channel: event.channel, threadTs: event.thread_ts ?? event.ts };
  if (event.type === 'message' && event.channel_type === 'im') {
    return event.thread_ts ? { channel: event.channel, threadTs: event.thread_ts } : { channel: event.channel };
  }
  return undefined;
}
