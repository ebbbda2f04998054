import type { Context } from 'hono';
import type { AnswerResponse } from '../../answer/types.js';
import { askHelpdesk } from '../shared/ask.js';
import type { ChannelContext } from '../shared/context.js';
import { hmacSha256, timingSafeEqual, toBase64 } from '../shared/crypto.js';
import { jsonError } from '../../http/errors.js';
import { absoluteSourceUrl } from '../shared/links.js';
import { channelText, emptyQuestionText } from '../shared/messages.js';
import { shortenToFit } from '../shared/shorten.js';
import { cleanQuestion } from '../shared/question.js';
import { readRawBody } from '../shared/raw-body.js';
import { fitsTeams, teamsAnswerText, teamsLink } from './format.js';
import { TeamsWebhookActivity } from './schemas.js';

/**
 * True when `authorization` is `HMAC <base64>` and the base64 is the HMAC-SHA256 of the raw
 * body bytes keyed with the (base64-decoded) outgoing-webhook security token `key`.
 */
export async function verifyTeamsWebhookHmac(
  key: Uint8Array,
  rawBody: Uint8Array,
  authorization: string | undefined,
): Promise<boolean> {
  const match = /^HMAC\s+(\S+)$/.exec(authorization ?? '');
  if (!match?.[1] || key.length === 0) return false;
  const expected = toBase64(await hmacSha256(key, rawBody));
  return timingSafeEqual(expected, match[1]);
}

/** The answer as one Teams Markdown text: the answer, then the numbered sources as links. */
export function formatWebhookText(answer: AnswerResponse, publicBaseUrl: string | undefined): string {
  const lines = answer.citations.map((c) => {
    const label = `${c.title}${c.section ? ` — ${c.section}` : ''}`.replace(/[[\]]/g, '');
    const url = absoluteSourceUrl(c.url, publicBaseUrl);
    return `[${c.id}] ${url ? teamsLink(label, url) : label}`;
  });
  const sources = lines.length ? `\n\n**${channelText.sources}:**\n\n${lines.join('\n\n')}` : '';
  const withSources = (text: string) => `${text}${sources}`;
  const text = shortenToFit(
    teamsAnswerText(answer.answer, publicBaseUrl),
    (t) => fitsTeams({ type: 'message', text: withSources(t) }),
    channelText.shortened,
  );
  return withSources(text);
}

/**
 * Handles `POST /teams/webhook` (Teams outgoing webhook): checks the HMAC, then answers
 * synchronously within the time budget; on timeout asks the user to try again.
 */
export async function handleTeamsWebhook(c: Context, ctx: ChannelContext, key: Uint8Array): Promise<Response> {
  const bytes = await readRawBody(c, ctx.deps.config.MAX_BODY_BYTES);
  if (!bytes) return jsonError(c, 'payload_too_large', 'Forespørgslen er for stor.');
  if (!(await verifyTeamsWebhookHmac(key, bytes, c.req.header('authorization')))) {
    ctx.logger.warn('Teams webhook refused: invalid HMAC', { event: 'teams.webhook_refused' });
    return jsonError(c, 'unauthorized', 'Ugyldig HMAC-signatur. Tjek TEAMS_WEBHOOK_SECRET.');
  }
  let activity: { text?: string | undefined };
  try {
    activity = TeamsWebhookActivity.parse(JSON.parse(new TextDecoder().decode(bytes)));
  } catch {
    return jsonError(c, 'bad_request', 'Webhook-beskeden er ikke gyldig JSON.');
  }
  const question = cleanQuestion(activity.text);
  if (!question) return c.json({ type: 'message', text: emptyQuestionText(ctx.deps) });

  const controller = new AbortController();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timedOut = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), ctx.options.teamsWebhookTimeoutMs);
  });
  const result = await Promise.race([askHelpdesk(ctx, question, 'teams', controller.signal), timedOut]);
  if (timer !== undefined) clearTimeout(timer);
  if (result === 'timeout') {
    controller.abort();
    ctx.logger.warn('Teams webhook: the answer took too long', {
      event: 'teams.webhook_timeout',
      timeoutMs: ctx.options.teamsWebhookTimeoutMs,
    });
    return c.json({ type: 'message', text: channelText.timeout });
  }
  const text = result ? formatWebhookText(result, ctx.deps.config.PUBLIC_BASE_URL) : channelText.failed;
  return c.json({ type: 'message', text });
}
