import { createHash } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { hashFile } from '../../../src/adapters/node/hash-file.js';

describe('hashFile', () => {
  const dir = mkdtempSync(join(tmpdir(), 'hash-file-'));

  it('gives the length and SHA-256 of a file of several pieces, of an empty file too', async () => {
    const body = Buffer.alloc((1 << 20) * 2 + 12_345);
    for (let i = 0; i < body.length; i++) body[i] = (i * 31) % 251;
    const path = join(dir, 'graph.bin');
    writeFileSync(path, body);
    const expected = { bytes: body.length, sha256: createHash('sha256').update(body).digest('hex') };
    expect(await hashFile(path)).toEqual(expected);
    // on this thread (what runs when the worker thread cannot): the same
    expect(await hashFile(path, { thread: false })).toEqual(expected);
    const empty = join(dir, 'empty.bin');
    writeFileSync(empty, '');
    expect(await hashFile(empty)).toEqual({ bytes: 0, sha256: createHash('sha256').digest('hex') });
  });

  it("rejects with the file system's error when the file is missing", async () => {
    await expect(hashFile(join(dir, 'missing.bin'))).rejects.toMatchObject({ code: 'ENOENT', syscall: 'open' });
    await expect(hashFile(join(dir, 'missing.bin'), { thread: false })).rejects.toMatchObject({ code: 'ENOENT' });
  });
});
