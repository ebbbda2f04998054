import { HelpdeskError } from '../errors.js';
import { FNV_OFFSET, fnvStep, mix32 } from '../text/hash.js';

const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });
const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

/**
 * Appends little-endian fields to a byte sequence. Typed arrays are written
 * 4-byte aligned with a length prefix so a reader can copy them out. Parts are
 * kept as views until `finish`/`writeInto` copies them once into the output:
 * do not modify an array after handing it to the writer.
 */
export class ByteWriter {
  private readonly parts: Uint8Array[] = [];
  private offset = 0;

  /** Raw bytes with no length prefix (magic numbers). */
  raw(bytes: Uint8Array): this {
    this.parts.push(bytes);
    this.offset += bytes.length;
    return this;
  }

  u32(value: number): this {
    const bytes = new Uint8Array(4);
    new DataView(bytes.buffer).setUint32(0, value >>> 0, true);
    return this.raw(bytes);
  }

  /** Length-prefixed bytes. */
  bytes(bytes: Uint8Array): this {
    this.u32(bytes.length);
    return this.raw(bytes);
  }

  /** Length-prefixed UTF-8 JSON. */
  json(value: unknown): this {
    return this.bytes(encoder.encode(JSON.stringify(value)));
  }

  u32Array(values: Uint32Array): this {
    return this.typed(values);
  }

  u16Array(values: Uint16Array): this {
    return this.typed(values);
  }

  f32Array(values: Float32Array): this {
    return this.typed(values);
  }

  /** The bytes written, in a new array of exactly that length. */
  finish(): Uint8Array {
    const out = new Uint8Array(this.offset);
    this.writeInto(out, 0);
    return out;
  }

  /** Copy the bytes written into `target` from `at` (which must leave room for `length` bytes). */
  writeInto(target: Uint8Array, at: number): void {
    let pos = at;
    for (const part of this.parts) {
      target.set(part, pos);
      pos += part.length;
    }
  }

  /** Bytes written so far. */
  get length(): number {
    return this.offset;
  }

  private typed(values: Uint32Array | Uint16Array | Float32Array): this {
    this.u32(values.length);
    const pad = (4 - (this.offset % 4)) % 4;
    if (pad > 0) this.raw(new Uint8Array(pad));
    return this.raw(new Uint8Array(values.buffer, values.byteOffset, values.byteLength));
  }
}

/**
 * Reads what a `ByteWriter` wrote, checking every length against the input so
 * a truncated or damaged file gives an `index_incompatible` error, never a crash.
 */
export class ByteReader {
  private readonly view: DataView;
  private offset = 0;

  /** `what` names the thing being read in error messages, e.g. `Indeksfilen`. */
  constructor(
    private readonly input: Uint8Array,
    private readonly what: string,
  ) {
    this.view = new DataView(input.buffer, input.byteOffset, input.byteLength);
  }

  /** Bytes not read yet. */
  get remaining(): number {
    return this.input.length - this.offset;
  }

  get position(): number {
    return this.offset;
  }

  raw(length: number): Uint8Array {
    this.need(length);
    const out = this.input.subarray(this.offset, this.offset + length);
    this.offset += length;
    return out;
  }

  u32(): number {
    this.need(4);
    const value = this.view.getUint32(this.offset, true);
    this.offset += 4;
    return value;
  }

  /** Length-prefixed bytes (a view into the input, not a copy). */
  bytes(): Uint8Array {
    return this.raw(this.u32());
  }

  json(): unknown {
    const bytes = this.bytes();
    try {
      return JSON.parse(decoder.decode(bytes));
    } catch (cause) {
      throw this.corrupt('JSON-data kan ikke læses', cause);
    }
  }

  u32Array(): Uint32Array {
    return new Uint32Array(this.typed(4));
  }

  u16Array(): Uint16Array {
    return new Uint16Array(this.typed(2));
  }

  f32Array(): Float32Array {
    return new Float32Array(this.typed(4));
  }

  /** Like `u32Array`, but a view into the input when it lies aligned there (do not modify the input then). */
  u32View(): Uint32Array {
    const { buffer, start, count } = this.place(4);
    return start % 4 === 0
      ? new Uint32Array(buffer, start, count)
      : new Uint32Array(buffer.slice(start, start + count * 4));
  }

  /** Like `u16Array`, but a view into the input when it lies aligned there (do not modify the input then). */
  u16View(): Uint16Array {
    const { buffer, start, count } = this.place(2);
    return start % 2 === 0
      ? new Uint16Array(buffer, start, count)
      : new Uint16Array(buffer.slice(start, start + count * 2));
  }

  /** An `index_incompatible` error saying the input is damaged. */
  corrupt(detail: string, cause?: unknown): HelpdeskError {
    return corruptError(this.what, detail, cause);
  }

  /** Copies `count` elements of `width` bytes into a fresh, aligned buffer. */
  private typed(width: number): ArrayBuffer {
    const { buffer, start, count } = this.place(width);
    return buffer.slice(start, start + count * width) as ArrayBuffer;
  }

  /** Reads a typed array's length prefix and padding; where its `count` elements of `width` bytes start. */
  private place(width: number): { buffer: ArrayBuffer; start: number; count: number } {
    const count = this.u32();
    this.offset += (4 - (this.offset % 4)) % 4;
    const length = count * width;
    this.need(length);
    const start = this.input.byteOffset + this.offset;
    this.offset += length;
    return { buffer: this.input.buffer as ArrayBuffer, start, count };
  }

  private need(length: number): void {
    if (length < 0 || this.offset + length > this.input.length) {
      throw this.corrupt(`mangler ${this.offset + length - this.input.length} byte`);
    }
  }
}

/** An `index_incompatible` error saying `what` (e.g. `Indeksfilen`) is damaged: `detail` says how. */
export function corruptError(what: string, detail: string, cause?: unknown): HelpdeskError {
  return new HelpdeskError(
    'index_incompatible',
    `${what} er beskadiget eller afkortet (${detail}) — byg indekset igen.`,
    cause === undefined ? undefined : { cause },
  );
}

/** A fast 32-bit checksum (FNV-1a over 32-bit words, then mixed) of a byte range. */
export function checksum32(bytes: Uint8Array): number {
  const words = Math.floor(bytes.length / 4);
  let h = checksumWords(bytes.subarray(0, words * 4));
  for (let i = words * 4; i < bytes.length; i++) h = fnvStep(h, bytes[i]!);
  return checksumFinish(h, bytes.length);
}

/**
 * The running state of `checksum32` over bytes read in pieces: continue from `h` (`FNV_OFFSET`
 * at the start) with `bytes`, whose length must be a multiple of 4; end with `checksumFinish`.
 */
export function checksumWords(bytes: Uint8Array, h: number = FNV_OFFSET): number {
  const words = bytes.length >>> 2;
  if (LITTLE_ENDIAN && bytes.byteOffset % 4 === 0) {
    // the same little-endian words, read without a DataView call each
    const u32 = new Uint32Array(bytes.buffer, bytes.byteOffset, words);
    for (let i = 0; i < words; i++) h = fnvStep(h, u32[i]!);
  } else {
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    for (let i = 0; i < words; i++) h = fnvStep(h, view.getUint32(i * 4, true));
  }
  return h;
}

/** `checksum32` of `length` bytes whose running state (see `checksumWords`) is `h`. */
export function checksumFinish(h: number, length: number): number {
  return mix32(h ^ length);
}
