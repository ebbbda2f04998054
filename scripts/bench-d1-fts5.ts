/**
 * Postings tables (what `LEXICAL_INDEX=d1` uses) against FTS5 over the same pre-analysed terms, on the
 * SQLite engine local D1 runs on (better-sqlite3 here, no network, no workerd):
 *
 *   npm run bench:d1 -- --size 100k            # first: writes <dir>/100k/d1/*.sql and the corpus
 *   tsx scripts/bench-d1-fts5.ts --size 100k [--dir /tmp/opi-bench-d1]
 *
 * Loads the SQL files into a fresh SQLite file, adds an FTS5 table whose columns are the chunks'
 * analysed title, section and body terms, and runs the corpus's generated questions both ways:
 * `SUM(sat × scale)` over `lex_postings` (every posting of the query terms), the Worker's own
 * `D1LexicalIndex.lexicalSearch` (the same with MaxScore, and the chunks read along) and FTS5 `bm25()`
 * with the same field weights. Prints latencies and how many of the postings query's top 10 FTS5 also
 * ranks in its top 10.
 */
import { readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import type { D1DatabaseLike } from '../src/adapters/cloudflare/bindings.js';
import { D1LexicalIndex } from '../src/adapters/cloudflare/d1-lexical-index.js';
import type { Chunk } from '../src/corpus/types.js';
import { lexicalFields } from '../src/index/build.js';
import { createDanishAnalyzer } from '../src/text/index.js';
import { existingCorpus, parseSize } from './bench/corpus-generator.js';
import { parseFlags } from './gen-corpus.js';

const flags = parseFlags(process.argv.slice(2));
const size = flags.size ?? '10k';
const base = resolve(flags.dir ?? '/tmp/opi-bench-d1', size);
const k = 40;

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

const manifest = existingCorpus({ chunks: parseSize(size), dir: join(base, 'corpus'), seed: 42 });
if (!manifest) throw new Error(`Kør først npm run bench:d1 -- --size ${size} --dir ${resolve(base, '..')}`);
const file = join(base, 'fts5-compare.sqlite');
rmSync(file, { force: true });
const db = new Database(file);
db.pragma('journal_mode = OFF');
db.pragma('synchronous = OFF');
let started = performance.now();
for (let i = 1; ; i++) {
  const path = join(base, 'd1', `index-${String(i).padStart(3, '0')}.sql`);
  let sql: string;
  try {
    sql = readFileSync(path, 'utf8');
  } catch {
    break;
  }
  db.exec(sql);
}
const loadMs = performance.now() - started;
const meta = JSON.parse(
  (db.prepare("SELECT value FROM lex_meta WHERE key = 'index'").get() as { value: string }).value,
);

const analyzer = createDanishAnalyzer();
started = performance.now();
db.exec(
  'CREATE VIRTUAL TABLE fts USING fts5(title, section, body, tokenize = "unicode61 remove_diacritics 0 tokenchars \'-_.\'")',
);
const insert = db.prepare('INSERT INTO fts (rowid, title, section, body) VALUES (?, ?, ?, ?)');
const rows = db.prepare('SELECT no, chunk FROM lex_chunks').all() as { no: number; chunk: string }[];
db.transaction(() => {
  for (const row of rows) {
    const fields = lexicalFields(analyzer, JSON.parse(row.chunk) as Chunk);
    insert.run(row.no, fields.title.join(' '), fields.section.join(' '), fields.body.join(' '));
  }
})();
const ftsBuildMs = performance.now() - started;

const termIds = new Map<string, number>();
const df: number[] = [];
for (const { terms } of db.prepare('SELECT terms FROM lex_terms ORDER BY part').all() as { terms: string }[]) {
  for (const [term, n] of JSON.parse(terms) as [string, number][]) {
    termIds.set(term, termIds.size);
    df.push(n);
  }
}
const postings = db.prepare(`SELECT t.chunk AS chunk, t.score AS score FROM (
  SELECT p.chunk AS chunk, SUM(p.sat * q.scale) AS score
  FROM (SELECT json_extract(value, '$[0]') AS term, json_extract(value, '$[1]') AS scale FROM json_each(?)) AS q
  JOIN lex_postings AS p ON p.term = q.term GROUP BY p.chunk ORDER BY score DESC, p.chunk LIMIT ?) AS t`);
const fts = db.prepare('SELECT rowid AS chunk FROM fts WHERE fts MATCH ? ORDER BY bm25(fts, 2.5, 1.5, 1.0) LIMIT ?');

/** The D1 binding's shape over better-sqlite3, enough for `D1LexicalIndex`. */
function sqliteD1(sqlite: Database.Database): D1DatabaseLike {
  const statement = (sql: string, params: unknown[] = []) => ({
    sql,
    params,
    bind: (...values: unknown[]) => statement(sql, values),
    run: async () => ({ meta: { changes: sqlite.prepare(sql).run(...(params as never[])).changes } }),
    all: async <T>() => ({ results: sqlite.prepare(sql).all(...(params as never[])) as T[] }),
    first: async <T>() => (sqlite.prepare(sql).get(...(params as never[])) as T | undefined) ?? null,
  });
  return {
    prepare: (sql: string) => statement(sql),
    batch: async (list) =>
      list.map((s) => {
        const { sql, params } = s as unknown as { sql: string; params: unknown[] };
        return { results: sqlite.prepare(sql).all(...(params as never[])), meta: {} };
      }),
  };
}
const worker = await D1LexicalIndex.load(sqliteD1(db), { analyzerId: analyzer.id });

const times = { postings: [] as number[], worker: [] as number[], fts5: [] as number[] };
let overlap = 0;
let compared = 0;
for (const question of manifest.questions) {
  const terms = new Map<string, number>();
  for (const { term, weight } of analyzer.queryTerms(question)) {
    if (weight > 0 && termIds.has(term)) terms.set(term, Math.max(terms.get(term) ?? 0, weight));
  }
  if (terms.size === 0) continue;
  const query = [...terms].map(([term, weight]) => {
    const n = df[termIds.get(term)!]!;
    return [termIds.get(term)!, Math.log(1 + (meta.chunks - n + 0.5) / (n + 0.5)) * weight * (meta.k1 + 1)];
  });
  let t = performance.now();
  const a = postings.all(JSON.stringify(query), k) as { chunk: number }[];
  times.postings.push(performance.now() - t);
  t = performance.now();
  await worker.lexicalSearch(analyzer.queryTerms(question), k);
  times.worker.push(performance.now() - t);
  const match = [...terms.keys()].map((term) => `"${term.replace(/"/g, '""')}"`).join(' OR ');
  t = performance.now();
  const b = fts.all(match, k) as { chunk: number }[];
  times.fts5.push(performance.now() - t);
  const top = new Set(a.slice(0, 10).map((r) => r.chunk));
  overlap += b.slice(0, 10).filter((r) => top.has(r.chunk)).length;
  compared += Math.min(10, a.length);
}
const summary = (v: number[]) => `p50 ${percentile(v, 50).toFixed(1)} ms, p95 ${percentile(v, 95).toFixed(1)} ms`;
console.log(`${meta.chunks} afsnit, ${meta.terms} termer; SQL indlæst i SQLite på ${(loadMs / 1000).toFixed(1)} s`);
console.log(`FTS5-tabel over de analyserede termer bygget på ${(ftsBuildMs / 1000).toFixed(1)} s`);
console.log(`${times.postings.length} spørgsmål, top ${k}:`);
console.log(`  postings-tabel (SUM(sat × skala)): ${summary(times.postings)}`);
console.log(`  D1LexicalIndex.lexicalSearch (MaxScore, afsnit med): ${summary(times.worker)}`);
console.log(`    MaxScore: ${worker.pruning.exact} eksakt beskåret, ${worker.pruning.missed} kørt fuldt bagefter`);
console.log(`  FTS5 bm25(2.5, 1.5, 1):           ${summary(times.fts5)}`);
console.log(`  FTS5's top 10 i postings-tabellens top 10: ${((100 * overlap) / Math.max(1, compared)).toFixed(0)} %`);
db.close();
rmSync(file, { force: true });
