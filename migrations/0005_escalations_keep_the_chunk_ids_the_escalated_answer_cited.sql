-- opi-helpdesk store migration 5: escalations keep the chunk ids the escalated answer cited
-- Generated from src/store/migrations.ts by `npm run db:migrations`; do not edit (a test compares them).

CREATE TABLE IF NOT EXISTS schema_migrations (
  version INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  applied_at TEXT NOT NULL
);

ALTER TABLE escalations ADD COLUMN cited_chunk_ids TEXT NOT NULL DEFAULT '[]';

INSERT OR IGNORE INTO schema_migrations (version, name, applied_at)
  VALUES (5, 'escalations keep the chunk ids the escalated answer cited', strftime('%Y-%m-%dT%H:%M:%fZ', 'now'));
