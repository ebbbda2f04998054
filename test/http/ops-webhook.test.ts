import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { json, opsApp, tempStore } from '../ops/helpers.js';

interface Received {
  method: string;
  path: string;
  contentType: string | undefined;
  body: unknown;
}

/** A local webhook receiver that records each request and answers `status`. */
async function recordingServer(status = 200) {
  const received: Received[] = [];
  const server: Server = createServer(async (req: IncomingMessage, res) => {
    let raw = '';
    for await (const chunk of req) raw += chunk;
    received.push({
      method: req.method!,
      path: req.url!,
      contentType: req.headers['content-type'],
      body: JSON.parse(raw),
    });
    res.writeHead(status, { 'content-type': 'text/plain' }).end(status === 200 ? 'ok' : 'no');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    received,
    url: `http://127.0.0.1:${port}/services/T000/B000/SECRETTOKEN123`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

let ctx: Awaited<ReturnType<typeof tempStore>>;
let hook: Awaited<ReturnType<typeof recordingServer>> | undefined;

beforeEach(async () => {
  ctx = await tempStore();
});
afterEach(async () => {
  await hook?.close();
  hook = undefined;
  await ctx.cleanup();
});

const escalation = { question: 'Hvordan <deler> vi rettighederne & data?', name: 'Anne', email: 'anne@kommune.dk' };

describe('escalation notifications', () => {
  it('posts a Slack incoming-webhook message without contact details', async () => {
    hook = await recordingServer();
    const { app, background, logger } = opsApp({
      store: ctx.store,
      env: {
        ESCALATION_WEBHOOK_URL: hook.url,
        ESCALATION_WEBHOOK_KIND: 'slack',
        PUBLIC_BASE_URL: 'https://helpdesk.example.dk/',
      },
    });
    const res = await app.request('/api/escalations', json('POST', escalation));
    expect(res.status).toBe(201);
    const { id, reference } = (await res.json()) as { id: string; reference: string };
    expect(await background.settle()).toEqual([true]);

    expect(hook.received).toHaveLength(1);
    const [msg] = hook.received;
    expect(msg).toMatchObject({
      method: 'POST',
      path: '/services/T000/B000/SECRETTOKEN123',
      contentType: 'application/json',
    });
    const body = msg!.body as {
      text: string;
      blocks: { type: string; text?: { text: string }; fields?: { text: string }[] }[];
    };
    expect(body.text).toContain(`Ny henvendelse til OPI-sekretariatet (${reference})`);
    expect(body.blocks.map((b) => b.type)).toEqual(['header', 'section', 'section', 'context']);
    expect(body.blocks[1]!.text!.text).toContain('Hvordan &lt;deler&gt; vi rettighederne &amp; data?');
    const fields = body.blocks[2]!.fields!.map((f) => f.text).join('\n');
    expect(fields).toContain(`*Sag*\n${reference}`);
    expect(fields).toContain(`https://helpdesk.example.dk/api/admin/escalations/${id}`);
    expect(JSON.stringify(body)).not.toContain('anne@kommune.dk');
    expect(JSON.stringify(body)).not.toContain('Anne');
    expect(logger.lines.filter((l) => l.level === 'warn')).toEqual([]);
  });

  it('posts a Teams message with an Adaptive Card', async () => {
    hook = await recordingServer();
    const { app, background } = opsApp({
      store: ctx.store,
      env: { ESCALATION_WEBHOOK_URL: hook.url, ESCALATION_WEBHOOK_KIND: 'teams' },
    });
    const res = await app.request('/api/escalations', json('POST', { ...escalation, channel: 'api' }));
    const { reference } = (await res.json()) as { reference: string };
    expect(reference).toMatch(/^OPI-\d{4}-\d{4}$/);
    await background.settle();
    const body = hook.received[0]!.body as {
      type: string;
      attachments: {
        contentType: string;
        content: {
          type: string;
          version: string;
          body: { type: string; text?: string; facts?: { title: string; value: string }[] }[];
        };
      }[];
    };
    expect(body.type).toBe('message');
    expect(body.attachments).toHaveLength(1);
    const card = body.attachments[0]!;
    expect(card.contentType).toBe('application/vnd.microsoft.card.adaptive');
    expect(card.content).toMatchObject({ type: 'AdaptiveCard', version: '1.4' });
    expect(card.content.body[1]!.text).toBe(escalation.question);
    const facts = card.content.body.find((b) => b.type === 'FactSet')!.facts!;
    expect(facts).toContainEqual({ title: 'Sag', value: reference });
    expect(facts).toContainEqual({ title: 'Kanal', value: 'api' });
  });

  it('never fails the request when the webhook refuses, and logs no URL', async () => {
    hook = await recordingServer(500);
    const { app, background, logger } = opsApp({ store: ctx.store, env: { ESCALATION_WEBHOOK_URL: hook.url } });
    const res = await app.request('/api/escalations', json('POST', escalation));
    expect(res.status).toBe(201);
    expect(await background.settle()).toEqual([false]);
    const warns = logger.lines.filter((l) => l.level === 'warn');
    expect(warns).toHaveLength(1);
    expect(warns[0]!.data).toMatchObject({ kind: 'slack', status: 500 });
    expect(JSON.stringify(logger.lines)).not.toContain('SECRETTOKEN123');
    expect(await ctx.store.listEscalations()).toHaveLength(1);
  });

  it('survives an unreachable webhook', async () => {
    hook = await recordingServer();
    const url = hook.url;
    await hook.close();
    hook = undefined;
    const { app, background, logger } = opsApp({ store: ctx.store, env: { ESCALATION_WEBHOOK_URL: url } });
    const res = await app.request('/api/escalations', json('POST', escalation));
    expect(res.status).toBe(201);
    expect(await background.settle()).toEqual([false]);
    expect(logger.lines.find((l) => l.level === 'warn')?.data).toMatchObject({ kind: 'slack', error: 'TypeError' });
    expect(JSON.stringify(logger.lines)).not.toContain('SECRETTOKEN123');
  });

  it('sends nothing when no webhook is configured', async () => {
    const { app, background } = opsApp({ store: ctx.store });
    expect((await app.request('/api/escalations', json('POST', escalation))).status).toBe(201);
    expect(background.pending).toEqual([]);
  });
});
