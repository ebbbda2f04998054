import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openSqliteStore } from '../../src/adapters/node/sqlite-store.js';
import { sqliteDatabase } from '../../src/adapters/node/sqlite-database.js';
import { migrate, MIGRATIONS, schemaVersion } from '../../src/store/migrations.js';
import type { SqlStore } from '../../src/store/sql-store.js';
import { EscalationInput, FeedbackInput } from '../../src/store/store.js';

let dir: string;
let path: string;
let stores: SqlStore[];

/** A clock the test moves by hand. */
function clock(start = '2025-01-01T10:00:00.000Z') {
  let t = new Date(start).getTime();
  return {
    now: () => new Date(t),
    advanceDays(days: number) {
      t += days * 86_400_000;
    },
  };
}

async function open(options: Parameters<typeof openSqliteStore>[1] = {}) {
  const store = await openSqliteStore(path, options);
  stores.push(store);
  return store;
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'helpdesk-store-'));
  path = join(dir, 'nested', 'helpdesk.sqlite');
  stores = [];
});

afterEach(async () => {
  for (const s of stores) await s.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('migrations', () => {
  it('creates the schema once and is idempotent', async () => {
    const raw = new Database(join(dir, 'm.sqlite'));
    const db = sqliteDatabase(raw);
    expect(await schemaVersion(db)).toBe(0);
    expect(await migrate(db)).toEqual(MIGRATIONS.map((m) => m.version));
    expect(await migrate(db)).toEqual([]);
    expect(await schemaVersion(db)).toBe(MIGRATIONS.at(-1)!.version);
    const tables = raw.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all();
    expect(tables.map((t) => (t as { name: string }).name)).toEqual([
      'document_changes',
      'escalation_sequences',
      'escalations',
      'feedback',
      'questions',
      'revoked_sessions',
      'schema_migrations',
    ]);
    const count = raw.prepare('SELECT COUNT(*) AS n FROM schema_migrations').get() as { n: number };
    expect(count.n).toBe(MIGRATIONS.length);
    await db.close();
  });

  it('rolls back a migration that fails halfway', async () => {
    const db = sqliteDatabase(new Database(':memory:'));
    const broken = [{ version: 1, name: 'broken', statements: ['CREATE TABLE a (x INTEGER)', 'THIS IS NOT SQL'] }];
    await expect(migrate(db, broken)).rejects.toThrow(/syntax error/);
    expect(await schemaVersion(db)).toBe(0);
    await expect(db.all("SELECT * FROM sqlite_master WHERE name = 'a'")).resolves.toEqual([]);
    await db.close();
  });

  it('opens the file in WAL mode', async () => {
    const store = await open();
    await store.close();
    const raw = new Database(path);
    expect(raw.pragma('journal_mode', { simple: true })).toBe('wal');
    raw.close();
  });
});

describe('SqlStore', () => {
  it('logs questions and reads them back with filters', async () => {
    const c = clock();
    const store = await open({ now: c.now });
    await store.logQuestion({
      question: 'Hvad er OPI?',
      channel: 'web',
      answered: true,
      topScore: 0.8,
      citedChunkIds: ['hvad-er-opi#intro'],
      latencyMs: 12.5,
    });
    c.advanceDays(1);
    await store.logQuestion({
      question: 'Hvem ejer IP-rettighederne?',
      channel: 'slack',
      answered: false,
      topScore: 0.1,
      citedChunkIds: [],
      latencyMs: 30,
    });
    const all = await store.listQuestions();
    expect(all.map((q) => q.question)).toEqual(['Hvad er OPI?', 'Hvem ejer IP-rettighederne?']);
    expect(all[0]).toMatchObject({
      channel: 'web',
      answered: true,
      topScore: 0.8,
      citedChunkIds: ['hvad-er-opi#intro'],
      latencyMs: 12.5,
      at: '2025-01-01T10:00:00.000Z',
    });
    expect(all[0]!.id).toMatch(/^[0-9a-f-]{36}$/);
    expect((await store.listQuestions({ answered: false })).map((q) => q.channel)).toEqual(['slack']);
    expect(await store.listQuestions({ since: new Date('2025-01-02T00:00:00Z') })).toHaveLength(1);
    expect(await store.listQuestions({ limit: 1 })).toHaveLength(1);
  });

  it('stores feedback with comment and citations', async () => {
    const store = await open();
    const saved = await store.addFeedback(
      FeedbackInput.parse({
        question: 'Hvad er OPI?',
        answer: 'OPI er … [1]',
        rating: 'down',
        comment: 'Mangler eksempler',
        citedChunkIds: ['hvad-er-opi#intro'],
      }),
    );
    await store.addFeedback(FeedbackInput.parse({ question: 'Hvad er OPI?', answer: 'OPI er … [1]', rating: 'up' }));
    const down = await store.listFeedback({ rating: 'down' });
    expect(down).toEqual([saved]);
    expect(down[0]).toMatchObject({
      comment: 'Mangler eksempler',
      channel: 'web',
      citedChunkIds: ['hvad-er-opi#intro'],
    });
    const up = await store.listFeedback({ rating: 'up' });
    expect(up[0]).not.toHaveProperty('comment');
    expect(await store.stats()).toMatchObject({ feedback: { up: 1, down: 1 } });
  });

  it('walks an escalation through its lifecycle and refuses invalid transitions', async () => {
    const c = clock();
    const store = await open({ now: c.now });
    const created = await store.createEscalation(
      EscalationInput.parse({
        question: 'Må vi bruge en innovationspartnerskab?',
        conversation: [{ role: 'user', content: 'Må vi bruge et innovationspartnerskab?' }],
        name: 'Mette',
        email: 'Mette@Kommune.DK',
        channel: 'slack',
        channelRef: 'U123',
      }),
    );
    expect(created).toMatchObject({ status: 'open', email: 'mette@kommune.dk', channelRef: 'U123' });
    expect(await store.getEscalation(created.id)).toEqual(created);

    await expect(store.updateEscalation(created.id, { status: 'assigned' })).rejects.toThrow(/assignee/);
    c.advanceDays(1);
    const assigned = await store.updateEscalation(created.id, { assignee: 'Søren' });
    expect(assigned).toMatchObject({ status: 'assigned', assignee: 'Søren', updatedAt: '2025-01-02T10:00:00.000Z' });
    expect(assigned!.createdAt).toBe(created.createdAt);

    await expect(store.updateEscalation(created.id, { status: 'answered' })).rejects.toThrow(/answer/);
    const answered = await store.updateEscalation(created.id, { answer: 'Ja, se vejledningen.', notes: 'ringet op' });
    expect(answered).toMatchObject({ status: 'answered', answer: 'Ja, se vejledningen.', notes: 'ringet op' });
    await expect(store.updateEscalation(created.id, { status: 'open' })).rejects.toThrow(/kan ikke skifte til "open"/);

    const resolved = await store.updateEscalation(created.id, { status: 'resolved' });
    expect(resolved!.status).toBe('resolved');
    await expect(store.updateEscalation(created.id, { status: 'assigned' })).rejects.toMatchObject({
      code: 'bad_request',
      details: { fields: ['status'], from: 'resolved', to: 'assigned' },
    });
    // Notes may still be added to a resolved case.
    expect(await store.updateEscalation(created.id, { notes: 'lukket' })).toMatchObject({ status: 'resolved' });

    expect(await store.updateEscalation('no-such-id', { notes: 'x' })).toBeUndefined();
    expect(await store.getEscalation('no-such-id')).toBeUndefined();
  });

  it('lists escalations by status, newest first', async () => {
    const c = clock();
    const store = await open({ now: c.now });
    const a = await store.createEscalation(EscalationInput.parse({ question: 'Første' }));
    c.advanceDays(1);
    const b = await store.createEscalation(EscalationInput.parse({ question: 'Anden' }));
    await store.updateEscalation(a.id, { assignee: 'Ida' });
    expect((await store.listEscalations()).map((e) => e.id)).toEqual([b.id, a.id]);
    expect((await store.listEscalations({ status: 'open' })).map((e) => e.id)).toEqual([b.id]);
    expect((await store.listEscalations({ status: 'assigned' })).map((e) => e.id)).toEqual([a.id]);
    expect((await store.stats()).escalations).toEqual({ open: 1, assigned: 1, answered: 0, resolved: 0 });
  });

  it('purges old logs and feedback, and resolved escalations past retention, keeping open cases', async () => {
    const c = clock('2025-01-01T00:00:00.000Z');
    const store = await open({ now: c.now });
    const log = (question: string) =>
      store.logQuestion({ question, channel: 'web', answered: false, topScore: 0, citedChunkIds: [], latencyMs: 1 });
    await log('gammel');
    await store.addFeedback(FeedbackInput.parse({ question: 'gammel', answer: 'x', rating: 'down' }));
    const oldOpen = await store.createEscalation(EscalationInput.parse({ question: 'gammel åben', email: 'a@b.dk' }));
    const oldResolved = await store.createEscalation(
      EscalationInput.parse({ question: 'gammel løst', email: 'a@b.dk' }),
    );
    await store.updateEscalation(oldResolved.id, { status: 'resolved' });
    c.advanceDays(100);
    await log('ny');
    await store.addFeedback(FeedbackInput.parse({ question: 'ny', answer: 'x', rating: 'up' }));
    const newResolved = await store.createEscalation(EscalationInput.parse({ question: 'ny løst' }));
    await store.updateEscalation(newResolved.id, { status: 'resolved' });

    const cutoff = new Date(c.now().getTime() - 90 * 86_400_000);
    expect(await store.purge(cutoff)).toEqual({ questions: 1, feedback: 1, escalations: 1 });
    expect((await store.listQuestions()).map((q) => q.question)).toEqual(['ny']);
    expect((await store.listFeedback()).map((f) => f.question)).toEqual(['ny']);
    expect((await store.listEscalations()).map((e) => e.id).sort()).toEqual([oldOpen.id, newResolved.id].sort());
    expect(await store.purge(cutoff)).toEqual({ questions: 0, feedback: 0, escalations: 0 });
  });

  it('deletes every escalation of an e-mail address, case-insensitively', async () => {
    const store = await open();
    await store.createEscalation(EscalationInput.parse({ question: 'a', email: 'anne@firma.dk' }));
    await store.createEscalation(EscalationInput.parse({ question: 'b', email: 'ANNE@firma.dk' }));
    const other = await store.createEscalation(EscalationInput.parse({ question: 'c', email: 'bo@firma.dk' }));
    expect((await store.deleteByEmail(' Anne@Firma.dk ')).escalations).toBe(2);
    expect((await store.listEscalations()).map((e) => e.id)).toEqual([other.id]);
    expect((await store.deleteByEmail('anne@firma.dk')).escalations).toBe(0);
  });

  it('keeps its data across close and reopen', async () => {
    const first = await open();
    await first.logQuestion({
      question: 'Hvad er OPI?',
      channel: 'cli',
      answered: true,
      topScore: 1,
      citedChunkIds: [],
      latencyMs: 1,
    });
    const esc = await first.createEscalation(EscalationInput.parse({ question: 'Hjælp', name: 'Per' }));
    await first.addFeedback(FeedbackInput.parse({ question: 'Hvad er OPI?', answer: 'Svar', rating: 'up' }));
    await first.close();

    const second = await open();
    expect(await second.getEscalation(esc.id)).toEqual(esc);
    expect(await second.stats()).toEqual({
      questions: { total: 1, answered: 1 },
      feedback: { up: 1, down: 0 },
      escalations: { open: 1, assigned: 0, answered: 0, resolved: 0 },
    });
  });

  it('two connections to the same file see each other’s writes', async () => {
    const a = await open();
    const b = await open();
    await a.createEscalation(EscalationInput.parse({ question: 'fra a' }));
    await b.createEscalation(EscalationInput.parse({ question: 'fra b' }));
    expect((await a.listEscalations()).map((e) => e.question).sort()).toEqual(['fra a', 'fra b']);
  });
});

describe('revoked console sessions', () => {
  it('remembers a signed-out session in the file until its expiry, for every connection and after reopening', async () => {
    const time = clock();
    const a = await open({ now: time.now });
    const b = await open({ now: time.now });
    await a.revokeSession('session-1', new Date(time.now().getTime() + 2 * 86_400_000));
    expect(await a.isSessionRevoked('session-1')).toBe(true);
    expect(await b.isSessionRevoked('session-1')).toBe(true);
    expect(await a.isSessionRevoked('session-2')).toBe(false);
    await a.close();
    stores.splice(stores.indexOf(a), 1);
    const reopened = await open({ now: time.now });
    expect(await reopened.isSessionRevoked('session-1')).toBe(true);
    time.advanceDays(3);
    expect(await reopened.isSessionRevoked('session-1')).toBe(false);
  });

  it('forgets ids past their expiry when it revokes another', async () => {
    const time = clock();
    const store = await open({ now: time.now });
    await store.revokeSession('old', new Date(time.now().getTime() + 86_400_000));
    time.advanceDays(2);
    await store.revokeSession('new', new Date(time.now().getTime() + 86_400_000));
    const db = new Database(path, { readonly: true });
    const ids = db.prepare('SELECT id FROM revoked_sessions').all() as { id: string }[];
    db.close();
    expect(ids.map((r) => r.id)).toEqual(['new']);
  });
});

describe('escalations with the answer’s citations', () => {
  it('keeps the cited chunk ids of the escalated answer, and none when none were sent', async () => {
    const store = await open();
    const cited = await store.createEscalation(
      EscalationInput.parse({ question: 'Hvad med cykelhjelme?', citedChunkIds: ['case/cykelhjelm#kort-om-casen'] }),
    );
    const plain = await store.createEscalation(EscalationInput.parse({ question: 'Hjælp' }));
    expect((await store.getEscalation(cited.id))?.citedChunkIds).toEqual(['case/cykelhjelm#kort-om-casen']);
    expect((await store.getEscalation(plain.id))?.citedChunkIds).toEqual([]);
  });
});
