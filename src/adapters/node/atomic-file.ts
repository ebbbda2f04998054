import { randomBytes } from 'node:crypto';
import { type FileHandle, open, readdir, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/**
 * Write `bytes` to `path` so that readers see either the old file or the
 * complete new one: write a unique `<name>.<random>.tmp` beside it, fsync it,
 * rename it over `path`, then fsync the directory where the platform allows.
 */
export async function writeFileAtomic(path: string, bytes: Uint8Array): Promise<void> {
  await writeFileAtomicFrom(path, [bytes][Symbol.iterator]());
}

/** Pieces smaller than this are gathered into one `writev`. */
const WRITE_BATCH_BYTES = 8 * 1024 * 1024;

/**
 * `writeFileAtomic` for content produced piece by piece (a large index
 * artifact), so it never has to sit in memory whole. Pieces are written in
 * order as the iterator yields them; returns the iterator's return value.
 */
export async function writeFileAtomicFrom<T>(path: string, parts: Iterator<Uint8Array, T>): Promise<T> {
  const tmp = tempPathFor(path);
  let result: T;
  try {
    const handle = await open(tmp, 'w');
    try {
      let batch: Uint8Array[] = [];
      let batchBytes = 0;
      const flush = async () => {
        if (batch.length > 0) await writeAll(handle, batch);
        batch = [];
        batchBytes = 0;
      };
      let step = parts.next();
      while (!step.done) {
        batch.push(step.value);
        batchBytes += step.value.length;
        if (batchBytes >= WRITE_BATCH_BYTES) await flush();
        step = parts.next();
      }
      await flush();
      result = step.value;
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(tmp, path);
  } catch (error) {
    await rm(tmp, { force: true });
    throw error;
  }
  await syncDirectory(dirname(path));
  return result;
}

/** `writev`, continuing where a short write stopped (one call writes at most ~2 GiB on Linux). */
async function writeAll(handle: FileHandle, parts: Uint8Array[]): Promise<void> {
  let written = (await handle.writev(parts)).bytesWritten;
  for (const part of parts) {
    if (written >= part.length) {
      written -= part.length;
      continue;
    }
    let at = written;
    written = 0;
    while (at < part.length) at += (await handle.write(part, at)).bytesWritten;
  }
}

/**
 * Move a file that something else wrote (e.g. a native library) into place
 * atomically: fsync it, rename it over `path`, fsync the directory.
 */
export async function commitFile(tmp: string, path: string): Promise<void> {
  const handle = await open(tmp, 'r+');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
  await rename(tmp, path);
  await syncDirectory(dirname(path));
}

/** A fresh temporary path beside `path` (same directory, so `rename` stays atomic). */
export function tempPathFor(path: string): string {
  return `${path}.${randomBytes(6).toString('hex')}.tmp`;
}

/** Delete leftover `<name>.*.tmp` files of `path` from interrupted writes. */
export async function removeStaleTemps(path: string): Promise<void> {
  const prefix = `${basename(path)}.`;
  await removeWhere(dirname(path), (name) => name.startsWith(prefix) && name.endsWith('.tmp'));
}

/**
 * Delete every leftover `<name>.<random>.tmp` in `dir` (writes interrupted by a crash). Call it only
 * when no write to `dir` can be in flight, e.g. before the first load. Returns the names removed.
 */
export function removeStaleTempsIn(dir: string): Promise<string[]> {
  return removeWhere(dir, (name) => /\.[0-9a-f]{12}\.tmp$/.test(name));
}

/** Delete the files of `dir` whose names match; a missing directory has none. Returns the names removed. */
async function removeWhere(dir: string, match: (name: string) => boolean): Promise<string[]> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    return [];
  }
  const stale = names.filter(match);
  await Promise.all(stale.map((name) => rm(join(dir, name), { force: true })));
  return stale;
}

async function syncDirectory(dir: string): Promise<void> {
  try {
    const handle = await open(dir, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    // some platforms (Windows) cannot fsync a directory; the rename is still atomic
  }
}
