import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { Worker } from 'node:worker_threads';

/** Length and SHA-256 (hex) of a file. */
export interface FileHash {
  bytes: number;
  sha256: string;
}

/**
 * The worker's code (plain JavaScript, so it runs the same from the sources, the bundle and the
 * tests): reads the file in 1 MB pieces with synchronous reads (the thread has nothing else to do)
 * and posts `{ bytes, sha256 }`, or `{ error }` with the file system error's message, code and call.
 */
const WORKER_CODE = `
const { parentPort, workerData } = require('node:worker_threads');
const { createHash } = require('node:crypto');
const { closeSync, openSync, readSync } = require('node:fs');
try {
  const hash = createHash('sha256');
  const piece = Buffer.allocUnsafe(1 << 20);
  const fd = openSync(workerData, 'r');
  let bytes = 0;
  try {
    for (let n; (n = readSync(fd, piece, 0, piece.length, null)) > 0; bytes += n) hash.update(piece.subarray(0, n));
  } finally {
    closeSync(fd);
  }
  parentPort.postMessage({ bytes, sha256: hash.digest('hex') });
} catch (e) {
  parentPort.postMessage({ error: { message: String(e && e.message), code: e && e.code, syscall: e && e.syscall } });
}
`;

/**
 * Length and SHA-256 of the file at `path`, computed on a worker thread: loading an index hashes its
 * ~220 MB hnsw graph (at 100k chunks) while this thread parses `index.bin`, instead of after it.
 * When the thread cannot run (or `thread: false`), the file is hashed here, streamed in 1 MB pieces.
 * Rejects with the file system's error (its `code` and `syscall` kept) when the file cannot be read.
 */
export function hashFile(path: string, options: { thread?: boolean } = {}): Promise<FileHash> {
  if (options.thread === false) return hashHere(path);
  return hashOnThread(path).catch((err: unknown) =>
    err instanceof ThreadFailure ? hashHere(path) : Promise.reject(err),
  );
}

/** The worker thread failed or stopped without an answer (as opposed to the file not being readable). */
class ThreadFailure extends Error {}

function hashOnThread(path: string): Promise<FileHash> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(WORKER_CODE, { eval: true, workerData: path });
    let settled = false;
    worker.once('message', (message: FileHash | { error: { message: string; code?: string; syscall?: string } }) => {
      settled = true;
      if ('error' in message) {
        const { message: text, code, syscall } = message.error;
        reject(Object.assign(new Error(text), code ? { code } : {}, syscall ? { syscall } : {}));
      } else resolve(message);
    });
    worker.once('error', (err) => {
      settled = true;
      reject(new ThreadFailure(String(err)));
    });
    worker.once('exit', (code) => {
      if (!settled)
        reject(new ThreadFailure(`The hashing thread for ${path} stopped (exit code ${code}) without an answer`));
    });
  });
}

async function hashHere(path: string): Promise<FileHash> {
  const hash = createHash('sha256');
  let bytes = 0;
  for await (const piece of createReadStream(path, { highWaterMark: 1 << 20 })) {
    hash.update(piece as Buffer);
    bytes += (piece as Buffer).length;
  }
  return { bytes, sha256: hash.digest('hex') };
}
