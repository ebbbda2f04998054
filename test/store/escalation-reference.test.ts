import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sqliteDatabase } from '../../src/adapters/node/sqlite-database.js';
import { openSqliteStore } from '../../src/adapters/node/sqlite-store.js';
import { MIGRATIONS, migrate } from '../../src/store/migrations.js';
import type { SqlStore } from '../../src/store/sql-store.js';
import { EscalationInput } from '../../src/store/store.js';

let dir: string;
let path: string;
const open: SqlStore[] = [];

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'opi-reference-'));
  path = join(dir, 'helpdesk.sqlite');
});
afterEach(async () => {
  for (const s of open.splice(0)) await s.close();
  rmSync(dir, { recursive: true, force: true });
});

async function store(at: string): Promise<SqlStore & { at: (iso: string) => void }> {
  let now = new Date(at);
  const s = await openSqliteStore(path, { now: () => now });
  open.push(s);
  return Object.assign(s, { at: (iso: string) => (now = new Date(iso)) });
}

const ask = (question: string) => EscalationInput.parse({ question });

describe('escalation references', () => {
  it('gives each new escalation the next reference of the year, OPI-<year>-<four digits>, from 0001', async () => {
    const s = await store('2026-03-01T10:00:00.000Z');
    const refs = [];
    for (const q of ['a', 'b', 'c']) refs.push((await s.createEscalation(ask(q))).reference);
    expect(refs).toEqual(['OPI-2026-0001', 'OPI-2026-0002', 'OPI-2026-0003']);
    const first = (await s.listEscalations()).find((e) => e.question === 'a');
    expect(first?.reference).toBe('OPI-2026-0001');
    expect(first?.id).not.toBe(first?.reference);
  });

  it('starts again at 0001 in a new Danish year (23:30 UTC on 31 December is already January in Denmark)', async () => {
    const s = await store('2026-12-31T12:00:00.000Z');
    expect((await s.createEscalation(ask('før'))).reference).toBe('OPI-2026-0001');
    s.at('2026-12-31T23:30:00.000Z');
    expect((await s.createEscalation(ask('efter'))).reference).toBe('OPI-2027-0001');
  });

  it('never gives a deleted case’s reference again', async () => {
    const s = await store('2026-03-01T10:00:00.000Z');
    await s.createEscalation(ask('a'));
    await s.createEscalation(EscalationInput.parse({ question: 'b', email: 'bo@firma.dk' }));
    await s.deleteByEmail('bo@firma.dk');
    expect((await s.createEscalation(ask('c'))).reference).toBe('OPI-2026-0003');
  });

  it('gives the cases of a database from before references in the order they were created, and goes on from there', async () => {
    const raw = new Database(path);
    await migrate(sqliteDatabase(raw), [MIGRATIONS[0]!]);
    const insert = raw.prepare(
      `INSERT INTO escalations (id, status, question, conversation, channel, created_at, updated_at)
       VALUES (?, 'open', ?, '[]', 'web', ?, ?)`,
    );
    for (const [id, at] of [
      ['c', '2025-12-01T00:00:00.000Z'],
      ['a', '2025-11-01T00:00:00.000Z'],
      ['b', '2026-01-05T00:00:00.000Z'],
    ]) {
      insert.run(id, `spørgsmål ${id}`, at, at);
    }
    raw.close();
    const s = await store('2026-02-01T00:00:00.000Z');
    expect(Object.fromEntries((await s.listEscalations()).map((e) => [e.id, e.reference]))).toEqual({
      a: 'OPI-2025-0001',
      c: 'OPI-2025-0002',
      b: 'OPI-2026-0001',
    });
    expect((await s.createEscalation(ask('ny'))).reference).toBe('OPI-2026-0002');
  });

  it('two stores on one file never hand out the same reference', async () => {
    const a = await store('2026-05-01T00:00:00.000Z');
    const b = await openSqliteStore(path, { now: () => new Date('2026-05-01T00:00:00.000Z') });
    open.push(b);
    const made = await Promise.all(
      Array.from({ length: 20 }, (_, i) => (i % 2 ? a : b).createEscalation(ask(`spørgsmål ${i}`))),
    );
    expect(new Set(made.map((e) => e.reference)).size).toBe(20);
  });

  it('a second process migrating the same database at the same time does not fail', async () => {
    const raw = new Database(path);
    await migrate(sqliteDatabase(raw), [MIGRATIONS[0]!]);
    raw.close();
    const [x, y] = await Promise.all([openSqliteStore(path), openSqliteStore(path)]);
    open.push(x, y);
    expect((await x.createEscalation(ask('a'))).reference).toMatch(/^OPI-\d{4}-0001$/);
  });
});
