import Database from 'better-sqlite3';
import { describe, expect, it, vi } from 'vitest';
import { sqliteDatabase } from '../../../src/adapters/node/sqlite-database.js';

describe('sqliteDatabase', () => {
  it('prepares each statement once and reuses it across run, all, first and batch', async () => {
    const raw = new Database(':memory:');
    const prepare = vi.spyOn(raw, 'prepare');
    const db = sqliteDatabase(raw);
    await db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT)');
    const insert = 'INSERT INTO t (v) VALUES (?)';
    for (const v of ['a', 'b', 'c']) expect(await db.run(insert, [v])).toEqual({ changes: 1 });
    await db.batch([
      { sql: insert, params: ['d'] },
      { sql: insert, params: ['e'] },
    ]);
    expect(await db.all<{ v: string }>('SELECT v FROM t ORDER BY id')).toEqual(
      ['a', 'b', 'c', 'd', 'e'].map((v) => ({ v })),
    );
    expect(await db.first<{ n: number }>('SELECT count(*) AS n FROM t WHERE v > ?', ['b'])).toEqual({ n: 3 });
    expect(await db.first<{ n: number }>('SELECT count(*) AS n FROM t WHERE v > ?', ['d'])).toEqual({ n: 1 });
    expect(prepare.mock.calls.map(([sql]) => sql)).toEqual([
      insert,
      'SELECT v FROM t ORDER BY id',
      'SELECT count(*) AS n FROM t WHERE v > ?',
    ]);
    await db.close();
    expect(raw.open).toBe(false);
  });

  it('sees a table changed after a statement on it was cached', async () => {
    const db = sqliteDatabase(new Database(':memory:'));
    await db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY)');
    await db.run('INSERT INTO t (id) VALUES (?)', [1]);
    expect(await db.all('SELECT * FROM t')).toEqual([{ id: 1 }]);
    await db.exec("ALTER TABLE t ADD COLUMN v TEXT DEFAULT 'x'");
    expect(await db.all('SELECT * FROM t')).toEqual([{ id: 1, v: 'x' }]);
    await db.close();
  });
});
