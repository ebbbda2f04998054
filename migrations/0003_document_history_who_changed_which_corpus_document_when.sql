-- opi-helpdesk store migration 3: document history (who changed which corpus document when)
-- Generated from src/store/migrations.ts by `npm run db:migrations`; do not edit (a test compares them).

CREATE TABLE IF NOT EXISTS schema_migrations (
  version INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  applied_at TEXT NOT NULL
);

CREATE TABLE IF NOT EXISTS document_changes (
        id TEXT PRIMARY KEY,
        doc_id TEXT NOT NULL,
        path TEXT NOT NULL,
        action TEXT NOT NULL CHECK (action IN ('created', 'updated', 'deleted')),
        actor TEXT NOT NULL,
        title TEXT,
        hash TEXT,
        created_at TEXT NOT NULL
      );

CREATE INDEX IF NOT EXISTS document_changes_doc ON document_changes (doc_id, created_at);

CREATE INDEX IF NOT EXISTS document_changes_created_at ON document_changes (created_at);

INSERT OR IGNORE INTO schema_migrations (version, name, applied_at)
  VALUES (3, 'document history (who changed which corpus document when)', strftime('%Y-%m-%dT%H:%M:%fZ', 'now'));
