import { Hono } from 'hono';
import type { ChannelContext } from '../shared/context.js';
import { TtlCache } from '../shared/ttl-cache.js';
import { handleSlackCommand } from './commands.js';
import { handleSlackEvent } from './events.js';
import { handleSlackInteraction } from './interactions.js';
import { SLACK_REPLAY_TTL_MS } from './verified-body.js';

/**
 * The Slack routes: `POST /slack/events`, `/slack/commands`, `/slack/interactions`.
 * Event ids, and the signatures of every request for its replay window, are remembered per app
 * instance (on Workers: per isolate), so neither a retried event nor a re-sent command or button
 * press is processed twice.
 */
export function slackRoutes(ctx: ChannelContext): Hono {
  const clock = () => ctx.now().getTime();
  const seen = new TtlCache<true>(5000, ctx.options.slackDedupeTtlMs, clock);
  const signatures = new TtlCache<true>(20_000, SLACK_REPLAY_TTL_MS, clock);
  const app = new Hono();
  app.post('/slack/events', (c) => handleSlackEvent(c, ctx, seen, signatures));
  app.post('/slack/commands', (c) => handleSlackCommand(c, ctx, signatures));
  app.post('/slack/interactions', (c) => handleSlackInteraction(c, ctx, signatures));
  return app;
}
