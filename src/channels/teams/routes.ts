import { Hono } from 'hono';
import type { ChannelContext } from '../shared/context.js';
import { TtlCache } from '../shared/ttl-cache.js';
import { BotTokenClient } from './bot-token.js';
import { handleTeamsActivity, type SentAnswer } from './messages.js';
import { BotFrameworkKeys } from './signing-keys.js';

/** The Teams Bot Framework messaging endpoint `POST /teams/messages`, with its key and token caches. */
export function teamsBotRoutes(ctx: ChannelContext): Hono {
  const state = {
    keys: new BotFrameworkKeys(ctx),
    tokens: new BotTokenClient(ctx),
    sent: new TtlCache<SentAnswer>(2000, 24 * 60 * 60 * 1000, () => ctx.now().getTime()),
  };
  const app = new Hono();
  app.post('/teams/messages', (c) => handleTeamsActivity(c, ctx, state));
  return app;
}
