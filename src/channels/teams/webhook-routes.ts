import { Hono } from 'hono';
import type { ChannelContext } from '../shared/context.js';
import { fromBase64 } from '../shared/crypto.js';
import { jsonError } from '../../http/errors.js';
import { handleTeamsWebhook } from './webhook.js';

/** The Teams outgoing-webhook endpoint `POST /teams/webhook`. */
export function teamsWebhookRoutes(ctx: ChannelContext): Hono {
  const key = fromBase64(ctx.deps.config.TEAMS_WEBHOOK_SECRET ?? '');
  const app = new Hono();
  app.post('/teams/webhook', (c) =>
    key
      ? handleTeamsWebhook(c, ctx, key)
      : jsonError(c, 'config_invalid', 'TEAMS_WEBHOOK_SECRET er ikke gyldig base64; se docs/channels.md.', 503),
  );
  return app;
}
