import type { SqlDatabase, SqlRunResult, SqlValue } from '../../store/sql-database.js';
import type { D1DatabaseLike, D1PreparedStatementLike } from './bindings.js';

/**
 * `SqlDatabase` over a Cloudflare D1 binding (`env.DB`). Each call is one
 * round trip; `batch` is D1's transactional batch, so all statements apply or none does.
 */
export function d1Database(db: D1DatabaseLike): SqlDatabase {
  const statement = (sql: string, params: SqlValue[] = []): D1PreparedStatementLike =>
    params.length > 0 ? db.prepare(sql).bind(...params) : db.prepare(sql);
  const changes = (result: { meta: { changes?: number } }): SqlRunResult => ({ changes: result.meta.changes ?? 0 });
  return {
    async exec(sql) {
      await statement(sql).run();
    },
    async run(sql, params) {
      return changes(await statement(sql, params).run());
    },
    async all<T>(sql: string, params?: SqlValue[]) {
      return (await statement(sql, params).all<T>()).results;
    },
    async first<T>(sql: string, params?: SqlValue[]) {
      return (await statement(sql, params).first<T>()) ?? undefined;
    },
    async batch(statements) {
      if (statements.length === 0) return [];
      const results = await db.batch(statements.map((s) => statement(s.sql, s.params)));
      return results.map(changes);
    },
    async close() {
      // D1 bindings hold no connection to release.
    },
  };
}
