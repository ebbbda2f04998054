/** A value bound to a `?` placeholder. Booleans and dates are converted by the caller. */
export type SqlValue = string | number | null;

/** One parameterised statement, for `batch`. */
export interface SqlStatement {
  sql: string;
  params?: SqlValue[];
}

/** Outcome of a write. */
export interface SqlRunResult {
  /** Rows inserted, updated or deleted. */
  changes: number;
}

/**
 * The minimal async SQL database the store needs. Implemented over
 * better-sqlite3 on Node and Cloudflare D1 on Workers; the SQL handed to it is
 * plain SQLite that both accept (`?` placeholders, no `RETURNING`).
 */
export interface SqlDatabase {
  /** Runs one statement without parameters or results (pragmas, DDL). */
  exec(sql: string): Promise<void>;
  /** Runs one write statement. */
  run(sql: string, params?: SqlValue[]): Promise<SqlRunResult>;
  /** All rows of a query. */
  all<T>(sql: string, params?: SqlValue[]): Promise<T[]>;
  /** The first row of a query, or `undefined`. */
  first<T>(sql: string, params?: SqlValue[]): Promise<T | undefined>;
  /** Runs several write statements in one transaction: all apply or none does. */
  batch(statements: SqlStatement[]): Promise<SqlRunResult[]>;
  /**
   * Makes rows deleted so far unreadable in the database's files (GDPR: deleted means gone from
   * the disk, not only from queries). Node's SQLite rewrites the file without them and empties the
   * write-ahead log; absent where the platform manages the files (D1).
   */
  forgetDeleted?(): Promise<void>;
  /** Releases the connection. */
  close(): Promise<void>;
}
