import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { sqliteDatabase } from '../../../src/adapters/node/sqlite-database.js';
import { indexSaveFailure, storeFailure } from '../../../src/adapters/node/storage-failure.js';
import { openSqliteStore } from '../../../src/adapters/node/sqlite-store.js';
import { SqlStore } from '../../../src/store/sql-store.js';
import { json, opsApp } from '../../ops/helpers.js';

const temps: string[] = [];
const closers: (() => unknown)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
  for (const dir of temps.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'opi-storage-'));
  temps.push(dir);
  return dir;
}

/** A store over a raw connection the test can then break (`pragma`), as the server would open it. */
async function breakableStore() {
  const path = join(tempDir(), 'helpdesk.sqlite');
  const raw = new Database(path);
  raw.pragma('journal_mode = WAL');
  const store = await SqlStore.open(sqliteDatabase(raw));
  closers.push(() => store.close());
  return { path, raw, store };
}

const feedback = { question: 'Hvad er OPI?', answer: 'OPI er … [1]', rating: 'up', comment: 'x'.repeat(1500) };
const escalation = { question: 'Hvem kan hjælpe mig?', email: 'anne@kommune.dk' };

describe('a failing operations database', () => {
  it('answers 507 storage_full on feedback and escalations when the disk is full, never 500, and logs the file', async () => {
    const { path, raw, store } = await breakableStore();
    // the file may not grow by one more page: what a full disk looks like to SQLite
    raw.pragma(`max_page_count = ${raw.pragma('page_count', { simple: true })}`);
    const { app, logger } = opsApp({ store });
    for (const [route, body] of [
      ['/api/feedback', feedback],
      ['/api/escalations', escalation],
    ] as const) {
      let res: Response;
      let tries = 0;
      do res = await app.request(route, json('POST', body));
      while (res.status === 201 && ++tries < 50);
      expect(res.status, route).toBe(507);
      const { error } = (await res.json()) as { error: { code: string; message: string } };
      expect(error.code).toBe('storage_full');
      expect(error.message).not.toContain(path);
    }
    const lines = logger.at('error').map((l) => JSON.stringify(l));
    expect(lines.some((l) => l.includes(path) && /fuld/.test(l) && /Frigør plads/.test(l))).toBe(true);
  });

  it('answers 503 store_unavailable when the database has become read-only, never 500, and logs the file', async () => {
    const { path, raw, store } = await breakableStore();
    raw.pragma('query_only = ON');
    const { app, logger } = opsApp({ store });
    for (const [route, body] of [
      ['/api/feedback', feedback],
      ['/api/escalations', escalation],
    ] as const) {
      const res = await app.request(route, json('POST', body));
      expect(res.status, route).toBe(503);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('store_unavailable');
    }
    const lines = logger.at('error').map((l) => JSON.stringify(l));
    expect(lines.some((l) => l.includes(path) && /skrivebeskyttet/.test(l) && /skriveadgang/.test(l))).toBe(true);
  });

  it('refuses a file that is not a database with a message naming it and saying what to do', async () => {
    const path = join(tempDir(), 'helpdesk.sqlite');
    writeFileSync(path, 'dette er ikke en database '.repeat(100));
    await expect(openSqliteStore(path)).rejects.toMatchObject({
      code: 'store_unavailable',
      message: expect.stringMatching(/ikke en gyldig SQLite-database.*flyt filen/),
    });
    await expect(openSqliteStore(path)).rejects.toThrow(path);
  });

  it('names the path when DATA_DIR is a file, not a folder', async () => {
    const dataDir = join(tempDir(), 'data');
    writeFileSync(dataDir, 'en fil');
    const path = join(dataDir, 'helpdesk.sqlite');
    await expect(openSqliteStore(path)).rejects.toMatchObject({
      code: 'store_unavailable',
      message: expect.stringContaining(`${path} kan ikke oprettes, fordi en del af stien er en fil`),
    });
  });
});

/** A file-system error as Node raises it. */
function fsError(code: string, syscall: string, path: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`${code}: failed, ${syscall} '${path}'`), { code, syscall, path });
}

describe('messages for a read-only or full data folder', () => {
  it('a read-only DATA_DIR names the database and asks for write access, as store_unavailable', () => {
    const error = storeFailure(fsError('EROFS', 'mkdir', '/srv/opi/data'), '/srv/opi/data/helpdesk.sqlite');
    expect(error).toMatchObject({
      code: 'store_unavailable',
      message: expect.stringMatching(
        /^Driftsdatabasen \/srv\/opi\/data\/helpdesk\.sqlite .*skrivebeskyttet.*skriveadgang/,
      ),
    });
  });

  it('an index that cannot be saved names the folder and what to do, and says the new index is in use', () => {
    const dir = '/srv/opi/data/index';
    expect(indexSaveFailure(fsError('EACCES', 'open', `${dir}/index.bin.tmp`), dir)).toMatch(
      /indeksmappen \/srv\/opi\/data\/index eller DATA_DIR er skrivebeskyttet.*det nye indeks bruges/,
    );
    expect(indexSaveFailure(fsError('ENOSPC', 'write', `${dir}/index.bin.tmp`), dir)).toMatch(
      /disken med indeksmappen \/srv\/opi\/data\/index er fuld\. Frigør plads/,
    );
    expect(indexSaveFailure(fsError('EEXIST', 'mkdir', dir), dir)).toMatch(
      /\/srv\/opi\/data\/index er ikke en mappe.*Flyt filen væk/,
    );
  });

  it('leaves errors that are not about storage alone', () => {
    const bug = new TypeError('x is undefined');
    expect(storeFailure(bug, '/srv/opi/data/helpdesk.sqlite')).toBe(bug);
  });
});
