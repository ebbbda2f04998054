import { HelpdeskError } from '../../errors.js';
import type { ChannelContext } from '../shared/context.js';
import type { SlackMessage } from './format.js';
import { SlackApiResult } from './schemas.js';

/** Where a reply goes: a channel, optionally inside a thread. */
export interface SlackTarget {
  channel: string;
  threadTs?: string;
}

/** Posts `message` with `chat.postMessage` (Bearer bot token) to the configured Slack API base URL. */
export async function postSlackMessage(ctx: ChannelContext, target: SlackTarget, message: SlackMessage): Promise<void> {
  const { SLACK_API_BASE_URL, SLACK_BOT_TOKEN } = ctx.deps.config;
  const url = `${SLACK_API_BASE_URL.replace(/\/+$/, '')}/chat.postMessage`;
  const body: Record<string, unknown> = { channel: target.channel, text: message.text, blocks: message.blocks };
  if (target.threadTs) body.thread_ts = target.threadTs;
  const res = await ctx.fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json; charset=utf-8', authorization: `Bearer ${SLACK_BOT_TOKEN ?? ''}` },
    body: JSON.stringify(body),
  });
  if (!res.ok) throw new HelpdeskError('upstream_failed', `Slack chat.postMessage svarede HTTP ${res.status}.`);
  const result = SlackApiResult.safeParse(await res.json().catch(() => undefined));
  if (!result.success || !result.data.ok) {
    const error = result.success ? result.data.error : 'ugyldigt svar';
    throw new HelpdeskError(
      'upstream_failed',
      `Slack chat.postMessage fejlede: ${error}. Tjek at appen er inviteret i kanalen og har scope chat:write.`,
    );
  }
}

/**
 * True when `url` is a Slack `response_url` we may post to: its origin is one of the allowed
 * origins (production: `https://hooks.slack.com`). Prevents the payload from steering requests elsewhere.
 */
export function isAllowedResponseUrl(url: string, allowedOrigins: string[]): boolean {
  try {
    const parsed = new URL(url);
    if (parsed.username || parsed.password) return false;
    return allowedOrigins.includes(parsed.origin);
  } catch {
    return false;
  }
}

/** Posts `message` to a slash-command or interaction `response_url` (checked against the allowed origins). */
export async function postToResponseUrl(
  ctx: ChannelContext,
  responseUrl: string,
  message: SlackMessage & {
    response_type?: 'ephemeral' | 'in_channel';
    replace_original?: boolean;
    thread_ts?: string;
  },
): Promise<void> {
  if (!isAllowedResponseUrl(responseUrl, ctx.options.slackResponseUrlOrigins)) {
    throw new HelpdeskError('forbidden', 'Slack response_url peger ikke på hooks.slack.com og bliver ikke brugt.');
  }
  const res = await ctx.fetch(responseUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json; charset=utf-8' },
    body: JSON.stringify(message),
    redirect: 'manual',
  });
  if (!res.ok) throw new HelpdeskError('upstream_failed', `Slack response_url svarede HTTP ${res.status}.`);
}
