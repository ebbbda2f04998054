import { Hono } from 'hono';
import type { ChannelContext } from '../shared/context.js';
import { TtlCache } from '../shared/ttl-cache.js';
import { handleSlackCommand } from './commands.js';
import { handleSlackEvent } from './events.js';
import { handleSlackInteraction } from './interactions.js';

/**
 * The Slack routes: `POST /slack/events`, `/slack/commands`, `/slack/interactions`.
 * Event ids are remembered per app instance (on Workers: per isolate).
 */
export function slackRoutes(ctx: ChannelContext): Hono {
  const seen = new TtlCache<true>(5000, ctx.options.slackDedupeTtlMs, () => ctx.now().getTime());
  const app = new Hono();
  app.post('/slack/events', (c) => handleSlackEvent(c, ctx, seen));
  app.post('/slack/commands', (c) => handleSlackCommand(c, ctx));
  app.post('/slack/interactions', (c) => handleSlackInteraction(c, ctx));
  return app;
}
