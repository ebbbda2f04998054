import { env, exports } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { d1Database } from '../../src/adapters/cloudflare/d1-database.js';
import { SqlStore } from '../../src/store/sql-store.js';

const DAY_MS = 86_400_000;

describe('the Worker retention purge (scheduled handler, [triggers] cron)', () => {
  it('deletes questions, feedback and resolved escalations older than RETENTION_DAYS from D1 when the cron fires', async () => {
    const store = await SqlStore.open(d1Database(env.DB));
    await store.logQuestion({
      question: 'Hvem kan jeg kontakte om OPI?',
      channel: 'api',
      answered: true,
      topScore: 0.7,
      citedChunkIds: [],
      latencyMs: 5,
    });
    await store.addFeedback({ question: 'q', answer: 'a', rating: 'up', citedChunkIds: [], channel: 'web' });
    const escalation = await store.createEscalation({
      question: 'Ring til mig',
      conversation: [],
      email: 'gammel@example.dk',
      channel: 'web',
    });

    await store.updateEscalation(escalation.id, { status: 'resolved' });

    // a run today keeps what was just stored
    await exports.default.scheduled({ scheduledTime: new Date(), cron: '17 3 * * *' });
    expect(await store.getEscalation(escalation.id)).toMatchObject({ email: 'gammel@example.dk' });

    // a run 91 days later (RETENTION_DAYS defaults to 90) removes all of it
    await exports.default.scheduled({
      scheduledTime: new Date(Date.now() + 91 * DAY_MS),
      cron: '17 3 * * *',
    });
    expect(await store.getEscalation(escalation.id)).toBeUndefined();
    const stats = await store.stats();
    expect(stats.questions.total).toBe(0);
    expect(stats.feedback.up + stats.feedback.down).toBe(0);
  });
});
