import { afterEach, describe, expect, it, vi } from 'vitest';
import { createApi, type EscalationBody } from '../../src/widget/api.js';

/** Stub `fetch` to answer every call with `body` as JSON (status 201), recording the URLs called. */
function answerWith(body: unknown): string[] {
  const calls: string[] = [];
  vi.stubGlobal('fetch', async (url: URL) => {
    calls.push(String(url));
    return new Response(JSON.stringify(body), { status: 201, headers: { 'content-type': 'application/json' } });
  });
  return calls;
}

const escalation: EscalationBody = {
  question: 'Hvem ejer rettighederne?',
  conversation: [],
  email: 'a@b.dk',
  channel: 'web',
};

describe('createApi().escalate', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it("returns the escalation's short reference next to its id", async () => {
    const calls = answerWith({
      id: 'f954f434-2c1e-4f7e-9a51-0d2b8f1c9e77',
      reference: 'OPI-2026-0042',
      status: 'open',
    });
    await expect(createApi('https://helpdesk.example.dk/').escalate(escalation)).resolves.toEqual({
      id: 'f954f434-2c1e-4f7e-9a51-0d2b8f1c9e77',
      reference: 'OPI-2026-0042',
    });
    expect(calls).toEqual(['https://helpdesk.example.dk/api/escalations']);
  });

  it('reads both from a nested `escalation` object, too', async () => {
    answerWith({ escalation: { id: 'e1', reference: 'OPI-2026-0007' } });
    await expect(createApi('https://h.dk/').escalate(escalation)).resolves.toEqual({
      id: 'e1',
      reference: 'OPI-2026-0007',
    });
  });

  it('leaves out a reference the server does not send, or sends empty or as an object', async () => {
    answerWith({ id: 'e2' });
    await expect(createApi('https://h.dk/').escalate(escalation)).resolves.toEqual({ id: 'e2' });
    answerWith({ id: 'e3', reference: '' });
    await expect(createApi('https://h.dk/').escalate(escalation)).resolves.toEqual({ id: 'e3' });
    answerWith({ id: 'e4', reference: { text: 'x' } });
    await expect(createApi('https://h.dk/').escalate(escalation)).resolves.toEqual({ id: 'e4' });
  });
});
