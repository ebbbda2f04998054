import type Database from 'better-sqlite3';
import type { SqlDatabase, SqlRunResult, SqlStatement, SqlValue } from '../../store/sql-database.js';

/** `SqlDatabase` over one better-sqlite3 connection (synchronous underneath, async to the store). */
export function sqliteDatabase(db: Database.Database): SqlDatabase {
  const run = (sql: string, params: SqlValue[] = []): SqlRunResult => ({
    changes: db.prepare(sql).run(...params).changes,
  });
  const batch = db.transaction((statements: SqlStatement[]) => statements.map((s) => run(s.sql, s.params)));
  return {
    async exec(sql) {
      db.exec(sql);
    },
    async run(sql, params) {
      return run(sql, params);
    },
    async all<T>(sql: string, params: SqlValue[] = []) {
      return db.prepare(sql).all(...params) as T[];
    },
    async first<T>(sql: string, params: SqlValue[] = []) {
      return db.prepare(sql).get(...params) as T | undefined;
    },
    async batch(statements) {
      return batch.immediate(statements);
    },
    async close() {
      if (db.open) db.close();
    },
  };
}
