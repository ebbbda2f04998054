-- opi-helpdesk store migration 1: questions, feedback, escalations
-- Generated from src/store/migrations.ts by `npm run db:migrations`; do not edit (a test compares them).

CREATE TABLE IF NOT EXISTS schema_migrations (
  version INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  applied_at TEXT NOT NULL
);

CREATE TABLE IF NOT EXISTS questions (
        id TEXT PRIMARY KEY,
        question TEXT NOT NULL,
        channel TEXT NOT NULL,
        answered INTEGER NOT NULL,
        top_score REAL NOT NULL,
        cited_chunk_ids TEXT NOT NULL DEFAULT '[]',
        latency_ms REAL NOT NULL,
        created_at TEXT NOT NULL
      );

CREATE INDEX IF NOT EXISTS questions_created_at ON questions (created_at);

CREATE TABLE IF NOT EXISTS feedback (
        id TEXT PRIMARY KEY,
        question TEXT NOT NULL,
        answer TEXT NOT NULL,
        rating TEXT NOT NULL CHECK (rating IN ('up', 'down')),
        comment TEXT,
        cited_chunk_ids TEXT NOT NULL DEFAULT '[]',
        channel TEXT NOT NULL,
        created_at TEXT NOT NULL
      );

CREATE INDEX IF NOT EXISTS feedback_created_at ON feedback (created_at);

CREATE TABLE IF NOT EXISTS escalations (
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
      );

CREATE INDEX IF NOT EXISTS escalations_status ON escalations (status, created_at);

CREATE INDEX IF NOT EXISTS escalations_email ON escalations (email);

INSERT OR IGNORE INTO schema_migrations (version, name, applied_at)
  VALUES (1, 'questions, feedback, escalations', strftime('%Y-%m-%dT%H:%M:%fZ', 'now'));
