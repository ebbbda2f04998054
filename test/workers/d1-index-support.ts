import { env } from 'cloudflare:workers';
import { fetchAsset, WORKER_ASSET_FILES } from '../../src/adapters/cloudflare/asset-index.js';
import { d1IndexStatements, type D1IndexMeta } from '../../src/adapters/cloudflare/d1-index-sql.js';
import { deserializeIndex, type IndexState } from '../../src/index/artifact.js';

/** The index artifact the workerd tests' assets were built with (from `corpus/`). */
export async function bundledState(): Promise<IndexState> {
  const response = await fetchAsset(env.ASSETS, WORKER_ASSET_FILES.index);
  if (!response) throw new Error('index.bin is missing from the test assets');
  return deserializeIndex(new Uint8Array(await response.arrayBuffer()));
}

/** Runs the fill statements of `state` against local D1, `perBatch` statements per `db.batch`. */
export async function fillD1(db: D1Database, state: IndexState, perBatch = 25): Promise<D1IndexMeta> {
  const statements = d1IndexStatements(state);
  let batch: D1PreparedStatement[] = [];
  for (;;) {
    const next = statements.next();
    if (next.done) {
      if (batch.length > 0) await db.batch(batch);
      return next.value;
    }
    batch.push(db.prepare(next.value));
    if (batch.length >= perBatch) {
      await db.batch(batch);
      batch = [];
    }
  }
}

/** Drops the D1 index's tables (a database that was never filled). */
export async function emptyD1(db: D1Database): Promise<void> {
  await db.batch(
    ['lex_meta', 'lex_terms', 'lex_documents', 'lex_chunks', 'lex_postings'].map((t) =>
      db.prepare(`DROP TABLE IF EXISTS ${t}`),
    ),
  );
}
