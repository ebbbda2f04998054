import { describe, expect, it } from 'vitest';
import { openSqliteStore } from '../../../src/adapters/node/sqlite-store.js';
import { createApp } from '../../../src/http/app.js';
import { get, postJson, testDeps } from '../../support/http.js';
import { TOKEN } from './support.js';

const auth = { authorization: `Bearer ${TOKEN}` };

describe('the escalation detail with the escalated answer’s passages', () => {
  it('keeps the chunk ids the widget sends and shows their passages from the index, naming those gone since', async () => {
    const store = await openSqliteStore(':memory:');
    const app = createApp(testDeps({ store, env: { ADMIN_TOKEN: TOKEN } }));
    const created = await app.request(
      postJson('/api/escalations', {
        question: 'Hvem ejer rettighederne?',
        conversation: [
          { role: 'user', content: 'Hvem ejer rettighederne?' },
          { role: 'assistant', content: 'Aftal rettigheder og roller skriftligt [1].' },
        ],
        citedChunkIds: ['opi-guide#samarbejdsaftale', 'slettet-dokument#afsnit'],
      }),
    );
    expect(created.status).toBe(201);
    const { id } = (await created.json()) as { id: string };
    const res = await app.request(get(`/api/admin/escalations/${id}`, auth));
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.escalation.citedChunkIds).toEqual(['opi-guide#samarbejdsaftale', 'slettet-dokument#afsnit']);
    expect(body.passages).toEqual([
      {
        chunkId: 'opi-guide#samarbejdsaftale',
        docId: 'opi-guide',
        title: 'Sådan kommer I i gang med OPI',
        section: 'Forberedelse › Samarbejdsaftale',
        text: 'Aftal rettigheder og roller skriftligt, før I går i gang.',
        url: '/docs/opi-guide#samarbejdsaftale',
      },
    ]);
    expect(body.missing).toEqual(['slettet-dokument#afsnit']);
    await store.close();
  });

  it('shows no passages for a case without citations, and refuses more than 50 chunk ids', async () => {
    const store = await openSqliteStore(':memory:');
    const app = createApp(testDeps({ store, env: { ADMIN_TOKEN: TOKEN } }));
    const { id } = (await (await app.request(postJson('/api/escalations', { question: 'Hjælp' }))).json()) as {
      id: string;
    };
    expect(await (await app.request(get(`/api/admin/escalations/${id}`, auth))).json()).toMatchObject({
      passages: [],
      missing: [],
    });
    const many = Array.from({ length: 51 }, (_, i) => `opi-guide#a${i}`);
    const refused = await app.request(postJson('/api/escalations', { question: 'Hjælp', citedChunkIds: many }));
    expect(refused.status).toBe(400);
    await store.close();
  });
});
