import type { Context } from 'hono';
import { type AnswerRef, decodeAnswerRef } from '../shared/answer-ref.js';
import type { ChannelContext } from '../shared/context.js';
import { jsonError } from '../../http/errors.js';
import { channelText } from '../shared/messages.js';
import type { TtlCache } from '../shared/ttl-cache.js';
import { formatSlackNotice, SLACK_ACTIONS } from './format.js';
import { SlackBlockActions } from './schemas.js';
import { verifiedSlackBody } from './verified-body.js';
import { postToResponseUrl } from './web-api.js';

/**
 * Handles `POST /slack/interactions`: the 👍/👎 buttons store feedback, the escalation button
 * creates an escalation; the user gets an ephemeral confirmation via the payload's `response_url`.
 */
export async function handleSlackInteraction(
  c: Context,
  ctx: ChannelContext,
  signatures: TtlCache<true>,
): Promise<Response> {
  const raw = await verifiedSlackBody(c, ctx, signatures);
  if (typeof raw !== 'string') return raw;
  let payload: unknown;
  try {
    payload = JSON.parse(new URLSearchParams(raw).get('payload') ?? '');
  } catch {
    return jsonError(c, 'bad_request', 'Slack-interaktionen mangler feltet payload med JSON.');
  }
  const parsed = SlackBlockActions.safeParse(payload);
  if (!parsed.success) return c.body(null, 200);
  const data = parsed.data;
  const action = data.actions.find((a) => (Object.values(SLACK_ACTIONS) as string[]).includes(a.action_id));
  const ref = decodeAnswerRef(action?.value);
  if (!action || !ref) return c.body(null, 200);

  ctx.background(c, 'Slack-knap', async () => {
    const reply = await recordAction(ctx, action.action_id, ref, data);
    if (!data.response_url) return;
    const threadTs = data.message?.thread_ts ?? data.container?.thread_ts;
    await postToResponseUrl(ctx, data.response_url, {
      ...formatSlackNotice(reply),
      response_type: 'ephemeral',
      replace_original: false,
      ...(threadTs ? { thread_ts: threadTs } : {}),
    });
  });
  return c.body(null, 200);
}

/** Stores the feedback or escalation behind a button; returns the confirmation to show. */
async function recordAction(
  ctx: ChannelContext,
  actionId: string,
  ref: AnswerRef,
  data: SlackBlockActions,
): Promise<string> {
  const store = ctx.deps.store;
  if (!store) {
    ctx.logger.warn('Slack button received, but no store is configured', { event: 'slack.button_no_store' });
    return channelText.notSaved;
  }
  const answerText = (data.message?.text ?? '').slice(0, 8000);
  try {
    if (actionId === SLACK_ACTIONS.escalate) {
      const channelId = data.channel?.id ?? data.container?.channel_id;
      const threadTs = data.message?.thread_ts ?? data.container?.thread_ts ?? data.message?.ts;
      const channelRef = [channelId, data.user?.id, threadTs].filter(Boolean).join('/').slice(0, 500);
      const escalation = await store.createEscalation({
        question: ref.q,
        conversation: [
          { role: 'user', content: ref.q },
          ...(answerText ? [{ role: 'assistant' as const, content: answerText }] : []),
        ],
        channel: 'slack',
        ...(channelRef ? { channelRef } : {}),
        ...(ref.c.length ? { citedChunkIds: ref.c } : {}),
      });
      return channelText.escalated(escalation.reference);
    }
    await store.addFeedback({
      question: ref.q,
      answer: answerText,
      rating: actionId === SLACK_ACTIONS.up ? 'up' : 'down',
      citedChunkIds: ref.c,
      channel: 'slack',
    });
    return channelText.feedbackThanks;
  } catch (error) {
    ctx.logger.error('The Slack button could not be saved', {
      event: 'slack.button_failed',
      error: error instanceof Error ? error.message : String(error),
    });
    return channelText.notSaved;
  }
}
