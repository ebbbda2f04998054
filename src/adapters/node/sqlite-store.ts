import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import { SqlStore, type SqlStoreOptions } from '../../store/sql-store.js';
import { sqliteDatabase } from './sqlite-database.js';
import { storeFailure } from './storage-failure.js';

/** Where the operations database lives inside `DATA_DIR`. */
export function storePath(dataDir: string): string {
  return join(dataDir, 'helpdesk.sqlite');
}

/**
 * The operations store in a SQLite file at `path` (its directory is created),
 * in WAL mode with a busy timeout so a script and the server can share it.
 * `:memory:` gives a throw-away store. A file that cannot be opened (damaged, read-only, a full
 * disk, a folder that is a file) rejects with a `store_unavailable`/`storage_full` HelpdeskError
 * whose message names the path and says what to do.
 */
export async function openSqliteStore(
  path: string,
  options: SqlStoreOptions & { busyTimeoutMs?: number } = {},
): Promise<SqlStore> {
  let db: Database.Database;
  try {
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
    db = new Database(path);
  } catch (error) {
    throw storeFailure(error, path);
  }
  try {
    db.pragma(`busy_timeout = ${Math.max(0, Math.trunc(options.busyTimeoutMs ?? 5000))}`);
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    // deleted rows are overwritten with zeros, not left readable in free pages (GDPR)
    db.pragma('secure_delete = ON');
    return await SqlStore.open(sqliteDatabase(db), options);
  } catch (error) {
    db.close();
    throw storeFailure(error, path);
  }
}
