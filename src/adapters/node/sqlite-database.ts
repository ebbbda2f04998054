import type Database from 'better-sqlite3';
import type { SqlDatabase, SqlRunResult, SqlStatement, SqlValue } from '../../store/sql-database.js';
import { storeFailure } from './storage-failure.js';

/** Prepared statements kept per connection; the store's SQL is a small fixed set, this only bounds surprises. */
const MAX_CACHED_STATEMENTS = 256;

/**
 * `SqlDatabase` over one better-sqlite3 connection (synchronous underneath, async to the store).
 * A full disk, a read-only or damaged file becomes a `storage_full`/`store_unavailable`
 * HelpdeskError naming the file (see `storeFailure`).
 */
export function sqliteDatabase(db: Database.Database): SqlDatabase {
  const guard = <T>(work: () => T): Promise<T> => {
    try {
      return Promise.resolve(work());
    } catch (error) {
      return Promise.reject(storeFailure(error, db.name));
    }
  };
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
    exec(sql) {
      return guard(() => {
        db.exec(sql);
      });
    },
    run(sql, params) {
      return guard(() => run(sql, params));
    },
    all<T>(sql: string, params: SqlValue[] = []) {
      return guard(() => prepared(sql).all(...params) as T[]);
    },
    first<T>(sql: string, params: SqlValue[] = []) {
      return guard(() => prepared(sql).get(...params) as T | undefined);
    },
    batch(list) {
      return guard(() => batch.immediate(list));
    },
    forgetDeleted() {
      return guard(() => {
        // secure_delete (set when the store opens) zeroes what is deleted from now on; VACUUM rewrites
        // the file without any older leftovers, and the checkpoint empties the WAL that still holds them
        db.exec('VACUUM');
        db.pragma('wal_checkpoint(TRUNCATE)');
      });
    },
    async close() {
      statements.clear();
      if (db.open) db.close();
    },
  };
}
