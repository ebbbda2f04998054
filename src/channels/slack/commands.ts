import type { Context } from 'hono';
import { askHelpdesk } from '../shared/ask.js';
import type { ChannelContext } from '../shared/context.js';
import { jsonError } from '../../http/errors.js';
import { channelText, emptyQuestionText } from '../shared/messages.js';
import { cleanQuestion } from '../shared/question.js';
import type { TtlCache } from '../shared/ttl-cache.js';
import { formatSlackAnswer, formatSlackNotice } from './format.js';
import { SlackSlashCommand } from './schemas.js';
import { verifiedSlackBody } from './verified-body.js';
import { isAllowedResponseUrl, postToResponseUrl } from './web-api.js';

/**
 * Handles `POST /slack/commands` (`/opi <spørgsmål>`): acknowledges with an ephemeral
 * "Et øjeblik…" and posts the answer to the command's `response_url` afterwards.
 */
export async function handleSlackCommand(
  c: Context,
  ctx: ChannelContext,
  signatures: TtlCache<true>,
): Promise<Response> {
  const raw = await verifiedSlackBody(c, ctx, signatures);
  if (typeof raw !== 'string') return raw;
  const form = Object.fromEntries(new URLSearchParams(raw));
  if (form.ssl_check === '1') return c.body(null, 200);
  const parsed = SlackSlashCommand.safeParse(form);
  if (!parsed.success) return jsonError(c, 'bad_request', 'Slack-kommandoen mangler felter (command, response_url).');
  const { response_url: responseUrl } = parsed.data;
  if (!isAllowedResponseUrl(responseUrl, ctx.options.slackResponseUrlOrigins)) {
    ctx.logger.warn('Slack command refused: response_url is not a Slack address', {
      event: 'slack.response_url_refused',
    });
    return jsonError(c, 'bad_request', 'response_url skal pege på hooks.slack.com.');
  }
  const question = cleanQuestion(parsed.data.text);
  if (!question) return c.json({ response_type: 'ephemeral', text: emptyQuestionText(ctx.deps) });

  ctx.background(c, 'Slack-kommando', async () => {
    const answer = await askHelpdesk(ctx, question, 'slack');
    const message = answer
      ? formatSlackAnswer(question, answer, ctx.deps.config.PUBLIC_BASE_URL)
      : formatSlackNotice(channelText.failed);
    await postToResponseUrl(ctx, responseUrl, { ...message, response_type: 'ephemeral', replace_original: true });
  });
  return c.json({ response_type: 'ephemeral', text: channelText.wait });
}
