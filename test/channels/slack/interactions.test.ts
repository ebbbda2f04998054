import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FAKE_ANSWER } from '../../support/fake-helpdesk.js';
import { buildTestApp, type StandIn, startStandIn, type TestApp } from '../helpers.js';
import { BOT_TOKEN, SIGNING_SECRET, slackHeaders } from './sign.js';

const NOW = new Date('2024-05-01T10:00:00Z');
const TS = Math.floor(NOW.getTime() / 1000);
const FORM = 'application/x-www-form-urlencoded';
const REF = JSON.stringify({
  q: 'Hvordan kommer vi i gang?',
  c: ['opi-guide#forberedelse', 'opi-guide#samarbejdsaftale'],
});

let hooks: StandIn;
let t: TestApp;

beforeEach(async () => {
  hooks = await startStandIn();
  t = buildTestApp(
    { SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_BOT_TOKEN: BOT_TOKEN },
    { now: () => NOW, options: { slackResponseUrlOrigins: [hooks.url] } },
  );
});
afterEach(async () => {
  await hooks.close();
});

function click(actionId: string, value = REF) {
  const payload = {
    type: 'block_actions',
    user: { id: 'U1' },
    channel: { id: 'C1' },
    container: { type: 'message', channel_id: 'C1', message_ts: '2.0', thread_ts: '1.0' },
    message: { text: FAKE_ANSWER.answer, ts: '2.0', thread_ts: '1.0' },
    response_url: `${hooks.url}/actions/T1/9/xyz`,
    actions: [{ action_id: actionId, block_id: 'opi_answer_actions', value, type: 'button' }],
  };
  const body = new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
  return t.app.request('/slack/interactions', { method: 'POST', body, headers: slackHeaders(body, TS, FORM) });
}

describe('POST /slack/interactions', () => {
  it('stores 👍 feedback with the question, answer and cited chunks, and thanks the user', async () => {
    expect((await click('opi_feedback_up')).status).toBe(200);
    await t.background.settle();
    expect(t.store.feedback).toEqual([
      {
        question: 'Hvordan kommer vi i gang?',
        answer: FAKE_ANSWER.answer,
        rating: 'up',
        citedChunkIds: ['opi-guide#forberedelse', 'opi-guide#samarbejdsaftale'],
        channel: 'slack',
      },
    ]);
    const sent = JSON.parse(hooks.to('/actions/T1/9/xyz')[0]?.body ?? '{}');
    expect(sent).toMatchObject({ response_type: 'ephemeral', replace_original: false, thread_ts: '1.0' });
    expect(sent.text).toMatch(/Tak for din tilbagemelding/);
  });

  it('stores 👎 feedback as "down"', async () => {
    await click('opi_feedback_down');
    await t.background.settle();
    expect(t.store.feedback.map((f) => f.rating)).toEqual(['down']);
  });

  it('creates an escalation and confirms it with its short reference', async () => {
    expect((await click('opi_escalate')).status).toBe(200);
    await t.background.settle();
    expect(t.store.escalations).toHaveLength(1);
    expect(t.store.escalations[0]).toMatchObject({
      question: 'Hvordan kommer vi i gang?',
      channel: 'slack',
      channelRef: 'C1/U1/1.0',
      conversation: [
        { role: 'user', content: 'Hvordan kommer vi i gang?' },
        { role: 'assistant', content: FAKE_ANSWER.answer },
      ],
      citedChunkIds: ['opi-guide#forberedelse', 'opi-guide#samarbejdsaftale'],
    });
    const sent = JSON.parse(hooks.to('/actions/T1/9/xyz')[0]?.body ?? '{}');
    expect(sent.text).toContain('(sag OPI-2024-0001)');
    expect(sent.text).not.toContain('esc-1');
  });

  it('ignores unknown actions and values that are not ours', async () => {
    await click('something_else');
    await click('opi_feedback_up', 'not json');
    await t.background.settle();
    expect(t.store.feedback).toHaveLength(0);
    expect(hooks.requests).toHaveLength(0);
  });

  it('rejects a payload with a bad signature', async () => {
    const body = new URLSearchParams({ payload: '{}' }).toString();
    const res = await t.app.request('/slack/interactions', {
      method: 'POST',
      body,
      headers: slackHeaders(body, TS - 600, FORM),
    });
    expect(res.status).toBe(401);
  });
});
