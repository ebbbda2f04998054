import type { Context } from 'hono';
import { HelpdeskError } from '../../errors.js';
import { type AnswerRef, decodeAnswerRef } from '../shared/answer-ref.js';
import { askHelpdesk } from '../shared/ask.js';
import type { ChannelContext } from '../shared/context.js';
import { jsonError } from '../../http/errors.js';
import { channelText, emptyQuestionText } from '../shared/messages.js';
import { cleanQuestion } from '../shared/question.js';
import { readRawBody } from '../shared/raw-body.js';
import type { TtlCache } from '../shared/ttl-cache.js';
import type { BotTokenClient } from './bot-token.js';
import { hostOf, isAllowedServiceUrl, sendTeamsReply } from './connector.js';
import { formatTeamsAnswer, formatTeamsNotice } from './format.js';
import { TeamsActivity, TeamsEscalateValue, TeamsFeedbackValue } from './schemas.js';
import type { BotFrameworkKeys } from './signing-keys.js';
import { checkTokenCoversActivity, type VerifiedBotToken, verifyBotFrameworkToken } from './verify-token.js';

/** What the bot remembers about a reply it sent, so Teams' feedback on it can be stored. */
export interface SentAnswer extends AnswerRef {
  answer: string;
}

/** State the messaging endpoint shares between requests. */
export interface TeamsBotState {
  keys: BotFrameworkKeys;
  tokens: BotTokenClient;
  /** Sent replies by `<conversationId> <activityId>` (in memory; on Workers per isolate). */
  sent: TtlCache<SentAnswer>;
}

/**
 * Handles `POST /teams/messages`: validates the Bot Connector token, then answers `message`
 * activities (202 at once, reply through the connector afterwards), stores feedback from
 * `message/submitAction` invokes, and creates an escalation when its button is pressed.
 */
export async function handleTeamsActivity(c: Context, ctx: ChannelContext, state: TeamsBotState): Promise<Response> {
  const authorization = c.req.header('authorization');
  if (!authorization) return jsonError(c, 'unauthorized', 'Authorization-headeren mangler.');
  // The token first: a forged request is refused (401) before its body is read or parsed.
  let token: VerifiedBotToken;
  try {
    token = await verifyBotFrameworkToken(state.keys, {
      authorization,
      appId: ctx.deps.config.TEAMS_APP_ID ?? '',
      now: ctx.now(),
    });
  } catch (error) {
    return refused(c, ctx, error);
  }
  const bytes = await readRawBody(c, ctx.deps.config.MAX_BODY_BYTES);
  if (!bytes) return jsonError(c, 'payload_too_large', 'Forespørgslen er for stor.');
  let activity: TeamsActivity;
  try {
    activity = TeamsActivity.parse(JSON.parse(new TextDecoder().decode(bytes)));
  } catch {
    return jsonError(c, 'bad_request', 'Aktiviteten er ikke en gyldig Bot Framework-aktivitet.');
  }
  try {
    await checkTokenCoversActivity(state.keys, token, activity);
  } catch (error) {
    return refused(c, ctx, error);
  }
  // The reply carries the bot's bearer token: it goes only to an allowed Bot Connector host.
  const serviceUrl = String(token.claims.serviceUrl);
  if (!isAllowedServiceUrl(serviceUrl, ctx.deps.config.TEAMS_SERVICE_URL_HOSTS)) {
    ctx.logger.warn('Teams activity refused: serviceUrl is not an allowed Bot Connector host', {
      event: 'teams.service_url_refused',
      host: hostOf(serviceUrl),
    });
    return jsonError(
      c,
      'forbidden',
      'Aktivitetens serviceUrl er ikke en tilladt Bot Connector-vært (se TEAMS_SERVICE_URL_HOSTS).',
    );
  }

  if (activity.type === 'invoke') return handleInvoke(c, ctx, state, activity);
  if (activity.type !== 'message') return c.body(null, 202);

  const escalate = TeamsEscalateValue.safeParse(activity.value);
  if (escalate.success) {
    const ref = decodeAnswerRef(escalate.data.ref);
    if (ref) {
      ctx.background(c, 'teams escalation', async () => {
        const text = await escalateFromTeams(ctx, ref, activity);
        await sendTeamsReply(ctx, state.tokens, serviceUrl, activity, formatTeamsNotice(text));
      });
      return c.body(null, 202);
    }
  }

  const question = cleanQuestion(activity.text);
  ctx.background(c, 'teams reply', async () => {
    if (!question) {
      await sendTeamsReply(ctx, state.tokens, serviceUrl, activity, formatTeamsNotice(emptyQuestionText(ctx.deps)));
      return;
    }
    const answer = await askHelpdesk(ctx, question, 'teams');
    if (!answer) {
      await sendTeamsReply(ctx, state.tokens, serviceUrl, activity, formatTeamsNotice(channelText.failed));
      return;
    }
    const reply = formatTeamsAnswer(question, answer, ctx.deps.config.PUBLIC_BASE_URL);
    const id = await sendTeamsReply(ctx, state.tokens, serviceUrl, activity, reply);
    if (id) {
      state.sent.set(`${activity.conversation.id} ${id}`, {
        q: question,
        c: answer.citations.map((x) => x.chunkId).slice(0, 50),
        answer: answer.answer.slice(0, 20_000),
      });
    }
  });
  return c.body(null, 202);
}

/** The answer to a request whose token failed: 503 when the signing keys could not be fetched, else 401. */
function refused(c: Context, ctx: ChannelContext, error: unknown): Response {
  const message = HelpdeskError.isInstance(error) ? error.message : 'Tokenet kunne ikke valideres.';
  if (HelpdeskError.isInstance(error) && error.code === 'upstream_failed') {
    ctx.logger.error('The Bot Framework signing keys could not be fetched', {
      event: 'teams.keys_unavailable',
      error: message,
    });
    return jsonError(c, 'upstream_failed', 'Signeringsnøglerne kunne ikke hentes. Prøv igen om lidt.', 503);
  }
  ctx.logger.warn('Teams activity refused', { event: 'teams.activity_refused', reason: message });
  return jsonError(c, 'unauthorized', message);
}

/** Invoke activities: Teams' 👍/👎 feedback (`message/submitAction`); other invokes are acknowledged. */
async function handleInvoke(
  c: Context,
  ctx: ChannelContext,
  state: TeamsBotState,
  activity: TeamsActivity,
): Promise<Response> {
  const feedback = TeamsFeedbackValue.safeParse(activity.value);
  if (activity.name !== 'message/submitAction' || !feedback.success) return c.json({}, 200);
  const sent = activity.replyToId ? state.sent.get(`${activity.conversation.id} ${activity.replyToId}`) : undefined;
  const store = ctx.deps.store;
  if (!sent || !store) {
    ctx.logger.warn('Teams feedback matched no answer and was not saved', {
      event: 'teams.feedback_unmatched',
      knownReply: Boolean(sent),
      store: Boolean(store),
    });
    return c.json({}, 200);
  }
  const comment = feedbackComment(feedback.data.actionValue.feedback);
  ctx.background(c, 'teams feedback', async () => {
    await store.addFeedback({
      question: sent.q,
      answer: sent.answer,
      rating: feedback.data.actionValue.reaction === 'like' ? 'up' : 'down',
      citedChunkIds: sent.c,
      channel: 'teams',
      ...(comment ? { comment } : {}),
    });
  });
  return c.json({}, 200);
}

/** The free-text comment inside Teams' feedback value (`{"feedbackText": "…"}`). */
function feedbackComment(raw: string | undefined): string | undefined {
  if (!raw) return undefined;
  try {
    const parsed = JSON.parse(raw) as { feedbackText?: unknown };
    const text = typeof parsed.feedbackText === 'string' ? parsed.feedbackText.trim() : '';
    return text ? text.slice(0, 2000) : undefined;
  } catch {
    return raw.trim().slice(0, 2000) || undefined;
  }
}

/** Creates the escalation behind the button; returns the confirmation to show. */
async function escalateFromTeams(ctx: ChannelContext, ref: AnswerRef, activity: TeamsActivity): Promise<string> {
  const store = ctx.deps.store;
  if (!store) {
    ctx.logger.warn('Teams escalation received, but no store is configured', { event: 'teams.escalation_no_store' });
    return channelText.notSaved;
  }
  try {
    const escalation = await store.createEscalation({
      question: ref.q,
      conversation: [{ role: 'user', content: ref.q }],
      channel: 'teams',
      channelRef: `${activity.conversation.id}${activity.from ? `/${activity.from.id}` : ''}`.slice(0, 500),
      ...(activity.from?.name ? { name: activity.from.name.slice(0, 200) } : {}),
      ...(ref.c.length ? { citedChunkIds: ref.c } : {}),
    });
    return channelText.escalated(escalation.reference);
  } catch (error) {
    ctx.logger.error('The Teams escalation could not be saved', {
      event: 'teams.escalation_failed',
      error: error instanceof Error ? error.message : String(error),
    });
    return channelText.notSaved;
  }
}
