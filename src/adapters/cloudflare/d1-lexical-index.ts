import type { Chunk } from '../../corpus/types.js';
import { HelpdeskError } from '../../errors.js';
import type { IndexedDocument } from '../../index/artifact.js';
import type { VectorStore } from '../../index/vector-store.js';
import type { LegHit, RetrievalIndex } from '../../retrieval/retrieval-index.js';
import type { WeightedTerm } from '../../text/types.js';
import type { D1DatabaseLike } from './bindings.js';
import { D1_INDEX_FORMAT, type D1IndexMeta } from './d1-index-sql.js';

/** A document of the D1 index: its metadata and how many chunks it has. */
export type D1IndexedDocument = IndexedDocument & { chunks: number };

const FILL_HINT =
  'fyld D1 med `npm run build:worker -- --d1` og `wrangler d1 execute … --file` (se docs/cloudflare.md)';

/**
 * The k best chunks for a query: the terms (id, scale) as one JSON parameter, their postings summed
 * per chunk, ties to the chunk indexed first (as `LexicalIndex.search`). The chunks come along, so
 * feedback and reranking need no further round trip for them; the build is read in the same
 * statement, so a refill of D1 while this isolate runs is noticed.
 */
const SEARCH_SQL = `SELECT c.id AS id, t.score AS score, c.chunk AS chunk, (SELECT value FROM lex_meta WHERE key = 'index') AS meta
FROM (
  SELECT p.chunk AS chunk, SUM(p.sat * q.scale) AS score
  FROM (SELECT json_extract(value, '$[0]') AS term, json_extract(value, '$[1]') AS scale FROM json_each(?)) AS q
  JOIN lex_postings AS p ON p.term = q.term
  GROUP BY p.chunk
  ORDER BY score DESC, p.chunk
  LIMIT ?
) AS t JOIN lex_chunks AS c ON c.no = t.chunk
ORDER BY t.score DESC, t.chunk`;

/**
 * The same top k, reading the postings of the rare ("essential") terms only to find candidates and the
 * common ones only for those candidates (by primary key): MaxScore in one statement. Exact when the
 * k-th score exceeds what the common terms could add together (`lexicalSearch` checks, else runs
 * `SEARCH_SQL`).
 */
const PRUNED_SQL = `WITH q AS (
  SELECT json_extract(value, '$[0]') AS term, json_extract(value, '$[1]') AS scale, json_extract(value, '$[2]') AS essential
  FROM json_each(?)
), candidates AS (
  SELECT DISTINCT p.chunk AS chunk FROM q JOIN lex_postings AS p ON p.term = q.term WHERE q.essential = 1
), t AS (
  SELECT candidates.chunk AS chunk, SUM(p.sat * q.scale) AS score
  FROM candidates CROSS JOIN q JOIN lex_postings AS p ON p.term = q.term AND p.chunk = candidates.chunk
  GROUP BY candidates.chunk
  ORDER BY score DESC, candidates.chunk
  LIMIT ?
)
SELECT c.id AS id, t.score AS score, c.chunk AS chunk, (SELECT value FROM lex_meta WHERE key = 'index') AS meta
FROM t JOIN lex_chunks AS c ON c.no = t.chunk
ORDER BY t.score DESC, t.chunk`;

/**
 * Common terms whose scales add up to at most this share of the largest term's scale are read for
 * candidates only (`PRUNED_SQL`); a term's score in a chunk is below its scale (`tf / (k1 + tf)` < 1).
 */
const NON_ESSENTIAL_SHARE = 0.5;
/**
 * What one primary-key lookup of a posting costs against reading one posting in a scan (measured
 * on SQLite: `scripts/bench-d1-fts5.ts`); the pruned statement is used only when it reads clearly less.
 */
const LOOKUP_COST = 4;

type SearchRow = { id: string; score: number; chunk: string; meta: string | null };

const CHUNKS_SQL = 'SELECT chunk FROM lex_chunks WHERE id IN (SELECT value FROM json_each(?))';

/**
 * `RetrievalIndex` over the lexical index and the chunk texts in D1 (`LEXICAL_INDEX=d1`): the
 * vocabulary and document frequencies are read once per isolate (query analysis — stemming,
 * spelling, idf — needs them at once), while postings and chunk texts stay in D1 and are read per
 * query, one statement per search and one per chunk lookup. Scores are those of the in-memory
 * BM25F (`LexicalIndex.search`) over the same chunks. The vector leg is `vectors` when given
 * (Vectorize), else none.
 */
/** Chunks kept in the isolate after a search brought them (about 2 KB each). */
const CACHED_CHUNKS = 4096;

export class D1LexicalIndex implements RetrievalIndex {
  private refilled = false;
  /** Recently searched chunks by id, oldest first (a small LRU: chunks of one build never change). */
  private readonly cache = new Map<string, Chunk>();

  private constructor(
    private readonly db: D1DatabaseLike,
    readonly meta: D1IndexMeta,
    private readonly termIds: Map<string, number>,
    private readonly df: Uint32Array,
    readonly documents: readonly D1IndexedDocument[],
    private readonly vectors: VectorStore | undefined,
  ) {}

  /**
   * Reads the build, the vocabulary and the document list from D1 in one batch. Throws
   * `index_not_ready` when D1 holds no filled index and `index_incompatible` for another format
   * or analyzer.
   */
  static async load(
    db: D1DatabaseLike,
    options: { analyzerId: string; vectors?: VectorStore },
  ): Promise<D1LexicalIndex> {
    let rows: { results?: unknown[] }[];
    try {
      rows = await db.batch([
        db.prepare("SELECT value FROM lex_meta WHERE key = 'index'"),
        db.prepare('SELECT terms FROM lex_terms ORDER BY part'),
        db.prepare('SELECT documents FROM lex_documents ORDER BY part'),
      ]);
    } catch (error) {
      if (/no such table/i.test(String(error))) {
        throw new HelpdeskError('index_not_ready', `Det leksikalske indeks findes ikke i D1 — ${FILL_HINT}.`, {
          cause: error,
        });
      }
      throw error;
    }
    const metaRow = rows[0]?.results?.[0] as { value: string } | undefined;
    if (!metaRow) {
      throw new HelpdeskError(
        'index_not_ready',
        `Det leksikalske indeks i D1 er tomt eller kun delvist fyldt — ${FILL_HINT}.`,
      );
    }
    const meta = JSON.parse(metaRow.value) as D1IndexMeta;
    if (meta.format !== D1_INDEX_FORMAT) {
      throw new HelpdeskError(
        'index_incompatible',
        `Indekset i D1 har formatversion ${meta.format}; Workeren læser ${D1_INDEX_FORMAT} — ${FILL_HINT}.`,
      );
    }
    if (meta.analyzerId !== options.analyzerId) {
      throw new HelpdeskError(
        'index_incompatible',
        `Indekset i D1 er bygget med analysatoren ${meta.analyzerId}, men Workeren bruger ${options.analyzerId} — ${FILL_HINT}.`,
      );
    }
    const termRows = (rows[1]?.results ?? []) as { terms: string }[];
    const documentRows = (rows[2]?.results ?? []) as { documents: string }[];
    if (termRows.length !== meta.termParts || documentRows.length !== meta.documentParts) {
      throw new HelpdeskError('index_not_ready', `Det leksikalske indeks i D1 er kun delvist fyldt — ${FILL_HINT}.`);
    }
    const termIds = new Map<string, number>();
    const df = new Uint32Array(meta.terms);
    for (const row of termRows) {
      for (const [term, count] of JSON.parse(row.terms) as [string, number][]) {
        df[termIds.size] = count;
        termIds.set(term, termIds.size);
      }
    }
    const documents = documentRows.flatMap((row) => JSON.parse(row.documents) as D1IndexedDocument[]);
    if (termIds.size !== meta.terms || documents.length !== meta.documents) {
      throw new HelpdeskError('index_not_ready', `Det leksikalske indeks i D1 er kun delvist fyldt — ${FILL_HINT}.`);
    }
    return new D1LexicalIndex(db, meta, termIds, df, documents, options.vectors);
  }

  /** True once a search saw that D1 was filled with another build: this isolate's vocabulary is stale. */
  get stale(): boolean {
    return this.refilled;
  }

  /** The chunks with these ids: those a recent search brought from the isolate, the rest in one statement. */
  async chunksById(ids: readonly string[]): Promise<Map<string, Chunk>> {
    const out = new Map<string, Chunk>();
    const missing: string[] = [];
    for (const id of new Set(ids)) {
      const chunk = this.cache.get(id);
      if (chunk) out.set(id, chunk);
      else missing.push(id);
    }
    if (missing.length === 0) return out;
    const { results } = await this.read(() =>
      this.db.prepare(CHUNKS_SQL).bind(JSON.stringify(missing)).all<{ chunk: string }>(),
    );
    for (const row of results) {
      const chunk = JSON.parse(row.chunk) as Chunk;
      out.set(chunk.id, chunk);
      this.remember(chunk);
    }
    return out;
  }

  /** A document's chunks in order (one statement). */
  async chunksOf(docId: string): Promise<Chunk[]> {
    const { results } = await this.read(() =>
      this.db.prepare('SELECT chunk FROM lex_chunks WHERE doc = ? ORDER BY no').bind(docId).all<{ chunk: string }>(),
    );
    return results.map((row) => JSON.parse(row.chunk) as Chunk);
  }

  async lexicalSearch(terms: WeightedTerm[], k: number): Promise<LegHit[]> {
    if (k <= 0) return [];
    // as LexicalIndex.search: known terms with a positive weight, a repeated term once at its highest weight
    const weights = new Map<number, number>();
    for (const { term, weight } of terms) {
      if (!(weight > 0)) continue;
      const t = this.termIds.get(term);
      if (t === undefined || this.df[t] === 0) continue;
      weights.set(t, Math.max(weights.get(t) ?? 0, weight));
    }
    if (weights.size === 0) return [];
    const k1 = this.meta.k1;
    const query = [...weights].map(([t, weight]) => ({ t, scale: this.idfOf(this.df[t]!) * weight * (k1 + 1) }));
    const split = this.essentialSplit(query, k);
    let results: SearchRow[] | undefined;
    if (split) {
      const rows = await this.run(
        PRUNED_SQL,
        query.map(({ t, scale }) => [t, scale, split.common.has(t) ? 0 : 1]),
        k,
      );
      // exact when the k-th candidate beats every chunk that has none of the rare terms
      const kth = rows[k - 1];
      if (kth && kth.score > split.bound * (1 + 1e-9)) {
        results = rows;
        this.pruning.exact++;
      } else {
        this.pruning.missed++;
      }
    }
    results ??= await this.run(
      SEARCH_SQL,
      query.map(({ t, scale }) => [t, scale]),
      k,
    );
    const first = results[0];
    if (first && (first.meta === null || (JSON.parse(first.meta) as D1IndexMeta).build !== this.meta.build)) {
      // term ids and document frequencies of another build: the Worker loads the index again (`stale`)
      this.refilled = true;
      throw new HelpdeskError(
        'index_not_ready',
        'Indekset i D1 er fyldt igen, mens Workeren kørte; prøv igen om et øjeblik.',
      );
    }
    for (const row of results) if (!this.cache.has(row.id)) this.remember(JSON.parse(row.chunk) as Chunk);
    return results.map(({ id, score }) => ({ id, score }));
  }

  /** Searches answered by the pruned statement, and those that had to run the full one after it. */
  readonly pruning = { exact: 0, missed: 0 };

  private async run(sql: string, query: number[][], k: number): Promise<SearchRow[]> {
    const { results } = await this.read(() => this.db.prepare(sql).bind(JSON.stringify(query), k).all<SearchRow>());
    return results;
  }

  /**
   * MaxScore's split of the query terms: the common terms (smallest scales first) whose scales add up
   * to at most `NON_ESSENTIAL_SHARE` of the largest, as long as a rare term left is in at least `k`
   * chunks; `undefined` when no term can be left out, or when looking the terms up for the rare terms'
   * chunks would cost more than reading all their postings.
   */
  private essentialSplit(
    query: readonly { t: number; scale: number }[],
    k: number,
  ): { common: Set<number>; bound: number } | undefined {
    if (query.length < 2) return undefined;
    const ordered = [...query].sort((a, b) => a.scale - b.scale || a.t - b.t);
    const largest = ordered.at(-1)!.scale;
    const common = new Set<number>();
    let bound = 0;
    for (let i = 0; i < ordered.length - 1; i++) {
      const { t, scale } = ordered[i]!;
      if (bound + scale > NON_ESSENTIAL_SHARE * largest) break;
      const rest = ordered.slice(i + 1);
      if (Math.max(...rest.map((r) => this.df[r.t]!)) < k) break;
      common.add(t);
      bound += scale;
    }
    if (common.size === 0) return undefined;
    let all = 0;
    let rare = 0;
    for (const { t } of query) {
      all += this.df[t]!;
      if (!common.has(t)) rare += this.df[t]!;
    }
    return rare * (1 + LOOKUP_COST * query.length) * 2 < all ? { common, bound } : undefined;
  }

  private remember(chunk: Chunk): void {
    this.cache.delete(chunk.id);
    this.cache.set(chunk.id, chunk);
    if (this.cache.size > CACHED_CHUNKS) this.cache.delete(this.cache.keys().next().value!);
  }

  async vectorSearch(vector: number[], k: number): Promise<LegHit[]> {
    return this.vectors ? this.vectors.query(vector, k) : [];
  }

  idf(term: string): number {
    const df = this.documentFrequency(term);
    return df === 0 ? 0 : this.idfOf(df);
  }

  documentFrequency(term: string): number {
    const t = this.termIds.get(term);
    return t === undefined ? 0 : this.df[t]!;
  }

  stats(): { chunks: number; documents: number; indexBuiltAt: string } {
    return { chunks: this.meta.chunks, documents: this.meta.documents, indexBuiltAt: this.meta.builtAt };
  }

  vocabulary(): Iterable<string> {
    return this.termIds.keys();
  }

  hasEnglishChunks(): boolean {
    return this.meta.hasEnglish;
  }

  /** One read of D1; a missing table (D1 emptied or being filled again) is `index_not_ready`, other failures `upstream_failed`. */
  private async read<T>(query: () => Promise<T>): Promise<T> {
    try {
      return await query();
    } catch (error) {
      if (/no such table/i.test(String(error))) {
        this.refilled = true;
        throw new HelpdeskError(
          'index_not_ready',
          `Det leksikalske indeks findes ikke (længere) i D1 — ${FILL_HINT}.`,
          {
            cause: error,
          },
        );
      }
      throw new HelpdeskError('upstream_failed', 'D1 kunne ikke læse det leksikalske indeks; prøv igen om lidt.', {
        cause: error,
      });
    }
  }

  /** BM25 idf, as `LexicalIndex`: ln(1 + (N − df + 0.5) / (df + 0.5)). */
  private idfOf(df: number): number {
    return Math.log(1 + (this.meta.chunks - df + 0.5) / (df + 0.5));
  }
}
