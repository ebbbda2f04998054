import { Hono } from 'hono';
import type { AppDeps } from '../http/deps.js';
import { type ChannelOptions, createChannelContext } from './shared/context.js';
import { jsonError } from '../http/errors.js';
import { slackRoutes } from './slack/routes.js';
import { teamsBotRoutes } from './teams/routes.js';
import { teamsWebhookRoutes } from './teams/webhook-routes.js';

export type { ChannelOptions } from './shared/context.js';

/**
 * Slack and Teams routes. Slack answers only when `SLACK_SIGNING_SECRET` is set, the Teams bot
 * only when `TEAMS_APP_ID` is set, the Teams outgoing webhook only when `TEAMS_WEBHOOK_SECRET`
 * is set; an unconfigured channel answers 404 JSON. Create it once per process/isolate: caches
 * (Slack event ids, Teams signing keys and bot token) live in the returned app.
 */
export function channelRoutes(deps: AppDeps, options: ChannelOptions = {}): Hono {
  const ctx = createChannelContext(deps, options);
  const { config } = deps;
  const app = new Hono();

  if (config.SLACK_SIGNING_SECRET) app.route('/', slackRoutes(ctx));
  else app.all('/slack/*', (c) => jsonError(c, 'not_found', notConfigured('Slack', 'SLACK_SIGNING_SECRET')));

  if (config.TEAMS_WEBHOOK_SECRET) app.route('/', teamsWebhookRoutes(ctx));
  else
    app.all('/teams/webhook', (c) => jsonError(c, 'not_found', notConfigured('Teams-webhook', 'TEAMS_WEBHOOK_SECRET')));

  if (config.TEAMS_APP_ID) app.route('/', teamsBotRoutes(ctx));
  else app.all('/teams/*', (c) => jsonError(c, 'not_found', notConfigured('Teams-bot', 'TEAMS_APP_ID')));

  return app;
}

function notConfigured(channel: string, variable: string): string {
  return `${channel} er ikke slået til på denne server (sæt ${variable}; se docs/channels.md).`;
}
