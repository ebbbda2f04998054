import type { Chunk } from '../corpus/types.js';
import { HelpdeskError } from '../errors.js';
import { FNV_OFFSET, fnvStep } from '../text/hash.js';
import { corruptError } from './binary.js';

/** Strings every row holds, in slot order; the row's `sectionPath` entries follow them. */
const FIXED = ['id', 'docId', 'anchor', 'title', 'kind', 'section', 'text'] as const;
const SLOT = { id: 0, docId: 1, anchor: 2, title: 3, kind: 4, section: 5, text: 6 } as const;
/** `language` as stored in a row's flags (bits 0–1): 0 = absent. */
const LANGUAGES = [undefined, 'da', 'en'] as const;
const LANGUAGE_BITS = 3;
/** Flag: the id is `docId#anchor` and its slot is empty. */
const DERIVED_ID = 4;
/** Flag: the section is the section path joined with ` › ` and its slot is empty. */
const DERIVED_SECTION = 8;
const FLAG_BITS = 15;
const SECTION_JOIN = ' › ';
const HASH = 0x23; // '#'
/** Least size of `at`'s record of made chunks before it forgets collected ones. */
const PRUNE_AT = 4096;
/** rows, slots, string bytes, layout version */
const HEAD_WORDS = 4;
/** Version of the payload layout below (inside index.bin's format version). */
const LAYOUT_VERSION = 1;
const WHAT = 'Tekststykke-tabellen';

const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8');

/**
 * The typed arrays a table is made of, all views into one buffer (`payload`): a
 * `SharedArrayBuffer` where the runtime has one, so worker threads can read the same table.
 */
interface Columns {
  /** `rows + 1` entries: the first string slot of each row (the slots of row r end where row r + 1's begin). */
  rowSlots: Uint32Array;
  /** `slots + 1` entries: the byte offset in `strings` where each slot starts. */
  slotStarts: Uint32Array;
  ordinals: Uint32Array;
  lines: Uint32Array;
  /**
   * The row holding this row's docId, title and kind: the row itself, or the first row of a run of
   * chunks of one document (then this row's three slots are empty).
   */
  owners: Uint32Array;
  /** Language (bits 0–1, index into `LANGUAGES`), `DERIVED_ID`, `DERIVED_SECTION`. */
  flags: Uint8Array;
  /** Every string of every row, UTF-8, back to back. */
  strings: Uint8Array;
}

/** What can be handed to another thread (`postMessage`) and made into the same table there. */
export interface ChunkTableParts {
  /** The table's bytes (see `ChunkTable.payload`). */
  payload: Uint8Array;
}

/**
 * Every chunk of an index in a few flat columns instead of one object each: the strings (id,
 * document, anchor, title, kind, section, text and the section path) as UTF-8 in one byte array
 * with Uint32 offsets, line, ordinal and language in typed arrays. What repeats is stored once: a
 * document's id, title and kind on its first row only, an id that is `docId#anchor` and a section
 * that is its path joined with ` › ` not at all. The whole table is one byte
 * array (`payload`), which is also exactly its section in index.bin, so loading it is one read and
 * saving it one write, with no JSON and no object per chunk. A chunk object is made only when
 * asked for (`at`, `byId`); it is equal to the chunk that went in, with the same key order.
 * Immutable once made.
 */
export class ChunkTable implements Iterable<Chunk> {
  /** The table's bytes: header, then the columns, each starting on a 4-byte boundary. */
  readonly payload: Uint8Array;
  /** Number of chunks. */
  readonly length: number;
  private readonly c: Columns;
  /** Open-addressing table of `row + 1` by hash of the id's bytes, and each entry's hash; made at the first lookup by id. */
  private idSlots: { rows: Uint32Array; hashes: Uint32Array } | undefined;
  private scratch = new Uint8Array(256);
  /** The chunks `at` made, by row, while something holds them. */
  private readonly made = new Map<number, WeakRef<Chunk>>();
  /** Size of `made` at which the rows whose chunk was collected are forgotten. */
  private pruneAt = PRUNE_AT;

  private constructor(payload: Uint8Array, columns: Columns) {
    this.payload = payload;
    this.c = columns;
    this.length = columns.ordinals.length;
  }

  /** A table of `chunks`, in their order. */
  static from(chunks: Iterable<Chunk>): ChunkTable {
    const builder = new ChunkTableBuilder();
    for (const chunk of chunks) builder.add(chunk);
    return builder.finish();
  }

  /**
   * The table held in `payload` (a table's `payload`, read from index.bin or received from another
   * thread; used in place, not copied). Throws `index_incompatible` naming what is wrong when the
   * bytes are not a whole, consistent table.
   */
  static fromPayload(payload: Uint8Array): ChunkTable {
    return new ChunkTable(payload, columnsOf(payload));
  }

  /** The table from `parts` made by `toParts` (on another thread: the same bytes, not a copy). */
  static fromParts(parts: ChunkTableParts): ChunkTable {
    return ChunkTable.fromPayload(parts.payload);
  }

  /** What another thread needs to read this table (`fromParts`); shared, not copied, when the payload is a `SharedArrayBuffer`. */
  toParts(): ChunkTableParts {
    return { payload: this.payload };
  }

  /**
   * The chunk in `row` (undefined outside 0 … length − 1): the object an earlier call made while it
   * is still held anywhere, else a new one. Retrieval caches what it derives from a chunk by the
   * chunk object (`memoise`), as it did when the index held one object per chunk.
   */
  at(row: number): Chunk | undefined {
    if (!(row >= 0 && row < this.length) || !Number.isInteger(row)) return undefined;
    if (typeof WeakRef !== 'function') return this.make(row);
    const held = this.made.get(row)?.deref();
    if (held) return held;
    const chunk = this.make(row);
    this.made.set(row, new WeakRef(chunk));
    if (this.made.size > this.pruneAt) {
      for (const [r, ref] of this.made) if (ref.deref() === undefined) this.made.delete(r);
      this.pruneAt = Math.max(PRUNE_AT, 2 * this.made.size);
    }
    return chunk;
  }

  /** The chunk in `row` as a new object; `row` must be in range. */
  private make(row: number): Chunk {
    const { rowSlots } = this.c;
    const first = rowSlots[row]!;
    const end = rowSlots[row + 1]!;
    const own = rowSlots[this.c.owners[row]!]!;
    const flags = this.c.flags[row]!;
    const sectionPath: string[] = [];
    for (let s = first + FIXED.length; s < end; s++) sectionPath.push(this.slot(s));
    const docId = this.slot(own + SLOT.docId);
    const anchor = this.slot(first + SLOT.anchor);
    const chunk: Chunk = {
      id: flags & DERIVED_ID ? `${docId}#${anchor}` : this.slot(first + SLOT.id),
      docId,
      anchor,
      ordinal: this.c.ordinals[row]!,
      title: this.slot(own + SLOT.title),
      kind: this.slot(own + SLOT.kind) as Chunk['kind'],
      sectionPath,
      section: flags & DERIVED_SECTION ? sectionPath.join(SECTION_JOIN) : this.slot(first + SLOT.section),
      text: this.slot(first + SLOT.text),
      line: this.c.lines[row]!,
    };
    const language = LANGUAGES[flags & LANGUAGE_BITS];
    if (language !== undefined) chunk.language = language;
    return chunk;
  }

  /** The id of the chunk in `row` (without making the chunk). */
  idAt(row: number): string {
    const first = this.c.rowSlots[row]!;
    if (this.c.flags[row]! & DERIVED_ID) return `${this.docIdAt(row)}#${this.slot(first + SLOT.anchor)}`;
    return this.slot(first + SLOT.id);
  }

  /** The docId of the chunk in `row` (without making the chunk). */
  docIdAt(row: number): string {
    return this.slot(this.c.rowSlots[this.c.owners[row]!]! + SLOT.docId);
  }

  /** The language of the chunk in `row`; undefined when the chunk has none (Danish). */
  languageAt(row: number): Chunk['language'] {
    return LANGUAGES[this.c.flags[row]! & LANGUAGE_BITS];
  }

  /** Whether some chunk has `language` set to this value. */
  hasLanguage(language: 'da' | 'en'): boolean {
    const code = LANGUAGES.indexOf(language);
    const flags = this.c.flags;
    for (let row = 0; row < flags.length; row++) if ((flags[row]! & LANGUAGE_BITS) === code) return true;
    return false;
  }

  /** The chunk with this id, or undefined. */
  byId(id: string): Chunk | undefined {
    const row = this.rowOf(id);
    return row === undefined ? undefined : this.at(row);
  }

  /** The row of the chunk with this id, or undefined. With repeated ids, the first row. */
  rowOf(id: string): number | undefined {
    if (this.idSlots === undefined) this.idSlots = this.hashIds();
    const { rows, hashes } = this.idSlots;
    const key = this.encode(id);
    const hash = fnvBytes(FNV_OFFSET, key, 0, key.length) >>> 0;
    const mask = rows.length - 1;
    for (let i = hash & mask; ; i = (i + 1) & mask) {
      const entry = rows[i]!;
      if (entry === 0) return undefined;
      if (hashes[i] === hash && this.idEquals(entry - 1, key)) return entry - 1;
    }
  }

  /** Whether the chunk in `row` has this id (compared as bytes, without making the string). */
  idIs(row: number, id: string): boolean {
    return row >= 0 && row < this.length && this.idEquals(row, this.encode(id));
  }

  /** Every chunk id, in row order. */
  ids(): string[] {
    const out = new Array<string>(this.length);
    for (let row = 0; row < this.length; row++) out[row] = this.idAt(row);
    return out;
  }

  /** Every chunk's text in row order (without making the chunks). */
  *texts(): Iterable<string> {
    for (let row = 0; row < this.length; row++) yield this.slot(this.c.rowSlots[row]! + SLOT.text);
  }

  /** Every chunk in row order, each a new object (a pass over all rows does not fill `at`'s record). */
  *[Symbol.iterator](): Iterator<Chunk> {
    for (let row = 0; row < this.length; row++) yield this.make(row);
  }

  /** `text` as UTF-8 in a reused buffer (ids are short; grown when one is not); valid until the next call. */
  private encode(text: string): Uint8Array {
    if (text.length * 3 > this.scratch.length) this.scratch = new Uint8Array(text.length * 3);
    return this.scratch.subarray(0, encoder.encodeInto(text, this.scratch).written);
  }

  private slot(s: number): string {
    const starts = this.c.slotStarts;
    return decodeUtf8(this.c.strings, starts[s]!, starts[s + 1]!);
  }

  /** Whether the UTF-8 bytes of row `row`'s id are `key`. */
  private idEquals(row: number, key: Uint8Array): boolean {
    const { rowSlots, slotStarts, strings } = this.c;
    const same = (s: number, at: number): boolean => {
      const a = slotStarts[s]!;
      const n = slotStarts[s + 1]! - a;
      for (let i = 0; i < n; i++) if (strings[a + i] !== key[at + i]) return false;
      return true;
    };
    const first = rowSlots[row]!;
    if (!(this.c.flags[row]! & DERIVED_ID)) {
      return slotStarts[first + 1]! - slotStarts[first]! === key.length && same(first + SLOT.id, 0);
    }
    const doc = rowSlots[this.c.owners[row]!]! + SLOT.docId;
    const docLength = slotStarts[doc + 1]! - slotStarts[doc]!;
    const anchorLength = slotStarts[first + SLOT.anchor + 1]! - slotStarts[first + SLOT.anchor]!;
    return (
      docLength + 1 + anchorLength === key.length &&
      key[docLength] === HASH &&
      same(doc, 0) &&
      same(first + SLOT.anchor, docLength + 1)
    );
  }

  /** FNV-1a of row `row`'s id as UTF-8 (the hash `rowOf` gives its key), unsigned. */
  private idHash(row: number): number {
    const { rowSlots, slotStarts, strings } = this.c;
    const first = rowSlots[row]!;
    if (!(this.c.flags[row]! & DERIVED_ID)) {
      return fnvBytes(FNV_OFFSET, strings, slotStarts[first]!, slotStarts[first + 1]!) >>> 0;
    }
    const doc = rowSlots[this.c.owners[row]!]! + SLOT.docId;
    const anchor = first + SLOT.anchor;
    const h = fnvStep(fnvBytes(FNV_OFFSET, strings, slotStarts[doc]!, slotStarts[doc + 1]!), HASH);
    return fnvBytes(h, strings, slotStarts[anchor]!, slotStarts[anchor + 1]!) >>> 0;
  }

  private hashIds(): { rows: Uint32Array; hashes: Uint32Array } {
    let size = 16;
    while (size < this.length * 2) size *= 2;
    const rows = new Uint32Array(size);
    const hashes = new Uint32Array(size);
    const mask = size - 1;
    for (let row = 0; row < this.length; row++) {
      const hash = this.idHash(row);
      let i = hash & mask;
      // a repeated id keeps its first row
      while (rows[i] !== 0 && !(hashes[i] === hash && this.idEquals(rows[i]! - 1, this.encode(this.idAt(row))))) {
        i = (i + 1) & mask;
      }
      if (rows[i] === 0) {
        rows[i] = row + 1;
        hashes[i] = hash;
      }
    }
    return { rows, hashes };
  }
}

/** A run of rows of an existing table, copied as bytes; `shift` turns its owner rows into rows of the new table. */
interface CopiedRun {
  table: ChunkTable;
  columns: Columns;
  first: number;
  count: number;
  shift: number;
}

/** A chunk added as an object: its strings as UTF-8 (empty where the row stores none). */
interface AddedRow {
  chunk: Chunk;
  bytes: Uint8Array[];
  owner: number;
  flags: number;
}

const EMPTY = new Uint8Array(0);

/**
 * Collects chunks, and runs of rows of existing tables (an incremental build keeps the rows of
 * unchanged documents as bytes, never as objects), and writes them into one new table.
 */
export class ChunkTableBuilder {
  private readonly parts: (AddedRow | CopiedRun)[] = [];
  private rows = 0;
  private slots = 0;
  private bytes = 0;
  /** The row holding the last row's docId, title and kind, and those values: a next chunk with the same shares them. */
  private lastOwner: { row: number; docId: string; title: string; kind: string } | undefined;

  /** Append one chunk. Throws `internal` for a line or ordinal that is not a whole number ≥ 0, or an unknown language. */
  add(chunk: Chunk): this {
    return this.append(chunk, false);
  }

  /** Append rows `first` … `first + count − 1` of `table` as they are (adjacent runs of one table are joined). */
  copy(table: ChunkTable, first: number, count: number): this {
    if (count === 0) return this;
    if (!(first >= 0 && first + count <= table.length)) {
      throw new HelpdeskError(
        'internal',
        `Rækkerne ${first}–${first + count - 1} findes ikke (${table.length} rækker).`,
      );
    }
    const columns = columnsOf(table.payload, false);
    const last = this.parts.at(-1);
    const joined = last && 'table' in last && last.table === table && last.first + last.count === first;
    // rows whose docId, title and kind lie on a row before the copied rows are added as chunks, holding their own
    const start = joined ? last.first : first;
    let row = first;
    const end = first + count;
    while (row < end) {
      if (columns.owners[row]! < start) {
        this.append(table.at(row)!, true);
        row++;
        continue;
      }
      let stop = row;
      while (stop < end && columns.owners[stop]! >= start) stop++;
      const tail = this.parts.at(-1);
      if (tail && 'table' in tail && tail.table === table && tail.first + tail.count === row) tail.count += stop - row;
      else this.parts.push({ table, columns, first: row, count: stop - row, shift: this.rows - row });
      const slots = columns.rowSlots;
      this.slots += slots[stop]! - slots[row]!;
      this.bytes += columns.slotStarts[slots[stop]!]! - columns.slotStarts[slots[row]!]!;
      this.rows += stop - row;
      row = stop;
    }
    const lastRow = end - 1;
    const owner = columns.owners[lastRow]!;
    const own = columns.rowSlots[owner]!;
    const text = (s: number) => decodeUtf8(columns.strings, columns.slotStarts[s]!, columns.slotStarts[s + 1]!);
    this.lastOwner = {
      row: owner >= start ? this.rows - (end - owner) : this.rows - 1,
      docId: text(own + SLOT.docId),
      title: text(own + SLOT.title),
      kind: text(own + SLOT.kind),
    };
    return this;
  }

  /** The table of everything added, in order. */
  finish(): ChunkTable {
    if (this.bytes > 0xffffffff) {
      throw new HelpdeskError('internal', `Tekststykkerne fylder ${this.bytes} byte; højst 4 GiB i én tabel.`);
    }
    const payload = allocate(payloadLength(this.rows, this.slots, this.bytes));
    const c = layout(payload, this.rows, this.slots, this.bytes);
    let row = 0;
    let slot = 0;
    let at = 0;
    for (const part of this.parts) {
      if ('chunk' in part) {
        const { chunk, bytes } = part;
        c.rowSlots[row] = slot;
        c.ordinals[row] = chunk.ordinal;
        c.lines[row] = chunk.line;
        c.owners[row] = part.owner;
        c.flags[row] = part.flags;
        for (const b of bytes) {
          c.slotStarts[slot++] = at;
          c.strings.set(b, at);
          at += b.length;
        }
        row++;
        continue;
      }
      const { columns: from, first, count, shift } = part;
      const s0 = from.rowSlots[first]!;
      const s1 = from.rowSlots[first + count]!;
      const b0 = from.slotStarts[s0]!;
      const b1 = from.slotStarts[s1]!;
      for (let r = 0; r < count; r++) {
        c.rowSlots[row + r] = from.rowSlots[first + r]! - s0 + slot;
        c.owners[row + r] = from.owners[first + r]! + shift;
      }
      for (let s = s0; s < s1; s++) c.slotStarts[slot + s - s0] = from.slotStarts[s]! - b0 + at;
      c.ordinals.set(from.ordinals.subarray(first, first + count), row);
      c.lines.set(from.lines.subarray(first, first + count), row);
      c.flags.set(from.flags.subarray(first, first + count), row);
      c.strings.set(from.strings.subarray(b0, b1), at);
      row += count;
      slot += s1 - s0;
      at += b1 - b0;
    }
    c.rowSlots[row] = slot;
    c.slotStarts[slot] = at;
    return ChunkTable.fromPayload(payload);
  }

  /** Appends `chunk`; with `own`, it holds its docId, title and kind even when the row before has the same. */
  private append(chunk: Chunk, own: boolean): this {
    for (const [what, value] of [
      ['ordinal', chunk.ordinal],
      ['line', chunk.line],
    ] as const) {
      if (!Number.isInteger(value) || value < 0 || value > 0xffffffff) {
        throw new HelpdeskError('internal', `${chunk.id}: ${what} skal være et helt tal ≥ 0 (fandt ${value}).`);
      }
    }
    if (!LANGUAGES.includes(chunk.language)) {
      throw new HelpdeskError('internal', `${chunk.id}: ukendt sprog ${String(chunk.language)}.`);
    }
    const last = this.lastOwner;
    const shared =
      !own &&
      last !== undefined &&
      last.docId === chunk.docId &&
      last.title === chunk.title &&
      last.kind === chunk.kind;
    const owner = shared ? last.row : this.rows;
    let flags = LANGUAGES.indexOf(chunk.language);
    if (chunk.id === `${chunk.docId}#${chunk.anchor}`) flags |= DERIVED_ID;
    if (chunk.section === chunk.sectionPath.join(SECTION_JOIN)) flags |= DERIVED_SECTION;
    const bytes = FIXED.map((key) => {
      if (key === 'id' && flags & DERIVED_ID) return EMPTY;
      if (key === 'section' && flags & DERIVED_SECTION) return EMPTY;
      if (shared && (key === 'docId' || key === 'title' || key === 'kind')) return EMPTY;
      return encoder.encode(chunk[key]);
    });
    for (const heading of chunk.sectionPath) bytes.push(encoder.encode(heading));
    this.parts.push({ chunk, bytes, owner, flags });
    if (!shared) this.lastOwner = { row: this.rows, docId: chunk.docId, title: chunk.title, kind: chunk.kind };
    this.rows++;
    this.slots += bytes.length;
    for (const b of bytes) this.bytes += b.length;
    return this;
  }
}

/** The UTF-8 in `bytes` from `a` to `b` as a string. */
function decodeUtf8(bytes: Uint8Array, a: number, b: number): string {
  return a === b ? '' : decoder.decode(bytes.subarray(a, b));
}

/** FNV-1a over bytes `from` … `to − 1`, continuing from state `h`. */
function fnvBytes(h: number, bytes: Uint8Array, from: number, to: number): number {
  for (let i = from; i < to; i++) h = fnvStep(h, bytes[i]!);
  return h;
}

/** A zeroed buffer, shared between threads where the runtime allows it. */
function allocate(length: number): Uint8Array {
  return typeof SharedArrayBuffer === 'function'
    ? new Uint8Array(new SharedArrayBuffer(length))
    : new Uint8Array(new ArrayBuffer(length));
}

const align4 = (n: number): number => (n + 3) & ~3;

function payloadLength(rows: number, slots: number, bytes: number): number {
  return 4 * (HEAD_WORDS + (rows + 1) + (slots + 1) + 3 * rows) + align4(rows) + bytes;
}

/** Writes the header of a new payload and returns its (zeroed) columns. */
function layout(payload: Uint8Array, rows: number, slots: number, bytes: number): Columns {
  const head = new Uint32Array(payload.buffer, payload.byteOffset, HEAD_WORDS);
  head.set([rows, slots, bytes, LAYOUT_VERSION]);
  return views(payload, rows, slots, bytes);
}

function views(payload: Uint8Array, rows: number, slots: number, bytes: number): Columns {
  const { buffer, byteOffset } = payload;
  let at = byteOffset + 4 * HEAD_WORDS;
  const u32 = (n: number): Uint32Array => {
    const out = new Uint32Array(buffer, at, n);
    at += 4 * n;
    return out;
  };
  const rowSlots = u32(rows + 1);
  const slotStarts = u32(slots + 1);
  const ordinals = u32(rows);
  const lines = u32(rows);
  const owners = u32(rows);
  const flags = new Uint8Array(buffer, at, rows);
  at += align4(rows);
  const strings = new Uint8Array(buffer, at, bytes);
  return { rowSlots, slotStarts, ordinals, lines, owners, flags, strings };
}

const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

/**
 * The columns of a payload. With `check` (bytes from outside: a file, another thread), verifies
 * that the header matches the length and every offset lies in order inside its column, so no
 * later read can go out of bounds; throws `index_incompatible` saying what does not fit.
 */
function columnsOf(payload: Uint8Array, check = true): Columns {
  if (!LITTLE_ENDIAN) throw new HelpdeskError('internal', 'Tekststykke-tabellen kræver en little-endian maskine.');
  if (payload.byteOffset % 4 !== 0) throw corrupt('tabellen ligger ikke på en 4-byte-grænse');
  if (payload.length < 4 * HEAD_WORDS) throw corrupt(`kun ${payload.length} byte`);
  const [rows, slots, bytes, version] = new Uint32Array(payload.buffer, payload.byteOffset, HEAD_WORDS);
  if (version !== LAYOUT_VERSION) throw corrupt(`ukendt tabel-layout ${version}`);
  const expected = payloadLength(rows!, slots!, bytes!);
  if (expected !== payload.length) throw corrupt(`forventede ${expected} byte, fandt ${payload.length}`);
  const c = views(payload, rows!, slots!, bytes!);
  if (!check) return c;
  if (c.rowSlots[0] !== 0 || c.rowSlots[rows!] !== slots) throw corrupt('rækkernes første og sidste felt passer ikke');
  for (let r = 0; r < rows!; r++) {
    if (c.rowSlots[r + 1]! - c.rowSlots[r]! < FIXED.length || c.rowSlots[r + 1]! < c.rowSlots[r]!) {
      throw corrupt(`række ${r} har for få felter`);
    }
    const flags = c.flags[r]!;
    if (flags > FLAG_BITS || (flags & LANGUAGE_BITS) >= LANGUAGES.length)
      throw corrupt(`række ${r} har et ukendt sprog`);
    const owner = c.owners[r]!;
    if (owner > r || c.owners[owner] !== owner) throw corrupt(`række ${r} peger på en forkert dokumentrække`);
  }
  if (c.slotStarts[0] !== 0 || c.slotStarts[slots!] !== bytes)
    throw corrupt('felternes første og sidste byte passer ikke');
  for (let s = 0; s < slots!; s++) {
    if (c.slotStarts[s + 1]! < c.slotStarts[s]!) throw corrupt(`felt ${s} slutter før det begynder`);
  }
  return c;
}

function corrupt(detail: string): HelpdeskError {
  return corruptError(WHAT, detail);
}
