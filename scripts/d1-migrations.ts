/**
 * Writes the store's schema (src/store/migrations.ts) as the SQL files `wrangler d1 migrations
 * apply` runs, into migrations/ (`migrations_dir` in wrangler.toml). Run after appending a
 * migration: `npm run db:migrations`. A test fails while the files differ from the store's SQL.
 */
import { mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { D1_MIGRATIONS_DIR, migrationFiles } from '../src/adapters/cloudflare/d1-migrations.js';

const files = migrationFiles();
await mkdir(D1_MIGRATIONS_DIR, { recursive: true });
for (const name of await readdir(D1_MIGRATIONS_DIR)) {
  if (name.endsWith('.sql') && !files.has(name)) await rm(join(D1_MIGRATIONS_DIR, name));
}
for (const [name, sql] of files) await writeFile(join(D1_MIGRATIONS_DIR, name), sql);
console.log(`${files.size} migrationsfiler skrevet i ${D1_MIGRATIONS_DIR}/: ${[...files.keys()].join(', ')}`);
