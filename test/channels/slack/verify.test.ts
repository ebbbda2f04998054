import { describe, expect, it } from 'vitest';
import { verifySlackSignature } from '../../../src/channels/slack/verify.js';
import { SLACK_VECTOR } from './sign.js';

const { secret, timestamp, body, signature } = SLACK_VECTOR;
const now = Number(timestamp);

describe('verifySlackSignature', () => {
  it("reproduces Slack's documented example exactly", async () => {
    expect(await verifySlackSignature(secret, timestamp, body, signature, now)).toBe(true);
  });

  it('accepts a request up to five minutes old', async () => {
    expect(await verifySlackSignature(secret, timestamp, body, signature, now + 300)).toBe(true);
  });

  it('rejects a timestamp older than five minutes', async () => {
    expect(await verifySlackSignature(secret, timestamp, body, signature, now + 301)).toBe(false);
  });

  it('rejects a wrong signature', async () => {
    const wrong = `${signature.slice(0, -1)}${signature.endsWith('3') ? '4' : '3'}`;
    expect(await verifySlackSignature(secret, timestamp, body, wrong, now)).toBe(false);
  });

  it('rejects a tampered body', async () => {
    const tampered = body.replace('text=', 'text=hej');
    expect(await verifySlackSignature(secret, timestamp, tampered, signature, now)).toBe(false);
  });

  it('rejects another secret, a missing signature and a non-numeric timestamp', async () => {
    expect(await verifySlackSignature(`${secret}x`, timestamp, body, signature, now)).toBe(false);
    expect(await verifySlackSignature(secret, timestamp, body, undefined, now)).toBe(false);
    expect(await verifySlackSignature(secret, 'abc', body, signature, now)).toBe(false);
    expect(await verifySlackSignature('', timestamp, body, signature, now)).toBe(false);
  });
});
