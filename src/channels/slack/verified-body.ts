import type { Context } from 'hono';
import type { ChannelContext } from '../shared/context.js';
import { jsonError } from '../shared/json-error.js';
import { readRawBody } from '../shared/raw-body.js';
import { verifySlackSignature } from './verify.js';

/**
 * The raw request body when Slack's signature over it is valid; otherwise the 401/413 response to send.
 * Reads the body exactly once, as bytes, before anything parses it.
 */
export async function verifiedSlackBody(c: Context, ctx: ChannelContext): Promise<string | Response> {
  const bytes = await readRawBody(c, ctx.deps.config.MAX_BODY_BYTES);
  if (!bytes) return jsonError(c, 413, 'payload_too_large', 'Forespørgslen er for stor.');
  const raw = new TextDecoder().decode(bytes);
  const ok = await verifySlackSignature(
    ctx.deps.config.SLACK_SIGNING_SECRET ?? '',
    c.req.header('x-slack-request-timestamp'),
    raw,
    c.req.header('x-slack-signature'),
    Math.floor(ctx.now().getTime() / 1000),
  );
  if (!ok) {
    ctx.logger.warn('Slack-forespørgsel afvist: ugyldig eller for gammel signatur', { path: c.req.path });
    return jsonError(
      c,
      401,
      'unauthorized',
      'Ugyldig Slack-signatur eller for gammelt tidsstempel. Tjek SLACK_SIGNING_SECRET og serverens ur.',
    );
  }
  return raw;
}
