import { hmacSha256, timingSafeEqual, toHex } from '../shared/crypto.js';

/** Oldest accepted request timestamp, in seconds before now (Slack's replay window). */
export const SLACK_MAX_AGE_SECONDS = 5 * 60;

/**
 * True when `signature` (`X-Slack-Signature`, `v0=<hex>`) is Slack's HMAC-SHA256 of
 * `v0:{timestamp}:{rawBody}` under the signing secret and the timestamp
 * (`X-Slack-Request-Timestamp`, seconds) is within five minutes of `nowSeconds`.
 */
export async function verifySlackSignature(
  secret: string,
  timestamp: string | undefined,
  rawBody: string,
  signature: string | undefined,
  nowSeconds: number,
): Promise<boolean> {
  if (!secret || !timestamp || !signature || !/^\d{1,12}$/.test(timestamp)) return false;
  if (Math.abs(nowSeconds - Number(timestamp)) > SLACK_MAX_AGE_SECONDS) return false;
  const expected = `v0=${toHex(await hmacSha256(secret, `v0:${timestamp}:${rawBody}`))}`;
  return timingSafeEqual(expected, signature);
}
