import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import {
  D1_MIGRATIONS_DIR,
  migrationFileName,
  migrationFiles,
  recordWranglerMigrations,
} from '../../../src/adapters/cloudflare/d1-migrations.js';
import { sqliteDatabase } from '../../../src/adapters/node/sqlite-database.js';
import { MIGRATIONS, migrate } from '../../../src/store/migrations.js';

/** The schema of a database: every table and index with its SQL, bookkeeping tables left out. */
function schemaOf(db: Database.Database): { name: string; sql: string }[] {
  return db
    .prepare(
      "SELECT name, sql FROM sqlite_master WHERE sql IS NOT NULL AND name NOT IN ('d1_migrations') AND name NOT LIKE 'sqlite_%' ORDER BY name",
    )
    .all() as { name: string; sql: string }[];
}

describe('D1 migration files (migrations/, wrangler d1 migrations apply)', () => {
  it('are exactly the store migrations of src/store/migrations.ts (regenerate with npm run db:migrations)', async () => {
    const expected = migrationFiles();
    const onDisk = (await readdir(D1_MIGRATIONS_DIR)).filter((name) => name.endsWith('.sql')).sort();
    expect(onDisk).toEqual([...expected.keys()]);
    for (const [name, sql] of expected) expect(await readFile(join(D1_MIGRATIONS_DIR, name), 'utf8')).toBe(sql);
    expect(onDisk.map((name) => Number(name.split('_')[0]))).toEqual(MIGRATIONS.map((m) => m.version));
  });

  it('build the schema the store builds, and the store then finds every version applied', async () => {
    const byFiles = new Database(':memory:');
    // as wrangler runs them: each file in order, whole
    for (const sql of migrationFiles().values()) byFiles.exec(sql);
    expect(await migrate(sqliteDatabase(byFiles))).toEqual([]);

    const byStore = new Database(':memory:');
    await migrate(sqliteDatabase(byStore));
    expect(schemaOf(byFiles)).toEqual(schemaOf(byStore));
  });

  it('count as applied for wrangler once the Worker has migrated the database itself', async () => {
    const raw = new Database(':memory:');
    const db = sqliteDatabase(raw);
    await migrate(db);
    await recordWranglerMigrations(db);
    await recordWranglerMigrations(db);
    const names = (raw.prepare('SELECT name FROM d1_migrations ORDER BY id').all() as { name: string }[]).map(
      (r) => r.name,
    );
    expect(names).toEqual(MIGRATIONS.map(migrationFileName));
  });
});
