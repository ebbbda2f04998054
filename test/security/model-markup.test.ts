import { FakeListChatModel } from '@langchain/core/utils/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import { createChatComposer } from '../../src/answer/chat/chat-composer.js';
import { loadConfig } from '../../src/config.js';
import { createApp } from '../../src/http/app.js';
import { silentLogger } from '../../src/logger.js';
import { createNodeHelpdesk } from '../../src/runtime/node-helpdesk.js';
import { postJson, readEvents } from '../support/http.js';

/** What a model told to by the question ("end with this link") might write. */
const HOSTILE =
  'Der findes fire [former](https://evil.example/phish) for samarbejde ![](https://evil.example/p.png) [1]. ' +
  'Valget afhænger af <a href="https://evil.example">opgaven</a> <img src=x onerror=alert(1)> og af hvor forpligtende samarbejdet skal være [1]. ' +
  'Klik på https://evil.example/login eller www.evil.example for at læse mere om samarbejde [1].';
/** Anything that becomes a link to another host, an image or HTML somewhere. */
const FOREIGN = /evil|<|>|onerror|!\[/i;

let app: ReturnType<typeof createApp>;
beforeAll(async () => {
  const config = loadConfig({
    CORPUS_DIR: 'test/fixtures/helpdesk-corpus',
    WATCH_CORPUS: 'false',
    RATE_LIMIT_PER_MINUTE: '0',
    PUBLIC_BASE_URL: 'https://opi.example',
  });
  const { helpdesk, manager } = await createNodeHelpdesk({
    config,
    logger: silentLogger,
    inMemory: true,
    vectorStore: 'exact',
    composer: (extractive) =>
      createChatComposer({
        model: new FakeListChatModel({ responses: [HOSTILE] }),
        fallback: extractive,
        baseUrl: 'https://opi.example',
        contextTokens: 8192,
      }),
  });
  await manager.open();
  app = createApp({ helpdesk, config, logger: silentLogger });
});

describe('a chat model answer with links, images and HTML', () => {
  const question = { question: 'Hvilke former for samarbejde findes der i OPI?' };

  it('reaches JSON clients as text without links to other hosts, images or HTML', async () => {
    const res = await app.request(postJson('/api/ask', question));
    expect(res.status).toBe(200);
    const body = (await res.json()) as { answer: string; answered: boolean };
    expect(body.answered).toBe(true);
    expect(body.answer).toMatch(/fire former for samarbejde/);
    expect(body.answer).not.toMatch(FOREIGN);
  });

  it('never streams them in an SSE delta, not even before the check has run', async () => {
    const res = await app.request(postJson('/api/ask', question, { Accept: 'text/event-stream' }));
    const events = await readEvents(res);
    const deltas = events.filter((e) => e.event === 'delta');
    expect(deltas.length).toBeGreaterThan(0);
    for (const e of deltas) expect(JSON.parse(e.data).text).not.toMatch(FOREIGN);
    const done = JSON.parse(events.find((e) => e.event === 'done')!.data) as { answer: string };
    expect(done.answer).toMatch(/fire former for samarbejde/);
    expect(done.answer).not.toMatch(FOREIGN);
  });
});
