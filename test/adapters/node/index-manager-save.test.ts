import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { IndexManager } from '../../../src/adapters/node/index-manager.js';
import { createLocalEmbedder } from '../../../src/index/local-embedder.js';
import { RecordingLogger } from '../../support/recording-logger.js';
import { NEW_CASE_DOCUMENT } from '../../support/new-case-document.js';

/** When set, every atomic write fails with this file-system error code (ENOSPC: the disk is full). */
const failWrites = vi.hoisted(() => ({ code: undefined as string | undefined }));
vi.mock('../../../src/adapters/node/atomic-file.js', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../../src/adapters/node/atomic-file.js')>();
  const refuse = (path: string) =>
    Object.assign(new Error(`${failWrites.code}: no space left on device, write '${path}'`), {
      code: failWrites.code,
      syscall: 'write',
      path,
    });
  return {
    ...real,
    writeFileAtomic: async (path: string, bytes: Uint8Array) => {
      if (failWrites.code) throw refuse(path);
      return real.writeFileAtomic(path, bytes);
    },
    writeFileAtomicFrom: async <T>(path: string, parts: Iterator<Uint8Array, T>) => {
      if (failWrites.code) throw refuse(path);
      return real.writeFileAtomicFrom(path, parts);
    },
    commitFile: async (tmp: string, path: string) => {
      if (failWrites.code) throw refuse(path);
      return real.commitFile(tmp, path);
    },
  };
});

const temps: string[] = [];
afterEach(() => {
  failWrites.code = undefined;
  for (const dir of temps.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function setup() {
  const corpus = mkdtempSync(join(tmpdir(), 'opi-ims-corpus-'));
  const data = mkdtempSync(join(tmpdir(), 'opi-ims-data-'));
  temps.push(corpus, data);
  cpSync(resolve('test/fixtures/helpdesk-corpus'), corpus, { recursive: true });
  const logger = new RecordingLogger();
  const indexDir = join(data, 'index');
  const manager = new IndexManager({ corpusDir: corpus, indexDir, logger, baseUrl: '', embedder: createLocalEmbedder });
  return { corpus, indexDir, logger, manager };
}

describe('IndexManager when saving the index fails', () => {
  it('after a re-index whose save fails with ENOSPC, serves the new document and never logs that the old index is still used', async () => {
    const { corpus, indexDir, logger, manager } = setup();
    await manager.open();
    const stop = manager.watch(20);
    try {
      failWrites.code = 'ENOSPC';
      writeFileSync(join(corpus, 'case', 'robotstoevsugere.md'), NEW_CASE_DOCUMENT);
      await vi.waitFor(() => expect(manager.searchIndex()?.document('robotstoevsugere')).toBeDefined(), {
        timeout: 10_000,
      });
      await vi.waitFor(() => expect(logger.at('info').map((l) => l.data?.event)).toContain('index.updated'), {
        timeout: 10_000,
      });
    } finally {
      stop();
      await manager.idle();
    }
    expect(logger.lines.map((l) => l.data?.event)).not.toContain('index.reindex_failed');
    const saveError = logger.at('error').find((l) => l.data?.event === 'index.save_failed')?.data?.explanation;
    expect(saveError).toContain(`disken med indeksmappen ${indexDir} er fuld`);
    expect(saveError).toContain('det nye indeks bruges');
  });

  it('reports the failed save on the run (saveError) while the new index answers', async () => {
    const { corpus, indexDir, manager } = setup();
    await manager.open();
    failWrites.code = 'ENOSPC';
    writeFileSync(join(corpus, 'case', 'robotstoevsugere.md'), NEW_CASE_DOCUMENT);
    const report = await manager.reindex();
    expect(report.added).toEqual(['robotstoevsugere']);
    expect(report.saveError).toContain(indexDir);
    expect(manager.current()?.documents.has('robotstoevsugere')).toBe(true);
  });
});
