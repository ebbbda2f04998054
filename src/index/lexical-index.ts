import { HelpdeskError } from '../errors.js';
import { ByteReader, ByteWriter, corruptError } from './binary.js';
import { StringColumn } from './string-column.js';
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

/** How `LexicalIndex.deserialize` reads. */
export interface DeserializeOptions {
  /** The string to keep for each chunk id read, asked in document-number order (e.g. the chunk's own, so the id is held once). */
  share?: (id: string) => string;
}

/** A query term with its weight (an `Analyzer.queryTerms` item fits). */
export interface LexicalQueryTerm {
  term: string;
  weight: number;
}

/** One term of `LexicalIndex.scoring`: its postings as chunk positions and saturated term frequencies. */
export interface ScoredTerm {
  term: string;
  chunks: Uint32Array;
  saturation: Float64Array;
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

/**
 * What another thread needs to search a lexical index in place (`LexicalIndex.fromParts`): every
 * array a view of a `SharedArrayBuffer` (where the runtime has one), so posting the parts to a
 * worker shares the memory instead of copying it; the term dictionary and chunk ids as
 * `StringColumn` payloads, looked up in the same memory. Read-only on every thread.
 */
export interface LexicalIndexParts {
  options: LexicalOptions;
  /** Number of live chunks. */
  liveDocs: number;
  /** Summed length of each field over the live chunks (3 numbers). */
  totalLength: Float64Array;
  /** `terms + 1` entries: term t's postings are `[offsets[t], offsets[t + 1])`. */
  offsets: Uint32Array;
  postDocs: Uint32Array;
  /** 3 field frequencies per posting. */
  postTfs: Uint16Array;
  /** 3 field lengths per chunk. */
  lengths: Uint32Array;
  /** 1 for a live chunk, 0 for a removed one. */
  alive: Uint8Array;
  /** BM25 length normalisation of each chunk's 3 fields. */
  norms: Float64Array;
  /** Per term: its largest `tf / (k1 + tf)` (MaxScore's bound). */
  saturation: Float64Array;
  /** The term dictionary (`StringColumn` payload): term t at position t. */
  terms: Uint8Array;
  /** The chunk ids (`StringColumn` payload): chunk number d at position d. */
  ids: Uint8Array;
}

interface SerializedHeader {
  options: LexicalOptions;
  ids: string[];
  terms: string[];
}

/**
 * An inverted index over chunks with BM25F scoring across three fields.
 * Postings are kept in compressed-sparse-row form: one Uint32Array of doc
 * numbers and one Uint16Array of per-field term frequencies for all terms,
 * sliced by a term offset table — about 10 bytes per posting and no object per
 * term or posting. `add` appends to a pending buffer that is merged (and
 * `remove`'s tombstones dropped) in one pass before the next read.
 */
export class LexicalIndex {
  readonly options: LexicalOptions;

  // term dictionary
  private termIds = new Map<string, number>();
  private termStrings: string[] = [];

  // merged postings: term t owns [offsets[t], offsets[t + 1]) of docs/tfs
  private mergedTerms = 0;
  private offsets: Uint32Array = new Uint32Array(1);
  private postDocs: Uint32Array = new Uint32Array(0);
  /** FIELDS frequencies per posting, interleaved. */
  private postTfs: Uint16Array = new Uint16Array(0);

  // postings added since the last merge
  private pendingCount = 0;
  private pendingTerms: Uint32Array = new Uint32Array(0);
  private pendingDocs: Uint32Array = new Uint32Array(0);
  private pendingTfs: Uint16Array = new Uint16Array(0);
  /** True after any add or remove; reads merge first. */
  private dirty = false;
  /** Document numbers below this have their postings in the merged arrays (the others only pending ones). */
  private mergedDocs = 0;
  /** Documents removed since the last merge whose postings are still in the merged arrays. */
  private removedSinceMerge: number[] = [];

  // documents (chunks), numbered in order of addition
  private ids: string[] = [];
  private docNumbers = new Map<string, number>();
  private lengths: Uint32Array = new Uint32Array(FIELDS * 64);
  private alive: Uint8Array = new Uint8Array(64);
  private liveDocs = 0;
  private totalLength: Float64Array = new Float64Array(FIELDS);
  /** BM25 length normalisation of each document's fields (`norm`), built on the first search after a change. */
  private norms: Float64Array | undefined;
  /** Per term: its largest `tf / (k1 + tf)` (see `maxSaturation`), -1 until computed; reset with `norms`. */
  private saturation: Float64Array = new Float64Array(0);

  /** Set by `fromParts`: the dictionary and ids in shared memory; the index is then read-only. */
  private shared: { terms: StringColumn; ids: StringColumn } | undefined;
  /** What `toParts` made, until the index changes. */
  private parts: LexicalIndexParts | undefined;

  // scratch, reused between calls (per thread: 12 bytes per chunk)
  private accumulator = new Float64Array(0);
  private touched: Uint32Array = new Uint32Array(0);
  private readonly docSlots = new Map<number, number>();
  private docTfs: Uint16Array = new Uint16Array(FIELDS * 256);

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
    this.merge();
    let n = 0;
    for (let t = 0; t < this.mergedTerms; t++) if (this.df(t) > 0) n++;
    return n;
  }

  /** Every term that occurs in at least one live chunk. */
  *vocabulary(): IterableIterator<string> {
    this.merge();
    for (let t = 0; t < this.mergedTerms; t++) if (this.df(t) > 0) yield this.termAt(t);
  }

  /** True when a chunk with this id is in the index. */
  has(id: string): boolean {
    if (!this.shared) return this.docNumbers.has(id);
    const d = this.shared.ids.indexOf(id);
    return d >= 0 && this.alive[d] === 1;
  }

  /** Add a chunk's analyzed fields; an existing chunk with the same id is replaced. */
  add(fields: LexicalFields): void {
    this.changing();
    if (this.docNumbers.has(fields.id)) this.remove(fields.id);
    const doc = this.ids.length;
    this.ids.push(fields.id);
    this.docNumbers.set(fields.id, doc);
    this.growDocs(doc + 1);
    this.alive[doc] = 1;
    this.liveDocs++;
    this.dirty = true;
    this.norms = undefined;

    // count term frequencies per field in reusable scratch space
    const slots = this.docSlots;
    slots.clear();
    const lists = [fields.title, fields.section, fields.body];
    for (let f = 0; f < FIELDS; f++) {
      const terms = lists[f]!;
      this.lengths[doc * FIELDS + f] = terms.length;
      this.totalLength[f]! += terms.length;
      for (const term of terms) {
        const t = this.termId(term);
        let slot = slots.get(t);
        if (slot === undefined) {
          slot = slots.size;
          slots.set(t, slot);
          if ((slot + 1) * FIELDS > this.docTfs.length) this.docTfs = grow16(this.docTfs, (slot + 1) * FIELDS);
          this.docTfs.fill(0, slot * FIELDS, slot * FIELDS + FIELDS);
        }
        const at = slot * FIELDS + f;
        if (this.docTfs[at]! < MAX_TF) this.docTfs[at]!++;
      }
    }
    this.reservePending(slots.size);
    for (const [t, slot] of slots) {
      const p = this.pendingCount++;
      this.pendingTerms[p] = t;
      this.pendingDocs[p] = doc;
      copy3(this.docTfs, slot * FIELDS, this.pendingTfs, p * FIELDS);
    }
  }

  /** Remove a chunk by id; returns false when it was not there. */
  remove(id: string): boolean {
    this.changing();
    const doc = this.docNumbers.get(id);
    if (doc === undefined) return false;
    this.docNumbers.delete(id);
    this.alive[doc] = 0;
    if (doc < this.mergedDocs) this.removedSinceMerge.push(doc);
    this.liveDocs--;
    for (let f = 0; f < FIELDS; f++) this.totalLength[f]! -= this.lengths[doc * FIELDS + f]!;
    this.dirty = true;
    this.norms = undefined;
    return true;
  }

  /** Number of live chunks that contain the term (in any field). */
  documentFrequency(term: string): number {
    const t = this.termIdOf(term);
    if (t === undefined) return 0;
    this.merge();
    return this.df(t);
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
    this.merge();
    const query = this.mergeQuery(terms);
    if (query.length === 0) return [];
    return this.top(k, this.accumulate(query, k));
  }

  /**
   * `search`, then the same search with the terms `expand` picks from its hits added (pseudo-relevance
   * feedback): the result equals `search([...terms, ...added], k)`. When the added terms bring
   * nothing new the first result is returned as it is. `expand` is not called when the first search
   * finds nothing.
   */
  searchExpanded(
    terms: readonly LexicalQueryTerm[],
    k: number,
    expand: (hits: LexicalHit[]) => readonly LexicalQueryTerm[],
  ): LexicalHit[] {
    const first = this.search(terms, k);
    if (first.length === 0) return first;
    const added = expand(first);
    const query = this.mergeQuery(terms);
    const news = this.mergeQuery(added).some((term) => {
      const have = query.find((q) => q.t === term.t);
      return !have || term.weight > have.weight;
    });
    return news ? this.search([...terms, ...added], k) : first;
  }

  /**
   * Add the BM25F scores of the query terms to the accumulator, skipping work that cannot change
   * the `k` best (MaxScore): terms are taken in order of their largest possible contribution; once
   * the k-th best partial score exceeds what all remaining terms could add together, a chunk not
   * scored yet cannot reach the top `k`, so the remaining terms only add to chunks already scored —
   * by binary search in their (ascending) posting lists when that is cheaper than a scan. The `k`
   * best chunks and their scores are those of scoring every posting. Returns the number of touched
   * (scored) chunks.
   */
  private accumulate(query: readonly { t: number; weight: number }[], k: number): number {
    const docCount = this.docCount;
    if (this.accumulator.length < docCount) {
      this.accumulator = new Float64Array(docCount);
      this.touched = new Uint32Array(docCount);
    }
    const { k1 } = this.options;
    const terms = query
      .map(({ t, weight }) => {
        const scale = this.idfOf(this.df(t)) * weight * (k1 + 1);
        return { t, scale, bound: scale * this.maxSaturation(t) };
      })
      .sort((a, b) => b.bound - a.bound || a.t - b.t);
    // what the terms from i on could add to one chunk at most
    const rest = new Float64Array(terms.length + 1);
    for (let i = terms.length - 1; i >= 0; i--) rest[i] = rest[i + 1]! + terms[i]!.bound;

    let touched = 0;
    let i = 0;
    for (; i < terms.length; i++) {
      if (i > 0 && touched >= k && this.kthScore(touched, k) > rest[i]! * (1 + 1e-9)) break;
      touched = this.scoreTerm(terms[i]!.t, terms[i]!.scale, touched, true);
    }
    for (; i < terms.length; i++) {
      const { t, scale } = terms[i]!;
      const length = this.offsets[t + 1]! - this.offsets[t]!;
      if (touched * Math.log2(length + 1) < length) this.scoreTouched(t, scale, touched);
      else this.scoreTerm(t, scale, touched, false);
    }
    return touched;
  }

  /** BM25F term-frequency part of posting `i` (fields weighted, lengths normalised). */
  private postingTf(i: number, norms: Float64Array): number {
    const w = this.options.fieldWeights;
    const base = this.postDocs[i]! * FIELDS;
    const j = i * FIELDS;
    const tfs = this.postTfs;
    return (
      (w.title * tfs[j]!) / norms[base]! +
      (w.section * tfs[j + 1]!) / norms[base + 1]! +
      (w.body * tfs[j + 2]!) / norms[base + 2]!
    );
  }

  /**
   * Score every posting of term `t`; with `addNew` false only chunks already touched gain. The
   * `postingTf` sum is written out here: this is the loop every search spends its time in.
   */
  private scoreTerm(t: number, scale: number, touched: number, addNew: boolean): number {
    const { k1 } = this.options;
    const w = this.options.fieldWeights;
    const w0 = w.title;
    const w1 = w.section;
    const w2 = w.body;
    const norms = this.fieldNorms();
    const acc = this.accumulator;
    const touchedDocs = this.touched;
    const docs = this.postDocs;
    const tfs = this.postTfs;
    let touchedCount = touched;
    const end = this.offsets[t + 1]!;
    for (let i = this.offsets[t]!; i < end; i++) {
      const d = docs[i]!;
      if (!addNew && acc[d] === 0) continue;
      const base = d * FIELDS;
      const j = i * FIELDS;
      const tf =
        (w0 * tfs[j]!) / norms[base]! + (w1 * tfs[j + 1]!) / norms[base + 1]! + (w2 * tfs[j + 2]!) / norms[base + 2]!;
      if (tf === 0) continue;
      if (acc[d] === 0) touchedDocs[touchedCount++] = d;
      acc[d]! += (scale * tf) / (k1 + tf);
    }
    return touchedCount;
  }

  /** Add term `t` to the touched chunks that contain it, found by binary search in its postings. */
  private scoreTouched(t: number, scale: number, touched: number): void {
    const { k1 } = this.options;
    const norms = this.fieldNorms();
    const acc = this.accumulator;
    const docs = this.postDocs;
    const from = this.offsets[t]!;
    const to = this.offsets[t + 1]!;
    for (let n = 0; n < touched; n++) {
      const d = this.touched[n]!;
      const lo = lowerBound(docs, d, from, to);
      if (lo === to || docs[lo] !== d) continue;
      const tf = this.postingTf(lo, norms);
      if (tf !== 0) acc[d]! += (scale * tf) / (k1 + tf);
    }
  }

  /** The k-th best partial score among the touched chunks. */
  private kthScore(touched: number, k: number): number {
    const top = new TopK(k);
    const acc = this.accumulator;
    for (let n = 0; n < touched; n++) {
      const d = this.touched[n]!;
      top.push(d, acc[d]!);
    }
    return top.threshold;
  }

  /** The largest `tf / (k1 + tf)` among term `t`'s postings (its score's upper bound per unit of scale), cached until the index changes. */
  private maxSaturation(t: number): number {
    const norms = this.fieldNorms();
    if (this.saturation.length !== this.mergedTerms) this.saturation = new Float64Array(this.mergedTerms).fill(-1);
    const cached = this.saturation[t]!;
    if (cached >= 0) return cached;
    const { k1 } = this.options;
    let best = 0;
    const end = this.offsets[t + 1]!;
    for (let i = this.offsets[t]!; i < end; i++) {
      const tf = this.postingTf(i, norms);
      const v = tf / (k1 + tf);
      if (v > best) best = v;
    }
    this.saturation[t] = best;
    return best;
  }

  /** The `k` best of the `touched` chunks in the accumulator, best first; clears the accumulator. */
  private top(k: number, touched: number): LexicalHit[] {
    const acc = this.accumulator;
    const top = new TopK(k);
    for (let i = 0; i < touched; i++) {
      const d = this.touched[i]!;
      top.push(d, acc[d]!);
      acc[d] = 0;
    }
    return top.sorted().map(({ slot, score }) => ({ id: this.idAt(slot), score }));
  }

  /**
   * The index as `search` scores it, for an index kept elsewhere (D1 on Workers): the live chunks in
   * order of addition (their position is the tie-break of `search`), then every live term with its
   * postings — chunk positions ascending and, per posting, the saturated BM25F term frequency
   * `tf / (k1 + tf)` (fields weighted, lengths normalised against the current averages). A term's
   * score in a chunk is that value times `idf × weight × (k1 + 1)`, as in `search`.
   */
  scoring(): { ids: string[]; terms: () => Generator<ScoredTerm> } {
    this.merge();
    const renumber = new Int32Array(this.docCount).fill(-1);
    const ids: string[] = [];
    for (let d = 0; d < this.docCount; d++) {
      if (this.alive[d] === 0) continue;
      renumber[d] = ids.length;
      ids.push(this.idAt(d));
    }
    const self = this;
    function* terms(): Generator<ScoredTerm> {
      const norms = self.fieldNorms();
      const { k1 } = self.options;
      for (let t = 0; t < self.mergedTerms; t++) {
        const from = self.offsets[t]!;
        const to = self.offsets[t + 1]!;
        if (to === from) continue;
        const chunks = new Uint32Array(to - from);
        const saturation = new Float64Array(to - from);
        for (let i = from; i < to; i++) {
          chunks[i - from] = renumber[self.postDocs[i]!]!;
          const tf = self.postingTf(i, norms);
          saturation[i - from] = tf / (k1 + tf);
        }
        yield { term: self.termAt(t), chunks, saturation };
      }
    }
    return { ids, terms };
  }

  /** A compacted binary copy (removed chunks and unused terms dropped), tagged with the format version. */
  serialize(): Uint8Array {
    this.merge();
    const renumber = new Uint32Array(this.docCount);
    const ids: string[] = [];
    const lengths = new Uint32Array(this.liveDocs * FIELDS);
    for (let d = 0; d < this.docCount; d++) {
      if (this.alive[d] === 0) continue;
      renumber[d] = ids.length;
      lengths.set(this.lengths.subarray(d * FIELDS, d * FIELDS + FIELDS), ids.length * FIELDS);
      ids.push(this.idAt(d));
    }
    const terms: string[] = [];
    const counts: number[] = [];
    for (let t = 0; t < this.mergedTerms; t++) {
      if (this.df(t) === 0) continue;
      terms.push(this.termAt(t));
      counts.push(this.df(t));
    }
    // merged postings hold live docs only, so they copy across with new numbers
    const total = this.offsets[this.mergedTerms]!;
    const docs = new Uint32Array(total);
    for (let i = 0; i < total; i++) docs[i] = renumber[this.postDocs[i]!]!;
    const header: SerializedHeader = { options: this.options, ids, terms };
    return new ByteWriter()
      .raw(MAGIC)
      .u32(LEXICAL_FORMAT_VERSION)
      .json(header)
      .u32Array(lengths)
      .u32Array(Uint32Array.from(counts))
      .u32Array(docs)
      .u16Array(this.postTfs.subarray(0, total * FIELDS))
      .finish();
  }

  /**
   * Read bytes written by `serialize`. The postings stay views into `bytes`:
   * do not modify them afterwards. Throws `index_incompatible` for another
   * format version or for damaged bytes.
   */
  static deserialize(bytes: Uint8Array, options: DeserializeOptions = {}): LexicalIndex {
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
    // the postings stay views into `bytes` (the largest part: copying them would hold the index twice while loading)
    const docs = reader.u32View();
    const tfs = reader.u16View();
    const nDocs = header.ids.length;
    const nTerms = header.terms.length;
    const offsets = new Uint32Array(nTerms + 1);
    for (let t = 0; t < counts.length; t++) offsets[t + 1] = offsets[t]! + counts[t]!;
    let docsValid = true;
    for (let i = 0; i < docs.length; i++) if (docs[i]! >= nDocs) docsValid = false;
    if (
      lengths.length !== nDocs * FIELDS ||
      counts.length !== nTerms ||
      docs.length !== offsets[nTerms] ||
      tfs.length !== docs.length * FIELDS ||
      !docsValid
    ) {
      throw reader.corrupt('tabellerne passer ikke sammen');
    }

    const index = new LexicalIndex(header.options);
    index.growDocs(nDocs);
    index.lengths.set(lengths);
    index.alive.fill(1, 0, nDocs);
    for (let d = 0; d < nDocs; d++) {
      const id = options.share ? options.share(header.ids[d]!) : header.ids[d]!;
      index.ids.push(id);
      index.docNumbers.set(id, d);
      for (let f = 0; f < FIELDS; f++) index.totalLength[f]! += lengths[d * FIELDS + f]!;
    }
    index.liveDocs = nDocs;
    for (let t = 0; t < nTerms; t++) {
      index.termIds.set(header.terms[t]!, t);
      index.termStrings.push(header.terms[t]!);
    }
    index.mergedTerms = nTerms;
    index.mergedDocs = nDocs;
    index.offsets = offsets;
    index.postDocs = docs;
    index.postTfs = tfs;
    return index;
  }

  /**
   * An independent copy. A copy of the arrays and maps as they are (fast: an incremental re-index
   * clones the live index for every edit); compacted through `serialize` instead once removed
   * chunks make up more than an eighth of the document numbers, so long-running edits do not grow it.
   */
  clone(): LexicalIndex {
    this.merge();
    const dead = this.docCount - this.liveDocs;
    if (this.shared || dead > Math.max(1024, this.liveDocs / 8)) return LexicalIndex.deserialize(this.serialize());
    const copy = new LexicalIndex(this.options);
    copy.termIds = new Map(this.termIds);
    copy.termStrings = this.termStrings.slice();
    copy.mergedTerms = this.mergedTerms;
    copy.mergedDocs = this.mergedDocs;
    // merged postings are never changed in place (a merge writes new arrays): both can read the same ones
    copy.offsets = this.offsets;
    copy.postDocs = this.postDocs;
    copy.postTfs = this.postTfs;
    copy.ids = this.ids.slice();
    copy.docNumbers = new Map(this.docNumbers);
    copy.lengths = this.lengths.slice();
    copy.alive = this.alive.slice();
    copy.liveDocs = this.liveDocs;
    copy.totalLength = this.totalLength.slice();
    return copy;
  }

  /**
   * What another thread needs to search this index in place (see `LexicalIndexParts`), made once
   * until the index changes: the postings, lengths, norms and term bounds copied into shared memory
   * (this index then searches those same postings, so they are held once), the dictionary and ids
   * as string columns. A worker's `fromParts` then costs no copy; its scratch space is 12 bytes per
   * chunk, and each term or id it reads back is decoded from UTF-8.
   */
  toParts(): LexicalIndexParts {
    if (this.parts) return this.parts;
    this.merge();
    const norms = this.fieldNorms();
    for (let t = 0; t < this.mergedTerms; t++) this.maxSaturation(t);
    const docs = this.docCount;
    const total = this.offsets[this.mergedTerms]!;
    const parts: LexicalIndexParts = {
      options: this.options,
      liveDocs: this.liveDocs,
      totalLength: Float64Array.from(this.totalLength),
      offsets: inSharedMemory(this.offsets.subarray(0, this.mergedTerms + 1)),
      postDocs: inSharedMemory(this.postDocs.subarray(0, total)),
      postTfs: inSharedMemory(this.postTfs.subarray(0, total * FIELDS)),
      lengths: inSharedMemory(this.lengths.subarray(0, docs * FIELDS)),
      alive: inSharedMemory(this.alive.subarray(0, docs)),
      norms: inSharedMemory(norms),
      saturation: inSharedMemory(this.saturation),
      terms: (this.shared?.terms ?? StringColumn.from(this.termStrings.slice(0, this.mergedTerms))).payload,
      ids: (this.shared?.ids ?? StringColumn.from(this.ids)).payload,
    };
    // merged postings are never changed in place (a merge writes new arrays): read the shared copy from now on
    this.offsets = parts.offsets;
    this.postDocs = parts.postDocs;
    this.postTfs = parts.postTfs;
    this.norms = parts.norms;
    this.saturation = parts.saturation;
    this.parts = parts;
    return parts;
  }

  /**
   * The index held in `parts` (made by `toParts`, usually on another thread), searched in place:
   * no array is copied and no dictionary `Map` is built. It can be read (`search`, `idf`, …,
   * `serialize`) but not changed; `clone()` gives a changeable copy. Throws `index_incompatible`
   * when the arrays do not fit together.
   */
  static fromParts(parts: LexicalIndexParts): LexicalIndex {
    const terms = StringColumn.fromPayload(parts.terms);
    const ids = StringColumn.fromPayload(parts.ids);
    const nTerms = terms.length;
    const nDocs = ids.length;
    const total = parts.offsets[nTerms];
    if (
      parts.offsets.length !== nTerms + 1 ||
      parts.postDocs.length !== total ||
      parts.postTfs.length !== total * FIELDS ||
      parts.lengths.length !== nDocs * FIELDS ||
      parts.alive.length !== nDocs ||
      parts.norms.length !== nDocs * FIELDS ||
      parts.saturation.length !== nTerms
    ) {
      throw corruptError('Det delte leksikalske indeks', 'tabellerne passer ikke sammen');
    }
    const index = new LexicalIndex(parts.options);
    index.shared = { terms, ids };
    index.mergedTerms = nTerms;
    index.mergedDocs = nDocs;
    index.offsets = parts.offsets;
    index.postDocs = parts.postDocs;
    index.postTfs = parts.postTfs;
    index.lengths = parts.lengths;
    index.alive = parts.alive;
    index.norms = parts.norms;
    index.saturation = parts.saturation;
    index.liveDocs = parts.liveDocs;
    index.totalLength = Float64Array.from(parts.totalLength);
    index.parts = parts;
    return index;
  }

  /** `norm` of every document's fields against the current average field lengths (3 per document). */
  private fieldNorms(): Float64Array {
    if (this.norms) return this.norms;
    const { b } = this.options;
    const docCount = this.docCount;
    const averages = [0, 1, 2].map((f) => this.totalLength[f]! / this.liveDocs);
    const norms = new Float64Array(docCount * FIELDS);
    for (let d = 0; d < docCount; d++) {
      for (let f = 0; f < FIELDS; f++) norms[d * FIELDS + f] = norm(b, this.lengths[d * FIELDS + f]!, averages[f]!);
    }
    this.norms = norms;
    this.saturation = new Float64Array(0);
    return norms;
  }

  private df(t: number): number {
    return t < this.mergedTerms ? this.offsets[t + 1]! - this.offsets[t]! : 0;
  }

  private idfOf(df: number): number {
    return Math.log(1 + (this.liveDocs - df + 0.5) / (df + 0.5));
  }

  private mergeQuery(terms: readonly LexicalQueryTerm[]): { t: number; weight: number }[] {
    const merged: { t: number; weight: number }[] = [];
    for (const { term, weight } of terms) {
      if (!(weight > 0)) continue;
      const t = this.termIdOf(term);
      if (t === undefined || this.df(t) === 0) continue;
      const existing = merged.find((m) => m.t === t);
      if (existing) existing.weight = Math.max(existing.weight, weight);
      else merged.push({ t, weight });
    }
    return merged;
  }

  /** Number of chunk numbers given out (live and removed). */
  private get docCount(): number {
    return this.shared ? this.shared.ids.length : this.ids.length;
  }

  /** Chunk number d's id. */
  private idAt(d: number): string {
    return this.shared ? this.shared.ids.at(d) : this.ids[d]!;
  }

  /** Term t's string. */
  private termAt(t: number): string {
    return this.shared ? this.shared.terms.at(t) : this.termStrings[t]!;
  }

  /** A term's number, or undefined for a term the index has never held. */
  private termIdOf(term: string): number | undefined {
    if (!this.shared) return this.termIds.get(term);
    const t = this.shared.terms.indexOf(term);
    return t < 0 ? undefined : t;
  }

  /** Before a change: refused for an index read from parts; forgets the parts made for other threads. */
  private changing(): void {
    if (this.shared) {
      throw new HelpdeskError(
        'internal',
        'Et leksikalsk indeks fra en anden tråd (fromParts) kan kun læses; ændr en clone().',
      );
    }
    this.parts = undefined;
  }

  private termId(term: string): number {
    let t = this.termIds.get(term);
    if (t === undefined) {
      t = this.termStrings.length;
      this.termIds.set(term, t);
      this.termStrings.push(term);
    }
    return t;
  }

  /**
   * Fold pending postings into the merged arrays and drop postings of removed
   * chunks: one counting-sort pass, so each term's doc numbers stay ascending.
   * Only the chunks removed since the last merge can have postings to drop, so
   * a term's postings are copied in runs between them.
   */
  private merge(): void {
    if (!this.dirty) return;
    const terms = this.termStrings.length;
    const alive = this.alive;
    const dead = this.deadPostings();
    const counts = new Uint32Array(terms + 1);
    for (let t = 0; t < this.mergedTerms; t++) counts[t + 1] = this.df(t) - (dead.get(t)?.length ?? 0);
    for (let p = 0; p < this.pendingCount; p++) counts[this.pendingTerms[p]! + 1]! += alive[this.pendingDocs[p]!]!;
    for (let t = 0; t < terms; t++) counts[t + 1]! += counts[t]!;
    const offsets = counts;
    const total = offsets[terms]!;
    const docs = new Uint32Array(total);
    const tfs = new Uint16Array(total * FIELDS);
    const cursor = offsets.slice(0, terms);
    const copyRun = (from: number, to: number, at: number) => {
      docs.set(this.postDocs.subarray(from, to), at);
      tfs.set(this.postTfs.subarray(from * FIELDS, to * FIELDS), at * FIELDS);
      return at + (to - from);
    };
    for (let t = 0; t < this.mergedTerms; t++) {
      let from = this.offsets[t]!;
      let at = cursor[t]!;
      for (const gone of dead.get(t) ?? []) {
        at = copyRun(from, gone, at);
        from = gone + 1;
      }
      cursor[t] = copyRun(from, this.offsets[t + 1]!, at);
    }
    for (let p = 0; p < this.pendingCount; p++) {
      const d = this.pendingDocs[p]!;
      if (alive[d] === 0) continue;
      const at = cursor[this.pendingTerms[p]!]!++;
      docs[at] = d;
      copy3(this.pendingTfs, p * FIELDS, tfs, at * FIELDS);
    }
    this.offsets = offsets;
    this.postDocs = docs;
    this.postTfs = tfs;
    this.mergedTerms = terms;
    this.mergedDocs = this.ids.length;
    this.removedSinceMerge = [];
    this.pendingCount = 0;
    this.pendingTerms = new Uint32Array(0);
    this.pendingDocs = new Uint32Array(0);
    this.pendingTfs = new Uint16Array(0);
    this.dirty = false;
  }

  /**
   * Positions (ascending) in the merged postings of the chunks removed since the last merge, by
   * term; terms without any are left out. A short postings list is scanned, a long one searched
   * (its doc numbers ascend) for each removed chunk.
   */
  private deadPostings(): Map<number, number[]> {
    const dead = new Map<number, number[]>();
    if (this.removedSinceMerge.length === 0) return dead;
    const removed = Uint32Array.from(this.removedSinceMerge).sort();
    const docs = this.postDocs;
    const alive = this.alive;
    for (let t = 0; t < this.mergedTerms; t++) {
      const from = this.offsets[t]!;
      const to = this.offsets[t + 1]!;
      const found: number[] = [];
      if (to - from <= removed.length * SCAN_PER_REMOVED) {
        for (let i = from; i < to; i++) if (alive[docs[i]!] === 0) found.push(i);
      } else {
        let lo = from;
        for (const doc of removed) {
          lo = lowerBound(docs, doc, lo, to);
          if (lo === to) break;
          if (docs[lo] === doc) found.push(lo);
        }
      }
      if (found.length > 0) dead.set(t, found);
    }
    return dead;
  }

  private reservePending(extra: number): void {
    const needed = this.pendingCount + extra;
    if (needed <= this.pendingDocs.length) return;
    const capacity = Math.max(needed, this.pendingDocs.length * 2, 1024);
    this.pendingTerms = grow32(this.pendingTerms, capacity);
    this.pendingDocs = grow32(this.pendingDocs, capacity);
    this.pendingTfs = grow16(this.pendingTfs, capacity * FIELDS);
  }

  private growDocs(needed: number): void {
    if (needed <= this.alive.length) return;
    let capacity = this.alive.length * 2;
    while (capacity < needed) capacity *= 2;
    const alive = new Uint8Array(capacity);
    alive.set(this.alive);
    this.alive = alive;
    this.lengths = grow32(this.lengths, capacity * FIELDS);
  }
}

type SharedView = Uint8Array | Uint16Array | Uint32Array | Float64Array;

/** `view` itself when it lies in a `SharedArrayBuffer` (or the runtime has none), else a copy in one. */
function inSharedMemory<T extends SharedView>(view: T): T {
  if (typeof SharedArrayBuffer !== 'function' || view.buffer instanceof SharedArrayBuffer) return view;
  const Type = view.constructor as new (buffer: SharedArrayBuffer, offset: number, length: number) => T;
  const copy = new Type(new SharedArrayBuffer(view.byteLength), 0, view.length);
  copy.set(view as never);
  return copy;
}

/** Postings scanned rather than searched per removed chunk when a merge looks for removed chunks' postings. */
const SCAN_PER_REMOVED = 16;

/** First index in `[from, to)` of the ascending `values` whose value is not below `value` (`to` when none). */
function lowerBound(values: Uint32Array, value: number, from: number, to: number): number {
  let lo = from;
  let hi = to;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (values[mid]! < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Copies the FIELDS (3) frequencies of one posting. */
function copy3(from: Uint16Array, fromIndex: number, to: Uint16Array, toIndex: number): void {
  to[toIndex] = from[fromIndex]!;
  to[toIndex + 1] = from[fromIndex + 1]!;
  to[toIndex + 2] = from[fromIndex + 2]!;
}

function grow32(array: Uint32Array, length: number): Uint32Array {
  const next = new Uint32Array(length);
  next.set(array.subarray(0, Math.min(array.length, length)));
  return next;
}

function grow16(array: Uint16Array, length: number): Uint16Array {
  const next = new Uint16Array(Math.max(length, array.length * 2));
  next.set(array);
  return next;
}

/** BM25 length normalisation of one field; fields with no length anywhere count as average. */
function norm(b: number, length: number, average: number): number {
  return average > 0 ? 1 - b + (b * length) / average : 1;
}
