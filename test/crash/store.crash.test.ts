import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { openSqliteStore } from '../../src/adapters/node/sqlite-store.js';
import { between, kill, sleep, spawnTsx } from '../support/child-process.js';

const dir = mkdtempSync(join(tmpdir(), 'crash-store-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const ITERATIONS = 6;

describe('SQLite store under SIGKILL', () => {
  it(`keeps every acknowledged feedback and escalation across ${ITERATIONS} kills at random moments`, async () => {
    const path = join(dir, 'helpdesk.sqlite');
    const acked = { feedback: new Set<string>(), escalations: new Set<string>() };
    for (let i = 0; i < ITERATIONS; i++) {
      const child = spawnTsx(['test/support/store-writer.ts', path]);
      // the first kill may land while the schema is being created; later ones mid-stream
      if (i === 0) await sleep(between(300, 1500));
      else {
        await child.waitFor(/^ready$/);
        await sleep(between(20, 400));
      }
      await kill(child);
      for (const line of child.lines) {
        const [kind, id] = line.split(' ');
        if (kind === 'F') acked.feedback.add(id!);
        if (kind === 'E') acked.escalations.add(id!);
      }

      // the next open succeeds and finds every acknowledged row
      const store = await openSqliteStore(path);
      const feedback = new Set((await store.listFeedback({ limit: 1_000_000 })).map((f) => f.id));
      const missingFeedback = [...acked.feedback].filter((id) => !feedback.has(id));
      const escalations = new Set((await store.listEscalations({ limit: 1_000_000 })).map((e) => e.id));
      const missingEscalations = [...acked.escalations].filter((id) => !escalations.has(id));
      await store.close();
      expect(missingFeedback, `iteration ${i}`).toEqual([]);
      expect(missingEscalations, `iteration ${i}`).toEqual([]);

      const db = new Database(path, { readonly: true });
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      db.close();
    }
    // the loop really interrupted a stream of writes
    expect(acked.feedback.size + acked.escalations.size).toBeGreaterThan(ITERATIONS);
    expect(acked.escalations.size).toBeGreaterThan(0);
  }, 120_000);
});
