import { HelpdeskError } from '../../errors.js';
import type { ChannelContext } from '../shared/context.js';
import type { BotTokenClient } from './bot-token.js';
import type { TeamsActivity } from './schemas.js';

/**
 * Sends `reply` to the conversation of `incoming` through the Bot Connector at `serviceUrl`
 * (the value proven by the request's token), as a reply to the incoming activity. The request
 * carries the bot's bearer token, so a `serviceUrl` outside `TEAMS_SERVICE_URL_HOSTS` is refused.
 * Returns the id the connector gave the new activity, if any.
 */
export async function sendTeamsReply(
  ctx: ChannelContext,
  tokens: BotTokenClient,
  serviceUrl: string,
  incoming: TeamsActivity,
  reply: Record<string, unknown>,
): Promise<string | undefined> {
  if (!isAllowedServiceUrl(serviceUrl, ctx.deps.config.TEAMS_SERVICE_URL_HOSTS)) {
    throw new HelpdeskError(
      'forbidden',
      `Bot Connector-værten ${hostOf(serviceUrl)} er ikke tilladt (TEAMS_SERVICE_URL_HOSTS).`,
    );
  }
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

/**
 * True when `serviceUrl` is on a Bot Connector host the bot may send its token to. `hosts` entries:
 * a host name (`smba.trafficmanager.net`, https only), `*.` and a domain for its subdomains
 * (`*.botframework.com`, https only), or a whole origin (`http://127.0.0.1:3978`, e.g. a local stand-in).
 * @param serviceUrl the activity's `serviceUrl`
 * @param hosts the allowed hosts (`TEAMS_SERVICE_URL_HOSTS`)
 */
export function isAllowedServiceUrl(serviceUrl: string, hosts: readonly string[]): boolean {
  let url: URL;
  try {
    url = new URL(serviceUrl);
  } catch {
    return false;
  }
  if (url.username || url.password) return false;
  return hosts.some((entry) => {
    if (entry.includes('://')) return url.origin === entry.replace(/\/+$/, '');
    if (url.protocol !== 'https:' || url.port !== '') return false;
    const host = entry.toLowerCase();
    return host.startsWith('*.') ? url.hostname.endsWith(host.slice(1)) : url.hostname === host;
  });
}

/** The host of a URL, for log lines ('' when it is no URL). */
export function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return '';
  }
}
