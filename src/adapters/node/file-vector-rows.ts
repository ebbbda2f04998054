import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { HelpdeskError } from '../../errors.js';
import { artifactIdOf, type ByteSource, type VectorLayout } from '../../index/artifact.js';
import { corruptError } from '../../index/binary.js';
import { checkRange, type VectorRows } from '../../index/vector-rows.js';

/** Largest single read: stays under the ~2 GiB a read call may return. */
const READ_SLICE_BYTES = 1 << 30;

/**
 * Vector rows that stay in a saved artifact (`index.bin`) and are read on demand: the vector store
 * holds its own copy for searching, and only builds and saves read rows, a run at a time. Each
 * read opens the file and checks that it is still the artifact the rows were laid out for.
 */
export class FileVectorRows implements VectorRows {
  readonly rows: number;
  readonly dimensions: number;
  readonly stored = true;

  /**
   * @param path the artifact file
   * @param layout where its vector rows lie (from `readIndex` or `indexParts`)
   * @param artifact the artifact's id: a file with another id is refused
   */
  constructor(
    readonly path: string,
    readonly layout: VectorLayout,
    readonly artifact: string,
  ) {
    this.rows = layout.rows;
    this.dimensions = layout.dimensions;
  }

  /** What another thread needs to read the same rows (`new FileVectorRows(path, layout, artifact)`). */
  parts(): { path: string; layout: VectorLayout; artifact: string } {
    return { path: this.path, layout: this.layout, artifact: this.artifact };
  }

  read(first: number, count: number): Float32Array {
    const out = new Float32Array(count * this.dimensions);
    this.readInto(first, count, out, 0);
    return out;
  }

  gather(rows: ArrayLike<number>, out: Float32Array): void {
    for (let i = 0; i < rows.length; i++) checkRange(this, rows[i]!, 1);
    if (out.length < rows.length * this.dimensions) {
      throw new HelpdeskError('internal', `${rows.length} vektorrækker passer ikke ind i ${out.length} tal.`);
    }
    if (rows.length === 0) return;
    const rowBytes = this.dimensions * 4;
    this.withArtifact((source) => {
      for (let i = 0; i < rows.length; i++) {
        const row = rows[i]!;
        const section = this.layout.sections.find((s) => row >= s.firstRow && row < s.firstRow + s.rows)!;
        const target = new Uint8Array(out.buffer, out.byteOffset + i * rowBytes, rowBytes);
        source.readInto(target, section.position + (row - section.firstRow) * rowBytes);
      }
    });
  }

  readInto(first: number, count: number, out: Float32Array, at: number): void {
    checkRange(this, first, count);
    if (!Number.isInteger(at) || at < 0 || at + count * this.dimensions > out.length) {
      throw new HelpdeskError('internal', `${count} vektorrækker passer ikke ind fra plads ${at} af ${out.length}.`);
    }
    if (count === 0) return;
    const rowBytes = this.dimensions * 4;
    const base = out.byteOffset + at * 4;
    this.withArtifact((source) => {
      for (const section of this.layout.sections) {
        const from = Math.max(first, section.firstRow);
        const to = Math.min(first + count, section.firstRow + section.rows);
        if (from >= to) continue;
        const target = new Uint8Array(out.buffer, base + (from - first) * rowBytes, (to - from) * rowBytes);
        source.readInto(target, section.position + (from - section.firstRow) * rowBytes);
      }
    });
  }

  /** Runs `use` with the file open, after checking it is still the artifact the rows were laid out for. */
  private withArtifact(use: (source: ByteSource) => void): void {
    withFileSource(this.path, (source) => {
      if (artifactIdOf(source) !== this.artifact) {
        throw new HelpdeskError(
          'index_incompatible',
          `${this.path} er ikke længere det indeks, vektorerne skulle læses fra (${this.artifact}) — byg indekset igen.`,
        );
      }
      use(source);
    });
  }
}

/**
 * Runs `use` with the file at `path` open as a `ByteSource` (read piece by piece, so no read is
 * bound by the 2 GiB limit of one call) and closes it afterwards. Throws the file system's error
 * when the file cannot be opened.
 */
export function withFileSource<T>(path: string, use: (source: ByteSource) => T): T {
  const fd = openSync(path, 'r');
  try {
    const size = fstatSync(fd).size;
    return use({
      size,
      readInto(target, position) {
        let done = 0;
        while (done < target.length) {
          const length = Math.min(target.length - done, READ_SLICE_BYTES);
          const n = readSync(fd, target, done, length, position + done);
          if (n === 0) throw corruptError('Indeksfilen', `filen sluttede ved byte ${position + done}`);
          done += n;
        }
      },
    });
  } finally {
    closeSync(fd);
  }
}
