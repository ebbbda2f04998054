import { exports } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';

describe('worker', () => {
  it('answers /healthz', async () => {
    const res = await exports.default.fetch('https://helpdesk.test/healthz');
    expect(res.status).toBe(200);
    const body = (await res.json()) as { status: string; documents: number; chunks: number };
    expect(body.status).toBe('ok');
    expect(body.documents).toBeGreaterThan(0);
  });
});
