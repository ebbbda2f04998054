import type { SqlDatabase } from '../../store/sql-database.js';
import type { SyncLedger, SyncState } from './index-sync.js';

/** The D1 table recording which chunk vectors Vectorize holds (created if missing; not part of the store's schema). */
export const VECTOR_CHUNKS_TABLE = `CREATE TABLE IF NOT EXISTS vector_chunks (
  id TEXT PRIMARY KEY,
  doc_id TEXT NOT NULL,
  content_hash TEXT NOT NULL,
  embedder_id TEXT NOT NULL,
  uploaded_at TEXT NOT NULL
)`;

/**
 * A `SyncLedger` in D1 (table `vector_chunks`): the authoritative record of
 * what `npm run deploy:index` uploaded to Vectorize. Rows of another embedder
 * make the whole state count as "built differently", so everything is re-uploaded.
 */
export function d1SyncLedger(db: SqlDatabase, now: () => Date = () => new Date()): SyncLedger {
  let ready: Promise<unknown> | undefined;
  const table = () => {
    ready ??= db.run(VECTOR_CHUNKS_TABLE);
    return ready;
  };
  return {
    async read(): Promise<SyncState | undefined> {
      await table();
      const rows = await db.all<{ id: string; content_hash: string; embedder_id: string }>(
        'SELECT id, content_hash, embedder_id FROM vector_chunks',
      );
      if (rows.length === 0) return undefined;
      const embedders = new Set(rows.map((r) => r.embedder_id));
      const embedderId = embedders.size === 1 ? rows[0]!.embedder_id : 'blandet';
      return { embedderId, chunks: Object.fromEntries(rows.map((r) => [r.id, r.content_hash])) };
    },
    async record(embedderId, entries) {
      await table();
      if (entries.length === 0) return;
      const at = now().toISOString();
      await db.batch(
        entries.map((e) => ({
          sql: `INSERT INTO vector_chunks (id, doc_id, content_hash, embedder_id, uploaded_at) VALUES (?, ?, ?, ?, ?)
                ON CONFLICT (id) DO UPDATE SET doc_id = excluded.doc_id, content_hash = excluded.content_hash,
                embedder_id = excluded.embedder_id, uploaded_at = excluded.uploaded_at`,
          params: [e.id, e.docId, e.hash, embedderId, at],
        })),
      );
    },
    async forget(ids) {
      await table();
      if (ids.length === 0) return;
      await db.batch(ids.map((id) => ({ sql: 'DELETE FROM vector_chunks WHERE id = ?', params: [id] })));
    },
  };
}
