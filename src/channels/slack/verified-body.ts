import type { Context } from 'hono';
import type { ChannelContext } from '../shared/context.js';
import { jsonError } from '../../http/errors.js';
import { readRawBody } from '../shared/raw-body.js';
import type { TtlCache } from '../shared/ttl-cache.js';
import { SLACK_MAX_AGE_SECONDS, verifySlackSignature } from './verify.js';

/** How long a verified signature is remembered: a request is accepted while its timestamp is within five minutes either way. */
export const SLACK_REPLAY_TTL_MS = 2 * SLACK_MAX_AGE_SECONDS * 1000;

/**
 * The raw request body when Slack's signature over it is valid and has not been seen before;
 * otherwise the response to send: 401/413, or an empty 200 for a replay. Slack signs timestamp and
 * body together, so a re-sent request (a second escalation from one button press) carries the same
 * signature while any changed one needs the secret: `signatures` remembers each for the replay window.
 * Reads the body exactly once, as bytes, before anything parses it.
 */
export async function verifiedSlackBody(
  c: Context,
  ctx: ChannelContext,
  signatures: TtlCache<true>,
): Promise<string | Response> {
  const bytes = await readRawBody(c, ctx.deps.config.MAX_BODY_BYTES);
  if (!bytes) return jsonError(c, 'payload_too_large', 'Forespørgslen er for stor.');
  const raw = new TextDecoder().decode(bytes);
  const ok = await verifySlackSignature(
    ctx.deps.config.SLACK_SIGNING_SECRET ?? '',
    c.req.header('x-slack-request-timestamp'),
    raw,
    c.req.header('x-slack-signature'),
    Math.floor(ctx.now().getTime() / 1000),
  );
  if (!ok) {
    ctx.logger.warn('Slack request refused: invalid or expired signature', {
      event: 'slack.signature_refused',
      path: c.req.path,
    });
    return jsonError(
      c,
      'unauthorized',
      'Ugyldig Slack-signatur eller for gammelt tidsstempel. Tjek SLACK_SIGNING_SECRET og serverens ur.',
    );
  }
  const signature = c.req.header('x-slack-signature') ?? '';
  if (signatures.has(signature)) {
    ctx.logger.info('Slack request already handled; the repeat is ignored', {
      event: 'slack.replay_ignored',
      path: c.req.path,
    });
    return c.body(null, 200, { 'x-slack-no-retry': '1' });
  }
  signatures.set(signature, true, SLACK_REPLAY_TTL_MS);
  return raw;
}
