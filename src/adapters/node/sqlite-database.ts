import type Database from 'better-sqlite3';
import type { SqlDatabase, SqlRunResult, SqlStatement, SqlValue } from '../../store/sql-database.js';

/** Prepared statements kept per connection; the store's SQL is a small fixed set, this only bounds surprises. */
const MAX_CACHED_STATEMENTS = 256;

/** `SqlDatabase` over one better-sqlite3 connection (synchronous underneath, async to the store). */
export function sqliteDatabase(db: Database.Database): SqlDatabase {
  // preparing costs more than running the small statements the store uses (every question logged)
  const statements = new Map<string, Database.Statement>();
  const prepared = (sql: string): Database.Statement => {
    let statement = statements.get(sql);
    if (!statement) {
      if (statements.size >= MAX_CACHED_STATEMENTS) statements.clear();
      statement = db.prepare(sql);
      statements.set(sql, statement);
    }
    return statement;
  };
  const run = (sql: string, params: SqlValue[] = []): SqlRunResult => ({
    changes: prepared(sql).run(...params).changes,
  });
  const batch = db.transaction((list: SqlStatement[]) => list.map((s) => run(s.sql, s.params)));
  return {
    async exec(sql) {
      db.exec(sql);
    },
    async run(sql, params) {
      return run(sql, params);
    },
    async all<T>(sql: string, params: SqlValue[] = []) {
      return prepared(sql).all(...params) as T[];
    },
    async first<T>(sql: string, params: SqlValue[] = []) {
      return prepared(sql).get(...params) as T | undefined;
    },
    async batch(list) {
      return batch.immediate(list);
    },
    async close() {
      statements.clear();
      if (db.open) db.close();
    },
  };
}
