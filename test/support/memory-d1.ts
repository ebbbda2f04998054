import Database from 'better-sqlite3';
import type { D1DatabaseLike } from '../../src/adapters/cloudflare/bindings.js';

/**
 * A D1 binding stand-in over an in-memory SQLite (better-sqlite3): `prepare`/`bind`/`run`/`all`/`first`,
 * and `batch` in one transaction, answering reads with their rows as D1 does.
 */
export function memoryD1(db = new Database(':memory:')): D1DatabaseLike {
  const statement = (sql: string, params: unknown[] = []) => ({
    sql,
    params,
    bind: (...values: unknown[]) => statement(sql, values),
    run: async () => ({ meta: { changes: db.prepare(sql).run(...(params as never[])).changes } }),
    all: async <T>() => ({ results: db.prepare(sql).all(...(params as never[])) as T[] }),
    first: async <T>() => (db.prepare(sql).get(...(params as never[])) as T | undefined) ?? null,
  });
  return {
    prepare: (sql: string) => statement(sql),
    batch: async (statements) =>
      db.transaction(() =>
        statements.map((s) => {
          const st = s as unknown as { sql: string; params: unknown[] };
          const prepared = db.prepare(st.sql);
          if (prepared.reader) return { results: prepared.all(...(st.params as never[])), meta: {} };
          return { meta: { changes: prepared.run(...(st.params as never[])).changes } };
        }),
      )(),
  };
}
