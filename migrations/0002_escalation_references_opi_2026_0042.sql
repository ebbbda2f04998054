-- opi-helpdesk store migration 2: escalation references (OPI-2026-0042)
-- Generated from src/store/migrations.ts by `npm run db:migrations`; do not edit (a test compares them).

CREATE TABLE IF NOT EXISTS schema_migrations (
  version INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  applied_at TEXT NOT NULL
);

ALTER TABLE escalations ADD COLUMN reference TEXT;

CREATE TABLE IF NOT EXISTS escalation_sequences (
        year INTEGER PRIMARY KEY,
        last INTEGER NOT NULL
      );

UPDATE escalations SET reference = (
        SELECT 'OPI-' || numbered.year || '-' || printf('%04d', numbered.n) FROM (
          SELECT id, substr(created_at, 1, 4) AS year,
            ROW_NUMBER() OVER (PARTITION BY substr(created_at, 1, 4) ORDER BY created_at, id) AS n
          FROM escalations
        ) AS numbered WHERE numbered.id = escalations.id
      ) WHERE reference IS NULL;

INSERT OR REPLACE INTO escalation_sequences (year, last)
        SELECT CAST(substr(created_at, 1, 4) AS INTEGER), COUNT(*) FROM escalations GROUP BY substr(created_at, 1, 4);

CREATE UNIQUE INDEX IF NOT EXISTS escalations_reference ON escalations (reference);

INSERT OR IGNORE INTO schema_migrations (version, name, applied_at)
  VALUES (2, 'escalation references (OPI-2026-0042)', strftime('%Y-%m-%dT%H:%M:%fZ', 'now'));
