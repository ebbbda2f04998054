import { randomBytes } from 'node:crypto';
import { open, readdir, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/**
 * Write `bytes` to `path` so that readers see either the old file or the
 * complete new one: write a unique `<name>.<random>.tmp` beside it, fsync it,
 * rename it over `path`, then fsync the directory where the platform allows.
 */
export async function writeFileAtomic(path: string, bytes: Uint8Array): Promise<void> {
  const tmp = tempPathFor(path);
  try {
    const handle = await open(tmp, 'w');
    try {
      await handle.writeFile(bytes);
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
  const dir = dirname(path);
  const prefix = `${basename(path)}.`;
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    return;
  }
  await Promise.all(
    names
      .filter((name) => name.startsWith(prefix) && name.endsWith('.tmp'))
      .map((name) => rm(join(dir, name), { force: true })),
  );
}

/**
 * Delete every leftover `<name>.<random>.tmp` in `dir` (writes interrupted by a crash). Call it only
 * when no write to `dir` can be in flight, e.g. before the first load. Returns the names removed.
 */
export async function removeStaleTempsIn(dir: string): Promise<string[]> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    return [];
  }
  const stale = names.filter((name) => /\.[0-9a-f]{12}\.tmp$/.test(name));
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
