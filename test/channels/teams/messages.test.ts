import { generateKeyPair } from 'jose';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AnswerResponse, Citation } from '../../../src/answer/types.js';
import { isAllowedServiceUrl } from '../../../src/channels/teams/connector.js';
import { loadConfig } from '../../../src/config.js';
import { buildTestApp, ChannelHelpdesk, startStandIn, type TestApp } from '../helpers.js';
import {
  APP_ID,
  APP_PASSWORD,
  type BotFrameworkStandIn,
  CONNECTOR_TOKEN,
  messageActivity,
  startBotFramework,
} from './bot-framework.js';

let bf: BotFrameworkStandIn;
let t: TestApp;

beforeEach(async () => {
  bf = await startBotFramework();
  t = buildTestApp(bf.env);
});
afterEach(async () => {
  await bf.server.close();
});

async function send(activity: Record<string, unknown>, token?: string) {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  const bearer = token ?? (await bf.sign());
  if (bearer) headers.authorization = `Bearer ${bearer}`;
  return t.app.request('/teams/messages', { method: 'POST', body: JSON.stringify(activity), headers });
}

function connectorCalls() {
  return bf.server.to('/connector/');
}

describe('POST /teams/messages: token validation', () => {
  it('accepts a token signed by a key from the OpenID metadata and replies through the connector', async () => {
    const helpdesk = new ChannelHelpdesk();
    helpdesk.hold();
    t = buildTestApp(bf.env, { helpdesk });
    const res = await send(
      messageActivity(bf.serviceUrl, '<at>OPI-hjælp</at> Hvordan kommer vi i gang med et OPI-projekt?'),
    );
    expect(res.status).toBe(202);
    expect(connectorCalls()).toHaveLength(0);

    helpdesk.release();
    await t.background.settle();
    expect(helpdesk.callsOf('ask')[0]?.args).toEqual([
      { question: 'Hvordan kommer vi i gang med et OPI-projekt?' },
      { channel: 'teams' },
    ]);
    expect(t.store.questions.map((q) => [q.channel, q.answered])).toEqual([['teams', true]]);

    const token = bf.server.to('/token');
    expect(token).toHaveLength(1);
    expect(Object.fromEntries(new URLSearchParams(token[0]?.body))).toEqual({
      grant_type: 'client_credentials',
      client_id: APP_ID,
      client_secret: APP_PASSWORD,
      scope: 'https://api.botframework.com/.default',
    });

    const [reply] = connectorCalls();
    expect(reply?.method).toBe('POST');
    expect(reply?.path).toBe(
      `/connector/v3/conversations/${encodeURIComponent('a:1conversation-id;messageid=1')}/activities/1714557000123`,
    );
    expect(reply?.headers.authorization).toBe(`Bearer ${CONNECTOR_TOKEN}`);
    const body = JSON.parse(reply?.body ?? '{}');
    expect(body).toMatchObject({
      type: 'message',
      replyToId: '1714557000123',
      channelData: { feedbackLoopEnabled: true },
    });
    expect(body.text).toContain('[1]');
    expect(body.entities[0]).toMatchObject({ '@type': 'Message', type: 'https://schema.org/Message' });
    expect(body.entities[0].citation[0]).toEqual({
      '@type': 'Claim',
      position: 1,
      appearance: {
        '@type': 'DigitalDocument',
        name: 'Sådan kommer I i gang med OPI — Forberedelse',
        url: 'https://opi.example.dk/docs/opi-guide#forberedelse',
        abstract: 'Start med at beskrive behovet og find de rette partnere.',
      },
    });
    expect(body.attachments).toBeUndefined();
  });

  it('allows five minutes of clock skew on expiry', async () => {
    const res = await send(
      messageActivity(bf.serviceUrl, 'Hej'),
      await bf.sign({ exp: Math.floor(Date.now() / 1000) - 120 }),
    );
    expect(res.status).toBe(202);
  });

  const rejected: [string, () => Promise<string>][] = [
    ['a wrong audience', () => bf.sign({ aud: '99999999-2222-3333-4444-555555555555' })],
    ['a wrong issuer', () => bf.sign({ iss: 'https://evil.example.com' })],
    ['an expired token', () => bf.sign({ exp: Math.floor(Date.now() / 1000) - 600 })],
    ['a bad signature', async () => bf.sign({}, { key: (await generateKeyPair('RS256')).privateKey })],
    ['an unknown key id', () => bf.sign({}, { kid: 'other-key' })],
    ['a serviceUrl claim that differs from the activity', () => bf.sign({ serviceUrl: 'https://evil.example.com/' })],
    ['a token without serviceUrl claim', () => bf.sign({ serviceUrl: undefined })],
    ['no token at all', async () => ''],
  ];
  for (const [name, token] of rejected) {
    it(`rejects ${name} with 401`, async () => {
      const res = await send(messageActivity(bf.serviceUrl, 'Hej'), await token());
      expect(res.status).toBe(401);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('unauthorized');
      await t.background.settle();
      expect(t.helpdesk.callsOf('ask')).toHaveLength(0);
      expect(connectorCalls()).toHaveLength(0);
    });
  }

  it('sends no reply, and so not its bearer token, to a serviceUrl outside TEAMS_SERVICE_URL_HOSTS, even with a valid token', async () => {
    const elsewhere = await startStandIn(() => ({ json: { id: 'stolen' } }));
    try {
      const serviceUrl = `${elsewhere.url}/connector/`;
      const res = await send(messageActivity(serviceUrl, 'Hvad er OPI?'), await bf.sign({ serviceUrl }));
      expect(res.status).toBe(403);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('forbidden');
      await t.background.settle();
      expect(elsewhere.requests).toEqual([]);
      expect(bf.server.to('/token')).toHaveLength(0);
      expect(t.helpdesk.callsOf('ask')).toHaveLength(0);
    } finally {
      await elsewhere.close();
    }
  });

  it('rejects a key whose endorsements do not include the channel', async () => {
    await bf.server.close();
    bf = await startBotFramework(['skype']);
    t = buildTestApp(bf.env);
    expect((await send(messageActivity(bf.serviceUrl, 'Hej'))).status).toBe(401);
  });

  it('caches the signing keys and the bot token', async () => {
    await send(messageActivity(bf.serviceUrl, 'Første'));
    await send(messageActivity(bf.serviceUrl, 'Anden', { id: '2' }));
    await t.background.settle();
    expect(bf.server.to('/openid')).toHaveLength(1);
    expect(bf.server.to('/keys')).toHaveLength(1);
    expect(bf.server.to('/token')).toHaveLength(1);
    expect(connectorCalls()).toHaveLength(2);
  });
});

describe('POST /teams/messages: replies, feedback and escalation', () => {
  it('sends at most 20 citations', async () => {
    const citations: Citation[] = Array.from({ length: 25 }, (_, i) => ({
      id: i + 1,
      docId: `d${i}`,
      chunkId: `d${i}#a`,
      title: `Et meget langt dokumentnavn der bliver ved og ved med at fortsætte nummer ${i + 1}`,
      section: 'Afsnit',
      text: 'x'.repeat(400),
      url: `/docs/d${i}#a`,
      score: 0.5,
    }));
    const answer: AnswerResponse = { answer: 'Svar [1] [25].', answered: true, citations };
    t = buildTestApp(bf.env, { helpdesk: new ChannelHelpdesk({ answer }) });
    await send(messageActivity(bf.serviceUrl, 'Mange kilder?'));
    await t.background.settle();
    const body = JSON.parse(connectorCalls()[0]?.body ?? '{}');
    const sent = body.entities[0].citation as { position: number; appearance: { name: string; abstract: string } }[];
    expect(sent).toHaveLength(20);
    expect(sent.map((c) => c.position)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    for (const c of sent) {
      expect(c.appearance.name.length).toBeLessThanOrEqual(80);
      expect(c.appearance.abstract.length).toBeLessThanOrEqual(160);
    }
  });

  it('offers an escalation button when unanswered, and creates the escalation when pressed', async () => {
    await send(messageActivity(bf.serviceUrl, 'Hvad koster en pizza i Rom?'));
    await t.background.settle();
    const body = JSON.parse(connectorCalls()[0]?.body ?? '{}');
    const button = body.attachments[0].content.buttons[0];
    expect(button).toMatchObject({ type: 'messageBack', title: 'Jeg vil gerne tale med en rådgiver' });

    await send(messageActivity(bf.serviceUrl, button.text, { id: '3', value: button.value }));
    await t.background.settle();
    expect(t.helpdesk.callsOf('ask')).toHaveLength(1);
    expect(t.store.escalations).toEqual([
      {
        question: 'Hvad koster en pizza i Rom?',
        conversation: [{ role: 'user', content: 'Hvad koster en pizza i Rom?' }],
        channel: 'teams',
        channelRef: 'a:1conversation-id;messageid=1/29:user-1',
        name: 'Mette Hansen',
      },
    ]);
    const confirmation = JSON.parse(connectorCalls()[1]?.body ?? '{}');
    expect(confirmation.text).toContain('(sag OPI-2024-0001)');
    expect(confirmation.text).not.toContain('esc-1');
  });

  it('stores Teams feedback (message/submitAction) on a reply it sent', async () => {
    await send(messageActivity(bf.serviceUrl, 'Hvordan kommer vi i gang?'));
    await t.background.settle();
    const invoke = messageActivity(bf.serviceUrl, '', {
      type: 'invoke',
      name: 'message/submitAction',
      id: '4',
      replyToId: 'reply-1',
      value: {
        actionName: 'feedback',
        actionValue: { reaction: 'dislike', feedback: '{"feedbackText":"Mangler kilder"}' },
      },
    });
    const res = await send(invoke);
    expect(res.status).toBe(200);
    await t.background.settle();
    expect(t.store.feedback).toEqual([
      {
        question: 'Hvordan kommer vi i gang?',
        answer: 'Beskriv behovet og find partnere [1]. Aftal roller skriftligt [2].',
        rating: 'down',
        comment: 'Mangler kilder',
        citedChunkIds: ['opi-guide#forberedelse', 'opi-guide#samarbejdsaftale'],
        channel: 'teams',
      },
    ]);
  });

  it('acknowledges other activities without answering', async () => {
    const res = await send(messageActivity(bf.serviceUrl, '', { type: 'conversationUpdate' }));
    expect(res.status).toBe(202);
    await t.background.settle();
    expect(t.helpdesk.callsOf('ask')).toHaveLength(0);
  });
});

describe('isAllowedServiceUrl (TEAMS_SERVICE_URL_HOSTS)', () => {
  const defaults = loadConfig({}).TEAMS_SERVICE_URL_HOSTS;

  it("allows Microsoft's Bot Connector hosts by default, over https only", () => {
    for (const url of [
      'https://smba.trafficmanager.net/emea/',
      'https://smba.trafficmanager.net/amer/',
      'https://smba.infra.gcc.teams.microsoft.com/teams',
      'https://smba.infra.dod.teams.microsoft.us/teams',
      'https://webchat.botframework.com/',
    ]) {
      expect(isAllowedServiceUrl(url, defaults), url).toBe(true);
    }
    for (const url of [
      'http://smba.trafficmanager.net/emea/',
      'https://smba.trafficmanager.net:8443/emea/',
      'https://smba.trafficmanager.net.evil.example/emea/',
      'https://evil.example/smba.trafficmanager.net/',
      'https://smba.trafficmanager.net@evil.example/',
      'https://user:pw@smba.trafficmanager.net/',
      'https://botframework.com.evil.example/',
      'https://evilbotframework.com/',
      'not a url',
    ]) {
      expect(isAllowedServiceUrl(url, defaults), url).toBe(false);
    }
  });

  it('takes a whole origin for a local emulator or stand-in', () => {
    expect(isAllowedServiceUrl('http://127.0.0.1:3978/connector/', ['http://127.0.0.1:3978'])).toBe(true);
    expect(isAllowedServiceUrl('http://127.0.0.1:3979/connector/', ['http://127.0.0.1:3978'])).toBe(false);
  });
});
