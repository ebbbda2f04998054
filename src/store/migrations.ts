import type { SqlDatabase } from './sql-database.js';

/**
 * One schema change, run in one transaction. Two processes may race to apply it: the loser's
 * transaction fails or finds it recorded, and `migrate` then sees the version applied and goes on.
 */
export interface Migration {
  version: number;
  name: string;
  /** Single SQL statements (no trailing `;` needed), run in one transaction. */
  statements: string[];
}

/** The store's schema, in order. Append new versions; never edit a released one. */
export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'questions, feedback, escalations',
    statements: [
      `CREATE TABLE IF NOT EXISTS questions (
        id TEXT PRIMARY KEY,
        question TEXT NOT NULL,
        channel TEXT NOT NULL,
        answered INTEGER NOT NULL,
        top_score REAL NOT NULL,
        cited_chunk_ids TEXT NOT NULL DEFAULT '[]',
        latency_ms REAL NOT NULL,
        created_at TEXT NOT NULL
      )`,
      'CREATE INDEX IF NOT EXISTS questions_created_at ON questions (created_at)',
      `CREATE TABLE IF NOT EXISTS feedback (
        id TEXT PRIMARY KEY,
        question TEXT NOT NULL,
        answer TEXT NOT NULL,
        rating TEXT NOT NULL CHECK (rating IN ('up', 'down')),
        comment TEXT,
        cited_chunk_ids TEXT NOT NULL DEFAULT '[]',
        channel TEXT NOT NULL,
        created_at TEXT NOT NULL
      )`,
      'CREATE INDEX IF NOT EXISTS feedback_created_at ON feedback (created_at)',
      `CREATE TABLE IF NOT EXISTS escalations (
        id TEXT PRIMARY KEY,
        status TEXT NOT NULL CHECK (status IN ('open', 'assigned', 'answered', 'resolved')),
        question TEXT NOT NULL,
        conversation TEXT NOT NULL DEFAULT '[]',
        name TEXT,
        email TEXT,
        channel TEXT NOT NULL,
        channel_ref TEXT,
        assignee TEXT,
        notes TEXT,
        answer TEXT,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      )`,
      'CREATE INDEX IF NOT EXISTS escalations_status ON escalations (status, created_at)',
      'CREATE INDEX IF NOT EXISTS escalations_email ON escalations (email)',
    ],
  },
  {
    version: 2,
    name: 'escalation references (OPI-2026-0042)',
    statements: [
      'ALTER TABLE escalations ADD COLUMN reference TEXT',
      `CREATE TABLE IF NOT EXISTS escalation_sequences (
        year INTEGER PRIMARY KEY,
        last INTEGER NOT NULL
      )`,
      // cases from before this version get references in the order they were created, per year
      `UPDATE escalations SET reference = (
        SELECT 'OPI-' || numbered.year || '-' || printf('%04d', numbered.n) FROM (
          SELECT id, substr(created_at, 1, 4) AS year,
            ROW_NUMBER() OVER (PARTITION BY substr(created_at, 1, 4) ORDER BY created_at, id) AS n
          FROM escalations
        ) AS numbered WHERE numbered.id = escalations.id
      ) WHERE reference IS NULL`,
      `INSERT OR REPLACE INTO escalation_sequences (year, last)
        SELECT CAST(substr(created_at, 1, 4) AS INTEGER), COUNT(*) FROM escalations GROUP BY substr(created_at, 1, 4)`,
      'CREATE UNIQUE INDEX IF NOT EXISTS escalations_reference ON escalations (reference)',
    ],
  },
  {
    version: 3,
    name: 'document history (who changed which corpus document when)',
    statements: [
      `CREATE TABLE IF NOT EXISTS document_changes (
        id TEXT PRIMARY KEY,
        doc_id TEXT NOT NULL,
        path TEXT NOT NULL,
        action TEXT NOT NULL CHECK (action IN ('created', 'updated', 'deleted')),
        actor TEXT NOT NULL,
        title TEXT,
        hash TEXT,
        created_at TEXT NOT NULL
      )`,
      'CREATE INDEX IF NOT EXISTS document_changes_doc ON document_changes (doc_id, created_at)',
      'CREATE INDEX IF NOT EXISTS document_changes_created_at ON document_changes (created_at)',
    ],
  },
  {
    version: 4,
    name: 'console sign-outs (revoked session ids until their expiry)',
    statements: [
      `CREATE TABLE IF NOT EXISTS revoked_sessions (
        id TEXT PRIMARY KEY,
        expires_at TEXT NOT NULL
      )`,
      'CREATE INDEX IF NOT EXISTS revoked_sessions_expires_at ON revoked_sessions (expires_at)',
    ],
  },
  {
    version: 5,
    name: 'escalations keep the chunk ids the escalated answer cited',
    statements: ["ALTER TABLE escalations ADD COLUMN cited_chunk_ids TEXT NOT NULL DEFAULT '[]'"],
  },
];

/** The table `migrate` records applied versions in (also written by the D1 migration files). */
export const CREATE_MIGRATIONS_TABLE = `CREATE TABLE IF NOT EXISTS schema_migrations (
  version INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  applied_at TEXT NOT NULL
)`;

/**
 * Brings a database up to the newest schema version. Returns the versions
 * applied now (empty when it was already current).
 */
export async function migrate(
  db: SqlDatabase,
  migrations: readonly Migration[] = MIGRATIONS,
  now: () => Date = () => new Date(),
): Promise<number[]> {
  await db.run(CREATE_MIGRATIONS_TABLE);
  const rows = await db.all<{ version: number }>('SELECT version FROM schema_migrations');
  const done = new Set(rows.map((r) => r.version));
  const applied: number[] = [];
  for (const m of [...migrations].sort((a, b) => a.version - b.version)) {
    if (done.has(m.version)) continue;
    try {
      await db.batch([
        ...m.statements.map((sql) => ({ sql })),
        {
          sql: 'INSERT OR IGNORE INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)',
          params: [m.version, m.name, now().toISOString()],
        },
      ]);
    } catch (error) {
      // another process may have applied it between our read and our write (ALTER TABLE is not repeatable)
      const again = await db.first<{ version: number }>('SELECT version FROM schema_migrations WHERE version = ?', [
        m.version,
      ]);
      if (again) continue;
      throw error;
    }
    applied.push(m.version);
  }
  return applied;
}

/** The highest schema version recorded in the database (0 for a fresh one). */
export async function schemaVersion(db: SqlDatabase): Promise<number> {
  await db.run(CREATE_MIGRATIONS_TABLE);
  const row = await db.first<{ v: number | null }>('SELECT MAX(version) AS v FROM schema_migrations');
  return row?.v ?? 0;
}
