-- opi-helpdesk store migration 4: console sign-outs (revoked session ids until their expiry)
-- Generated from src/store/migrations.ts by `npm run db:migrations`; do not edit (a test compares them).

CREATE TABLE IF NOT EXISTS schema_migrations (
  version INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  applied_at TEXT NOT NULL
);

CREATE TABLE IF NOT EXISTS revoked_sessions (
        id TEXT PRIMARY KEY,
        expires_at TEXT NOT NULL
      );

CREATE INDEX IF NOT EXISTS revoked_sessions_expires_at ON revoked_sessions (expires_at);

INSERT OR IGNORE INTO schema_migrations (version, name, applied_at)
  VALUES (4, 'console sign-outs (revoked session ids until their expiry)', strftime('%Y-%m-%dT%H:%M:%fZ', 'now'));
