import { createHash, type Hash } from 'node:crypto';
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { HelpdeskError } from '../../errors.js';
import { type CompactHnswGraph, CompactHnswWriter } from '../../index/compact-hnsw.js';

/** Bytes of the header hnswlib's `saveIndex` writes (10 × size_t, int, uint32, double … see `readHeader`). */
const HEADER_BYTES = 96;
/** Bytes read at a time. */
const BLOCK_BYTES = 4 << 20;
/** Largest `maxM0` accepted (hnswlib's M is ~5–100; anything far above is a damaged header). */
const MOST_LINKS = 4096;

/** What the header of a saved hnswlib graph says. */
export interface HnswFileHeader {
  maxElements: number;
  count: number;
  bytesPerElement: number;
  labelOffset: number;
  dataOffset: number;
  maxLevel: number;
  entryPoint: number;
  maxM: number;
  maxM0: number;
  m: number;
  efConstruction: number;
}

/**
 * Read a graph saved by hnswlib (`saveIndex`: a header, then per element its level-0 memory — link
 * count with the deleted mark, `maxM0` links, the vector as float32, the label as size_t — then per
 * element the byte length of its upper-level lists and the lists) into a `CompactHnswGraph`: the
 * links as they are, the vectors int8-quantised. Reads the file a block at a time. Throws
 * `index_incompatible` naming what is wrong when the file is truncated, too long, or its header or
 * links do not fit `dimensions` (by default, what the header says).
 */
export function readHnswGraphFile(path: string, expectedDimensions?: number): CompactHnswGraph {
  return readHnswGraphFileHashed(path, expectedDimensions).graph;
}

/** `readHnswGraphFile`, with the size and sha256 (hex) of the bytes it read, hashed as they were read. */
export function readHnswGraphFileHashed(
  path: string,
  expectedDimensions?: number,
): { graph: CompactHnswGraph; bytes: number; sha256: string } {
  const fd = openSync(path, 'r');
  try {
    const size = fstatSync(fd).size;
    const hash = createHash('sha256');
    const reader = new BlockReader(fd, size, path, hash);
    const headerBytes = reader.take(HEADER_BYTES);
    const dimensions = expectedDimensions ?? dimensionsOf(headerBytes, path);
    const header = readHeader(headerBytes, dimensions, path);
    const { count, maxM0, maxM } = header;
    const writer = new CompactHnswWriter({
      dimensions,
      count,
      maxM0,
      maxM,
      entryPoint: count === 0 ? -1 : header.entryPoint,
      maxLevel: Math.max(0, header.maxLevel),
    });
    // whole blocks of elements at once, viewed as 32-bit words: every field of an element starts
    // at a multiple of 4 bytes (the file is little-endian, as every platform Node runs on)
    const wordsPerElement = header.bytesPerElement / 4;
    const dataWord = header.dataOffset / 4;
    const labelWord = header.labelOffset / 4;
    const perBlock = Math.max(1, Math.floor(BLOCK_BYTES / header.bytesPerElement));
    for (let first = 0; first < count; first += perBlock) {
      const n = Math.min(perBlock, count - first);
      const bytes = reader.takeAligned(n * header.bytesPerElement);
      const words = new Uint32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 4);
      const floats = new Float32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 4);
      for (let e = 0; e < n; e++) {
        const id = first + e;
        const base = e * wordsPerElement;
        const head = words[base]!;
        const size = head & 0xffff;
        if (size > maxM0) throw damaged(path, `element ${id} har ${size} naboer på niveau 0 (højst ${maxM0})`);
        for (let j = 1; j <= size; j++) checkLink(words[base + j]!, count, id, path);
        const high = words[base + labelWord + 1]!;
        if (high > 0x1fffff) throw damaged(path, `element ${id} har en for stor label`);
        writer.setElement(id, {
          links: words,
          from: base + 1,
          size,
          label: high * 2 ** 32 + words[base + labelWord]!,
          deleted: ((head >>> 16) & 1) === 1,
          vector: floats,
          vectorFrom: base + dataWord,
        });
      }
    }
    const perLevel = 4 + 4 * maxM;
    for (let id = 0; id < count; id++) {
      const word = reader.take(4);
      const length = new DataView(word.buffer, word.byteOffset, 4).getUint32(0, true);
      if (length === 0) continue;
      if (length % perLevel !== 0 || length / perLevel > header.maxLevel) {
        throw damaged(path, `element ${id} har en liste over de øvre niveauer på ${length} byte`);
      }
      const bytes = reader.take(length);
      const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
      const lists: Int32Array[] = [];
      for (let at = 0; at < length; at += perLevel) {
        const size = view.getUint16(at, true);
        if (size > maxM) throw damaged(path, `element ${id} har ${size} naboer på et øvre niveau (højst ${maxM})`);
        const list = new Int32Array(size);
        for (let j = 0; j < size; j++) list[j] = checkLink(view.getUint32(at + 4 + 4 * j, true), count, id, path);
        lists.push(list);
      }
      writer.setUpper(id, lists);
    }
    if (!reader.atEnd) throw damaged(path, `${reader.left} byte for mange efter grafen`);
    return { graph: writer.finish(), bytes: size, sha256: hash.digest('hex') };
  } finally {
    closeSync(fd);
  }
}

/** Checks the header against itself and `dimensions`. */
function readHeader(bytes: Uint8Array, dimensions: number, path: string): HnswFileHeader {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const offsetLevel0 = readSize(view, 0);
  const header: HnswFileHeader = {
    maxElements: readSize(view, 8),
    count: readSize(view, 16),
    bytesPerElement: readSize(view, 24),
    labelOffset: readSize(view, 32),
    dataOffset: readSize(view, 40),
    maxLevel: view.getInt32(48, true),
    entryPoint: view.getUint32(52, true),
    maxM: readSize(view, 56),
    maxM0: readSize(view, 64),
    m: readSize(view, 72),
    // mult_ (double) at 80
    efConstruction: readSize(view, 88),
  };
  const linksBytes = 4 + 4 * header.maxM0;
  const problem =
    offsetLevel0 !== 0
      ? 'niveau 0 begynder ikke ved 0'
      : header.maxM0 < 1 || header.maxM0 > MOST_LINKS || header.maxM < 1 || header.maxM > header.maxM0
        ? `urimelige nabotal (maxM ${header.maxM}, maxM0 ${header.maxM0})`
        : header.dataOffset !== linksBytes || header.labelOffset !== linksBytes + 4 * dimensions
          ? `vektorerne har ikke ${dimensions} dimensioner`
          : header.bytesPerElement !== header.labelOffset + 8
            ? `${header.bytesPerElement} byte pr. element passer ikke`
            : header.count > header.maxElements
              ? `${header.count} elementer, men plads til ${header.maxElements}`
              : header.count > 0 && (header.entryPoint >= header.count || header.maxLevel < 0 || header.maxLevel > 64)
                ? `indgangen ${header.entryPoint} eller det øverste niveau ${header.maxLevel} findes ikke`
                : undefined;
  if (problem) throw damaged(path, problem);
  return header;
}

/** The floats per vector a header says (its label offset less its data offset, over 4). */
function dimensionsOf(header: Uint8Array, path: string): number {
  const view = new DataView(header.buffer, header.byteOffset, header.byteLength);
  const dimensions = (readSize(view, 32) - readSize(view, 40)) / 4;
  if (!Number.isInteger(dimensions) || dimensions < 1 || dimensions > 65_536) {
    throw damaged(path, 'vektorernes længde i hovedet giver ikke mening');
  }
  return dimensions;
}

/** A size_t (little-endian uint64) as a number; throws on values past 2^53. */
function readSize(view: DataView, at: number): number {
  const low = view.getUint32(at, true);
  const high = view.getUint32(at + 4, true);
  if (high > 0x1fffff) throw new HelpdeskError('index_incompatible', `Tallet ved byte ${at} er for stort.`);
  return high * 2 ** 32 + low;
}

function checkLink(link: number, count: number, id: number, path: string): number {
  if (link >= count) throw damaged(path, `element ${id} peger på element ${link}, som ikke findes`);
  return link;
}

function damaged(path: string, detail: string): HelpdeskError {
  return new HelpdeskError('index_incompatible', `hnsw-grafen ${path} er beskadiget: ${detail}.`);
}

/** Sequential reads from an open file through one block buffer. */
class BlockReader {
  private buffer = new Uint8Array(BLOCK_BYTES);
  /** File position of `buffer[0]`. */
  private start = 0;
  private filled = 0;
  private at = 0;

  constructor(
    private readonly fd: number,
    private readonly size: number,
    private readonly path: string,
    /** Updated with every byte read, in file order. */
    private readonly hash?: Hash,
  ) {}

  get left(): number {
    return this.size - (this.start + this.at);
  }

  get atEnd(): boolean {
    return this.left === 0;
  }

  /** Like `take`, but the bytes start at a multiple of 4 in their buffer (a copy if the view would not). */
  takeAligned(n: number): Uint8Array {
    const out = this.take(n);
    if (out.byteOffset % 4 === 0) return out;
    const copy = new Uint8Array(n);
    copy.set(out);
    return copy;
  }

  /** The next `n` bytes (a view valid until the next call); throws when the file ends first. */
  take(n: number): Uint8Array {
    if (n > this.left) throw damaged(this.path, `filen slutter efter ${this.size} byte (afkortet)`);
    if (this.at + n > this.filled) this.refill(n);
    const out = this.buffer.subarray(this.at, this.at + n);
    this.at += n;
    return out;
  }

  private refill(n: number): void {
    const keep = this.filled - this.at;
    if (n > this.buffer.length) {
      const bigger = new Uint8Array(n);
      bigger.set(this.buffer.subarray(this.at, this.filled));
      this.buffer = bigger;
    } else {
      this.buffer.copyWithin(0, this.at, this.filled);
    }
    this.start += this.at;
    this.at = 0;
    this.filled = keep;
    while (this.filled < n) {
      const position = this.start + this.filled;
      const length = Math.min(this.buffer.length - this.filled, this.size - position);
      const read = readSync(this.fd, this.buffer, this.filled, length, position);
      if (read === 0) throw damaged(this.path, `filen slutter ved byte ${position}`);
      this.hash?.update(this.buffer.subarray(this.filled, this.filled + read));
      this.filled += read;
    }
  }
}
