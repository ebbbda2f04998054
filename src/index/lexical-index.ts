import { HelpdeskError } from '../errors.js';
import { ByteReader, ByteWriter } from './binary.js';
import { TopK } from './top-k.js';

/** Version of `LexicalIndex.serialize` output; other versions are refused. */
export const LEXICAL_FORMAT_VERSION = 1;

const MAGIC = new Uint8Array([0x4f, 0x50, 0x4c, 0x58]); // "OPLX"
const FIELDS = 3; // title, section, body
const MAX_TF = 0xffff;

/** The analyzed terms of one chunk, by field (the analyzer's `terms` output). */
export interface LexicalFields {
  /** Chunk id. */
  id: string;
  title: string[];
  section: string[];
  body: string[];
}

/** A query term with its weight (an `Analyzer.queryTerms` item fits). */
export interface LexicalQueryTerm {
  term: string;
  weight: number;
}

export interface LexicalHit {
  id: string;
  score: number;
}

/**
 * BM25F parameters. Defaults: k1 = 1.2, b = 0.75, field weights title 2.5,
 * section 1.5, body 1 — a term in the title counts 2.5 body occurrences.
 */
export interface LexicalOptions {
  k1: number;
  b: number;
  fieldWeights: { title: number; section: number; body: number };
}

/** The default BM25F parameters (see `LexicalOptions`). */
export const DEFAULT_LEXICAL_OPTIONS: LexicalOptions = {
  k1: 1.2,
  b: 0.75,
  fieldWeights: { title: 2.5, section: 1.5, body: 1 },
};

interface SerializedHeader {
  options: LexicalOptions;
  ids: string[];
  terms: string[];
}

/**
 * An inverted index over chunks with BM25F scoring across three fields.
 * Postings live in typed arrays (doc numbers as Uint32, per-field term
 * frequencies as Uint16), so memory stays near 10 bytes per posting.
 * `remove` leaves a tombstone; `serialize` writes a compacted copy.
 */
export class LexicalIndex {
  readonly options: LexicalOptions;

  // term dictionary
  private readonly termIds = new Map<string, number>();
  private readonly termStrings: string[] = [];
  private postDocs: Uint32Array[] = [];
  /** FIELDS frequencies per posting, interleaved. */
  private postTfs: Uint16Array[] = [];
  private postCounts: number[] = [];
  private df: number[] = [];
  private dfDirty = false;

  // documents (chunks), numbered in order of addition
  private readonly ids: string[] = [];
  private readonly docNumbers = new Map<string, number>();
  private lengths = new Uint32Array(FIELDS * 64);
  private alive = new Uint8Array(64);
  private liveDocs = 0;
  private readonly totalLength = new Float64Array(FIELDS);

  // query scratch, reused between searches
  private accumulator = new Float64Array(0);
  private touched = new Uint32Array(0);

  constructor(options: Partial<LexicalOptions> = {}) {
    this.options = {
      ...DEFAULT_LEXICAL_OPTIONS,
      ...options,
      fieldWeights: { ...DEFAULT_LEXICAL_OPTIONS.fieldWeights, ...options.fieldWeights },
    };
  }

  /** Number of live (not removed) chunks. */
  get size(): number {
    return this.liveDocs;
  }

  /** Number of distinct terms that occur in at least one live chunk. */
  get vocabularySize(): number {
    this.refreshDf();
    let n = 0;
    for (const d of this.df) if (d > 0) n++;
    return n;
  }

  /** Every term that occurs in at least one live chunk. */
  *vocabulary(): IterableIterator<string> {
    this.refreshDf();
    for (let t = 0; t < this.termStrings.length; t++) if (this.df[t]! > 0) yield this.termStrings[t]!;
  }

  /** True when a chunk with this id is in the index. */
  has(id: string): boolean {
    return this.docNumbers.has(id);
  }

  /** Add a chunk's analyzed fields; an existing chunk with the same id is replaced. */
  add(fields: LexicalFields): void {
    if (this.docNumbers.has(fields.id)) this.remove(fields.id);
    const doc = this.ids.length;
    this.ids.push(fields.id);
    this.docNumbers.set(fields.id, doc);
    this.growDocs(doc + 1);
    this.alive[doc] = 1;
    this.liveDocs++;

    const counts = new Map<number, Uint16Array>();
    const lists = [fields.title, fields.section, fields.body];
    for (let f = 0; f < FIELDS; f++) {
      const terms = lists[f]!;
      this.lengths[doc * FIELDS + f] = terms.length;
      this.totalLength[f]! += terms.length;
      for (const term of terms) {
        const t = this.termId(term);
        let c = counts.get(t);
        if (!c) {
          c = new Uint16Array(FIELDS);
          counts.set(t, c);
        }
        if (c[f]! < MAX_TF) c[f]!++;
      }
    }
    for (const [t, c] of counts) this.appendPosting(t, doc, c);
  }

  /** Remove a chunk by id; returns false when it was not there. */
  remove(id: string): boolean {
    const doc = this.docNumbers.get(id);
    if (doc === undefined) return false;
    this.docNumbers.delete(id);
    this.alive[doc] = 0;
    this.liveDocs--;
    for (let f = 0; f < FIELDS; f++) this.totalLength[f]! -= this.lengths[doc * FIELDS + f]!;
    this.dfDirty = true;
    return true;
  }

  /** Number of live chunks that contain the term (in any field). */
  documentFrequency(term: string): number {
    const t = this.termIds.get(term);
    if (t === undefined) return 0;
    this.refreshDf();
    return this.df[t]!;
  }

  /** True when at least one live chunk contains the term. */
  hasTerm(term: string): boolean {
    return this.documentFrequency(term) > 0;
  }

  /** BM25 inverse document frequency, ln(1 + (N − df + 0.5) / (df + 0.5)); 0 for unknown terms. */
  idf(term: string): number {
    const df = this.documentFrequency(term);
    return df === 0 ? 0 : this.idfOf(df);
  }

  /**
   * The `k` best chunks for weighted query terms, best first. Each term's
   * BM25F contribution is multiplied by its weight; a repeated term counts
   * once, with its highest weight. Terms with weight ≤ 0 are ignored.
   */
  search(terms: readonly LexicalQueryTerm[], k: number): LexicalHit[] {
    if (k <= 0 || this.liveDocs === 0) return [];
    this.refreshDf();
    const query = this.mergeQuery(terms);
    if (query.length === 0) return [];

    const docCount = this.ids.length;
    if (this.accumulator.length < docCount) {
      this.accumulator = new Float64Array(docCount);
      this.touched = new Uint32Array(docCount);
    }
    const acc = this.accumulator;
    const touched = this.touched;
    let touchedCount = 0;

    const { k1, b } = this.options;
    const w = this.options.fieldWeights;
    const w0 = w.title;
    const w1 = w.section;
    const w2 = w.body;
    const avg0 = this.totalLength[0]! / this.liveDocs;
    const avg1 = this.totalLength[1]! / this.liveDocs;
    const avg2 = this.totalLength[2]! / this.liveDocs;
    const lengths = this.lengths;
    const alive = this.alive;

    for (const { t, weight } of query) {
      const scale = this.idfOf(this.df[t]!) * weight * (k1 + 1);
      const docs = this.postDocs[t]!;
      const tfs = this.postTfs[t]!;
      const n = this.postCounts[t]!;
      for (let i = 0; i < n; i++) {
        const d = docs[i]!;
        if (alive[d] === 0) continue;
        const base = d * FIELDS;
        const j = i * FIELDS;
        const tf =
          (w0 * tfs[j]!) / norm(b, lengths[base]!, avg0) +
          (w1 * tfs[j + 1]!) / norm(b, lengths[base + 1]!, avg1) +
          (w2 * tfs[j + 2]!) / norm(b, lengths[base + 2]!, avg2);
        if (tf === 0) continue;
        if (acc[d] === 0) touched[touchedCount++] = d;
        acc[d]! += (scale * tf) / (k1 + tf);
      }
    }

    const top = new TopK(k);
    for (let i = 0; i < touchedCount; i++) {
      const d = touched[i]!;
      top.push(d, acc[d]!);
      acc[d] = 0;
    }
    return top.sorted().map(({ slot, score }) => ({ id: this.ids[slot]!, score }));
  }

  /** A compacted binary copy (removed chunks and unused terms dropped), tagged with the format version. */
  serialize(): Uint8Array {
    this.refreshDf();
    const renumber = new Int32Array(this.ids.length).fill(-1);
    const ids: string[] = [];
    const lengths: number[] = [];
    for (let d = 0; d < this.ids.length; d++) {
      if (this.alive[d] === 0) continue;
      renumber[d] = ids.length;
      ids.push(this.ids[d]!);
      for (let f = 0; f < FIELDS; f++) lengths.push(this.lengths[d * FIELDS + f]!);
    }
    const terms: string[] = [];
    const counts: number[] = [];
    let total = 0;
    for (let t = 0; t < this.termStrings.length; t++) {
      if (this.df[t]! === 0) continue;
      terms.push(this.termStrings[t]!);
      counts.push(this.df[t]!);
      total += this.df[t]!;
    }
    const docs = new Uint32Array(total);
    const tfs = new Uint16Array(total * FIELDS);
    let p = 0;
    for (let t = 0; t < this.termStrings.length; t++) {
      if (this.df[t]! === 0) continue;
      const pd = this.postDocs[t]!;
      const pt = this.postTfs[t]!;
      for (let i = 0; i < this.postCounts[t]!; i++) {
        const d = pd[i]!;
        if (this.alive[d] === 0) continue;
        docs[p] = renumber[d]!;
        tfs.set(pt.subarray(i * FIELDS, i * FIELDS + FIELDS), p * FIELDS);
        p++;
      }
    }
    const header: SerializedHeader = { options: this.options, ids, terms };
    return new ByteWriter()
      .raw(MAGIC)
      .u32(LEXICAL_FORMAT_VERSION)
      .json(header)
      .u32Array(Uint32Array.from(lengths))
      .u32Array(Uint32Array.from(counts))
      .u32Array(docs)
      .u16Array(tfs)
      .finish();
  }

  /**
   * Read bytes written by `serialize`. Throws `index_incompatible` for another
   * format version or for damaged bytes.
   */
  static deserialize(bytes: Uint8Array): LexicalIndex {
    const reader = new ByteReader(bytes, 'Det leksikalske indeks');
    const magic = reader.raw(4);
    if (!MAGIC.every((m, i) => magic[i] === m)) throw reader.corrupt('ukendt filtype');
    const version = reader.u32();
    if (version !== LEXICAL_FORMAT_VERSION) {
      throw new HelpdeskError(
        'index_incompatible',
        `Det leksikalske indeks har formatversion ${version}; denne version læser ${LEXICAL_FORMAT_VERSION} — byg indekset igen.`,
      );
    }
    const header = reader.json() as SerializedHeader;
    if (!header || !Array.isArray(header.ids) || !Array.isArray(header.terms) || typeof header.options !== 'object') {
      throw reader.corrupt('ugyldigt hoved');
    }
    const lengths = reader.u32Array();
    const counts = reader.u32Array();
    const docs = reader.u32Array();
    const tfs = reader.u16Array();
    const nDocs = header.ids.length;
    let total = 0;
    for (const c of counts) total += c;
    if (
      lengths.length !== nDocs * FIELDS ||
      counts.length !== header.terms.length ||
      docs.length !== total ||
      tfs.length !== total * FIELDS ||
      docs.some((d) => d >= nDocs)
    ) {
      throw reader.corrupt('tabellerne passer ikke sammen');
    }

    const index = new LexicalIndex(header.options);
    index.growDocs(nDocs);
    index.lengths.set(lengths);
    for (let d = 0; d < nDocs; d++) {
      const id = header.ids[d]!;
      index.ids.push(id);
      index.docNumbers.set(id, d);
      index.alive[d] = 1;
      for (let f = 0; f < FIELDS; f++) index.totalLength[f]! += lengths[d * FIELDS + f]!;
    }
    index.liveDocs = nDocs;
    let p = 0;
    for (let t = 0; t < header.terms.length; t++) {
      const term = header.terms[t]!;
      const n = counts[t]!;
      index.termIds.set(term, t);
      index.termStrings.push(term);
      // views into the shared arrays; an append copies the list out first
      index.postDocs.push(docs.subarray(p, p + n));
      index.postTfs.push(tfs.subarray(p * FIELDS, (p + n) * FIELDS));
      index.postCounts.push(n);
      index.df.push(n);
      p += n;
    }
    return index;
  }

  /** An independent copy (compacted). */
  clone(): LexicalIndex {
    return LexicalIndex.deserialize(this.serialize());
  }

  private idfOf(df: number): number {
    return Math.log(1 + (this.liveDocs - df + 0.5) / (df + 0.5));
  }

  private mergeQuery(terms: readonly LexicalQueryTerm[]): { t: number; weight: number }[] {
    const merged: { t: number; weight: number }[] = [];
    for (const { term, weight } of terms) {
      if (!(weight > 0)) continue;
      const t = this.termIds.get(term);
      if (t === undefined || this.df[t]! === 0) continue;
      const existing = merged.find((m) => m.t === t);
      if (existing) existing.weight = Math.max(existing.weight, weight);
      else merged.push({ t, weight });
    }
    return merged;
  }

  private termId(term: string): number {
    let t = this.termIds.get(term);
    if (t === undefined) {
      t = this.termStrings.length;
      this.termIds.set(term, t);
      this.termStrings.push(term);
      this.postDocs.push(new Uint32Array(2));
      this.postTfs.push(new Uint16Array(2 * FIELDS));
      this.postCounts.push(0);
      this.df.push(0);
    }
    return t;
  }

  private appendPosting(t: number, doc: number, tf: Uint16Array): void {
    const n = this.postCounts[t]!;
    let docs = this.postDocs[t]!;
    let tfs = this.postTfs[t]!;
    if (n === docs.length) {
      const capacity = Math.max(2, n * 2);
      const nextDocs = new Uint32Array(capacity);
      nextDocs.set(docs.subarray(0, n));
      const nextTfs = new Uint16Array(capacity * FIELDS);
      nextTfs.set(tfs.subarray(0, n * FIELDS));
      docs = nextDocs;
      tfs = nextTfs;
      this.postDocs[t] = docs;
      this.postTfs[t] = tfs;
    }
    docs[n] = doc;
    tfs.set(tf, n * FIELDS);
    this.postCounts[t] = n + 1;
    if (!this.dfDirty) this.df[t]!++;
  }

  /** Recount document frequencies after removals (one pass over the postings). */
  private refreshDf(): void {
    if (!this.dfDirty) return;
    for (let t = 0; t < this.termStrings.length; t++) {
      const docs = this.postDocs[t]!;
      let live = 0;
      for (let i = 0; i < this.postCounts[t]!; i++) live += this.alive[docs[i]!]!;
      this.df[t] = live;
    }
    this.dfDirty = false;
  }

  private growDocs(needed: number): void {
    if (needed <= this.alive.length) return;
    let capacity = this.alive.length * 2;
    while (capacity < needed) capacity *= 2;
    const alive = new Uint8Array(capacity);
    alive.set(this.alive);
    this.alive = alive;
    const lengths = new Uint32Array(capacity * FIELDS);
    lengths.set(this.lengths);
    this.lengths = lengths;
  }
}

/** BM25 length normalisation of one field; fields with no length anywhere count as average. */
function norm(b: number, length: number, average: number): number {
  return average > 0 ? 1 - b + (b * length) / average : 1;
}
