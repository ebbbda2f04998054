import { describe, expect, it } from 'vitest';
import { openSqliteStore } from '../../src/adapters/node/sqlite-store.js';

describe('document history', () => {
  it('records who changed which document when, and lists it newest first, per document or all', async () => {
    let at = Date.parse('2026-12-01T09:00:00Z');
    const store = await openSqliteStore(':memory:', { now: () => new Date(at) });
    at += 60_000;
    await store.recordDocumentChange({
      docId: 'a',
      path: 'case/a.md',
      action: 'created',
      actor: 'Mette',
      title: 'A',
      hash: 'h1',
    });
    await store.recordDocumentChange({
      docId: 'b',
      path: 'guide/b.md',
      action: 'created',
      actor: 'API-token',
      title: 'B',
    });
    await store.recordDocumentChange({ docId: 'a', path: 'case/a.md', action: 'deleted', actor: 'Jonas' });
    const forA = await store.listDocumentChanges({ docId: 'a' });
    expect(forA.map((c) => [c.action, c.actor])).toEqual([
      ['deleted', 'Jonas'],
      ['created', 'Mette'],
    ]);
    expect(forA[1]).toMatchObject({ title: 'A', hash: 'h1', at: '2026-12-01T09:01:00.000Z' });
    expect(forA[0]!.title).toBeUndefined();
    expect((await store.listDocumentChanges({ limit: 2 })).map((c) => c.docId)).toEqual(['a', 'b']);
    await store.close();
  });
});
