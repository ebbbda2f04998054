import { HelpdeskError } from '../errors.js';
import { fnv1a, mix32 } from '../text/hash.js';

/** count, string bytes, hash slots */
const HEAD_WORDS = 3;

const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8');

/**
 * A list of strings in one buffer — UTF-8 back to back with Uint32 start offsets, and an
 * open-addressing hash table from a string to its position — so that another thread can read it
 * and look strings up in the same memory (`fromPayload(column.payload)`), with no `Map` or string
 * array of its own. The buffer is a `SharedArrayBuffer` where the runtime has one. Immutable once made.
 */
export class StringColumn {
  /** The column's bytes: header, start offsets, hash slots, then the strings. */
  readonly payload: Uint8Array;
  /** Number of strings. */
  readonly length: number;
  private readonly starts: Uint32Array;
  /** Per slot: position + 1 of a string whose hash lands there (0: empty). */
  private readonly slots: Uint32Array;
  private readonly bytes: Uint8Array;
  /** The string being looked up, as UTF-8 (grown as needed; per thread). */
  private scratch = new Uint8Array(64);

  private constructor(payload: Uint8Array) {
    if (payload.byteOffset % 4 !== 0 || payload.length < 4 * HEAD_WORDS) throw corrupt('for kort eller forskudt');
    const [count, bytes, slots] = new Uint32Array(payload.buffer, payload.byteOffset, HEAD_WORDS);
    if (payload.length !== payloadLength(count!, bytes!, slots!)) throw corrupt('længden passer ikke');
    if (slots! < 2 * count! || (slots! & (slots! - 1)) !== 0) throw corrupt('hashtabellen har en forkert størrelse');
    let at = payload.byteOffset + 4 * HEAD_WORDS;
    this.starts = new Uint32Array(payload.buffer, at, count! + 1);
    at += 4 * (count! + 1);
    this.slots = new Uint32Array(payload.buffer, at, slots!);
    at += 4 * slots!;
    this.bytes = new Uint8Array(payload.buffer, at, bytes!);
    this.payload = payload;
    this.length = count!;
  }

  /** A column of `strings`, in their order. A string listed twice is found at its last position. */
  static from(strings: readonly string[]): StringColumn {
    const encoded = strings.map((s) => encoder.encode(s));
    let bytes = 0;
    for (const e of encoded) bytes += e.length;
    // a power of two at least twice the count: probes stay short
    let slots = 8;
    while (slots < strings.length * 2) slots *= 2;
    const payload = allocate(payloadLength(strings.length, bytes, slots));
    new Uint32Array(payload.buffer, payload.byteOffset, HEAD_WORDS).set([strings.length, bytes, slots]);
    const column = new StringColumn(payload);
    let at = 0;
    for (let i = 0; i < encoded.length; i++) {
      column.bytes.set(encoded[i]!, at);
      at += encoded[i]!.length;
      column.starts[i + 1] = at;
    }
    // the last of equal strings goes in first, so a lookup meets it before the others
    const mask = slots - 1;
    for (let i = strings.length - 1; i >= 0; i--) {
      let slot = hashOf(strings[i]!) & mask;
      while (column.slots[slot] !== 0) slot = (slot + 1) & mask;
      column.slots[slot] = i + 1;
    }
    return column;
  }

  /**
   * The column held in `payload` (another column's `payload`, e.g. received from another thread;
   * used in place, not copied). Throws `index_incompatible` when its header does not fit its length.
   */
  static fromPayload(payload: Uint8Array): StringColumn {
    return new StringColumn(payload);
  }

  /** The string at `i` (0 … length − 1), decoded from the buffer (a new string on every call). */
  at(i: number): string {
    return decoder.decode(this.bytes.subarray(this.starts[i]!, this.starts[i + 1]!));
  }

  /** The position of `value` (the last one, for a string listed twice), or -1. */
  indexOf(value: string): number {
    if (this.scratch.length < value.length * 3) this.scratch = new Uint8Array(value.length * 3);
    const length = encoder.encodeInto(value, this.scratch).written;
    const mask = this.slots.length - 1;
    for (let slot = hashOf(value) & mask; ; slot = (slot + 1) & mask) {
      const entry = this.slots[slot]!;
      if (entry === 0) return -1;
      if (this.equals(entry - 1, length)) return entry - 1;
    }
  }

  /** Whether string `i` is the first `length` bytes of `scratch`. */
  private equals(i: number, length: number): boolean {
    const from = this.starts[i]!;
    if (this.starts[i + 1]! - from !== length) return false;
    const bytes = this.bytes;
    const wanted = this.scratch;
    for (let j = 0; j < length; j++) if (bytes[from + j] !== wanted[j]) return false;
    return true;
  }
}

/** Unsigned hash of a string's UTF-16 code units (the same on every thread). */
function hashOf(value: string): number {
  return mix32(fnv1a(value)) >>> 0;
}

function payloadLength(count: number, bytes: number, slots: number): number {
  return 4 * (HEAD_WORDS + count + 1 + slots) + bytes;
}

/** A zeroed buffer, shared between threads where the runtime allows it. */
function allocate(length: number): Uint8Array {
  return typeof SharedArrayBuffer === 'function'
    ? new Uint8Array(new SharedArrayBuffer(length))
    : new Uint8Array(new ArrayBuffer(length));
}

function corrupt(detail: string): HelpdeskError {
  return new HelpdeskError('index_incompatible', `Strengsøjlen er beskadiget (${detail}).`);
}
