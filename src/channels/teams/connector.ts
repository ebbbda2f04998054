import { HelpdeskError } from '../../errors.js';
import type { ChannelContext } from '../shared/context.js';
import type { BotTokenClient } from './bot-token.js';
import type { TeamsActivity } from './schemas.js';

/**
 * Sends `reply` to the conversation of `incoming` through the Bot Connector at `serviceUrl`
 * (the value proven by the request's token), as a reply to the incoming activity.
 * Returns the id the connector gave the new activity, if any.
 */
export async function sendTeamsReply(
  ctx: ChannelContext,
  tokens: BotTokenClient,
  serviceUrl: string,
  incoming: TeamsActivity,
  reply: Record<string, unknown>,
): Promise<string | undefined> {
  const conversation = encodeURIComponent(incoming.conversation.id);
  const base = `${serviceUrl.replace(/\/+$/, '')}/v3/conversations/${conversation}/activities`;
  const url = incoming.id ? `${base}/${encodeURIComponent(incoming.id)}` : base;
  const body = JSON.stringify({
    ...reply,
    conversation: incoming.conversation,
    ...(incoming.recipient ? { from: incoming.recipient } : {}),
    ...(incoming.from ? { recipient: incoming.from } : {}),
    ...(incoming.id ? { replyToId: incoming.id } : {}),
  });
  let res = await post(ctx, url, await tokens.token(), body);
  if (res.status === 401 || res.status === 403) {
    tokens.invalidate();
    res = await post(ctx, url, await tokens.token(), body);
  }
  if (!res.ok) throw new HelpdeskError('upstream_failed', `Bot Connector svarede HTTP ${res.status} på svaret.`);
  const result = (await res.json().catch(() => undefined)) as { id?: unknown } | undefined;
  return typeof result?.id === 'string' ? result.id : undefined;
}

function post(ctx: ChannelContext, url: string, token: string, body: string): Promise<Response> {
  return ctx.fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json; charset=utf-8', authorization: `Bearer ${token}` },
    body,
  });
}
