import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { d1Database } from '../../src/adapters/cloudflare/d1-database.js';
import { MIGRATIONS, migrate, schemaVersion } from '../../src/store/migrations.js';
import { SqlStore } from '../../src/store/sql-store.js';

describe('D1 store on local D1 (workerd)', () => {
  it('applies the migrations once and records the schema version', async () => {
    const db = d1Database(env.DB);
    await migrate(db);
    const newest = Math.max(...MIGRATIONS.map((m) => m.version));
    expect(await schemaVersion(db)).toBe(newest);
    expect(await migrate(db)).toEqual([]);
    const tables = await db.all<{ name: string }>("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name");
    expect(tables.map((t) => t.name)).toEqual(expect.arrayContaining(['questions', 'feedback', 'escalations']));
  });

  it('keeps questions, feedback and escalations through SqlStore', async () => {
    const store = await SqlStore.open(d1Database(env.DB));
    const before = await store.stats();
    await store.logQuestion({
      question: 'Hvad er OPI?',
      channel: 'api',
      answered: true,
      topScore: 0.8,
      citedChunkIds: ['hvad-er-opi#intro'],
      latencyMs: 12,
    });
    const feedback = await store.addFeedback({
      question: 'Hvad er OPI?',
      answer: 'Offentlig-privat innovation [1]',
      rating: 'down',
      citedChunkIds: [],
      channel: 'web',
    });
    expect(feedback.id).toMatch(/\S/);
    const escalation = await store.createEscalation({
      question: 'Kan I ringe mig op?',
      conversation: [],
      email: 'borger@example.dk',
      channel: 'web',
    });
    expect(escalation.status).toBe('open');
    const updated = await store.updateEscalation(escalation.id, { status: 'assigned', assignee: 'Sekretariatet' });
    expect(updated).toMatchObject({ status: 'assigned', assignee: 'Sekretariatet' });
    expect(await store.getEscalation(escalation.id)).toMatchObject({ email: 'borger@example.dk' });

    const after = await store.stats();
    expect(after.questions.total).toBe(before.questions.total + 1);
    expect(after.feedback.down).toBe(before.feedback.down + 1);
    expect(after.escalations.assigned).toBe(before.escalations.assigned + 1);
    expect((await store.deleteByEmail('BORGER@example.dk')).escalations).toBeGreaterThanOrEqual(1);
    expect(await store.getEscalation(escalation.id)).toBeUndefined();
  });

  it('keeps a console sign-out in D1 for every isolate until the session’s expiry, and an escalation’s cited chunk ids', async () => {
    let now = Date.parse('2026-12-06T10:00:00Z');
    const store = await SqlStore.open(d1Database(env.DB), { now: () => new Date(now) });
    const other = await SqlStore.open(d1Database(env.DB), { now: () => new Date(now) });
    await store.revokeSession('d1-session', new Date(now + 3_600_000));
    expect(await other.isSessionRevoked('d1-session')).toBe(true);
    expect(await other.isSessionRevoked('another-session')).toBe(false);
    now += 2 * 3_600_000;
    expect(await other.isSessionRevoked('d1-session')).toBe(false);
    const escalation = await store.createEscalation({
      question: 'Hvad sagde kilden?',
      conversation: [],
      channel: 'web',
      citedChunkIds: ['hvad-er-opi#intro'],
    });
    expect((await other.getEscalation(escalation.id))?.citedChunkIds).toEqual(['hvad-er-opi#intro']);
  });

  it('rolls a failing batch back as a whole', async () => {
    const db = d1Database(env.DB);
    await db.exec('CREATE TABLE IF NOT EXISTS batch_probe (id TEXT PRIMARY KEY)');
    await expect(
      db.batch([
        { sql: 'INSERT INTO batch_probe (id) VALUES (?)', params: ['a'] },
        { sql: 'INSERT INTO batch_probe (id) VALUES (?)', params: ['a'] },
      ]),
    ).rejects.toThrow(/UNIQUE/);
    expect(await db.first<{ n: number }>('SELECT COUNT(*) AS n FROM batch_probe')).toEqual({ n: 0 });
    expect(await db.run('INSERT INTO batch_probe (id) VALUES (?)', ['b'])).toEqual({ changes: 1 });
    expect(await db.first('SELECT id FROM batch_probe WHERE id = ?', ['zzz'])).toBeUndefined();
  });
});
