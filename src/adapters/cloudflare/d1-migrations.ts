import { CREATE_MIGRATIONS_TABLE, MIGRATIONS, type Migration } from '../../store/migrations.js';
import type { SqlDatabase } from '../../store/sql-database.js';

/** The folder `wrangler d1 migrations apply` reads (`migrations_dir` in wrangler.toml). */
export const D1_MIGRATIONS_DIR = 'migrations';
/** The table wrangler records applied migration files in (its default `migrations_table`). */
export const WRANGLER_MIGRATIONS_TABLE = 'd1_migrations';

/** The file name of a store migration as wrangler numbers them: `0002_escalation_references_opi_2026_0042.sql`. */
export function migrationFileName(migration: Migration): string {
  const slug = migration.name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
  return `${String(migration.version).padStart(4, '0')}_${slug}.sql`;
}

/**
 * The SQL file of a store migration, for `wrangler d1 migrations apply`: the store's own
 * statements, then its row in `schema_migrations`, so the Worker's `migrate` on first use
 * finds the version applied and skips it.
 */
export function migrationFileSql(migration: Migration): string {
  const name = migration.name.replaceAll("'", "''");
  return [
    `-- opi-helpdesk store migration ${migration.version}: ${migration.name}`,
    '-- Generated from src/store/migrations.ts by `npm run db:migrations`; do not edit (a test compares them).',
    '',
    `${CREATE_MIGRATIONS_TABLE};`,
    '',
    ...migration.statements.map((sql) => `${sql};\n`),
    'INSERT OR IGNORE INTO schema_migrations (version, name, applied_at)',
    `  VALUES (${migration.version}, '${name}', strftime('%Y-%m-%dT%H:%M:%fZ', 'now'));`,
    '',
  ].join('\n');
}

/** Every migration file, name → SQL, in order. */
export function migrationFiles(migrations: readonly Migration[] = MIGRATIONS): Map<string, string> {
  return new Map(
    [...migrations].sort((a, b) => a.version - b.version).map((m) => [migrationFileName(m), migrationFileSql(m)]),
  );
}

/**
 * Records the store versions applied in `db` (by the Worker's `migrate`) as applied files in
 * wrangler's table, so a later `wrangler d1 migrations apply` does not run them a second time
 * (`ALTER TABLE … ADD COLUMN` cannot run twice).
 */
export async function recordWranglerMigrations(
  db: SqlDatabase,
  migrations: readonly Migration[] = MIGRATIONS,
): Promise<void> {
  const applied = new Set(
    (await db.all<{ version: number }>('SELECT version FROM schema_migrations')).map((r) => r.version),
  );
  const names = migrations.filter((m) => applied.has(m.version)).map(migrationFileName);
  await db.batch([
    // wrangler's own definition of the table (initMigrationsTable)
    {
      sql: `CREATE TABLE IF NOT EXISTS ${WRANGLER_MIGRATIONS_TABLE}(
		id         INTEGER PRIMARY KEY AUTOINCREMENT,
		name       TEXT UNIQUE,
		applied_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP NOT NULL
)`,
    },
    ...names.map((name) => ({
      sql: `INSERT OR IGNORE INTO ${WRANGLER_MIGRATIONS_TABLE} (name) VALUES (?)`,
      params: [name],
    })),
  ]);
}
