import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { d1SyncLedger } from '../../../src/adapters/cloudflare/d1-sync-ledger.js';
import { chunkHash, planIndexSync } from '../../../src/adapters/cloudflare/index-sync.js';
import { sqliteDatabase } from '../../../src/adapters/node/sqlite-database.js';
import type { Chunk } from '../../../src/corpus/types.js';
import { createLocalEmbedder } from '../../../src/index/local-embedder.js';
import { createDanishAnalyzer } from '../../../src/text/index.js';
import { deployIndex } from '../../../scripts/deploy-index.js';
import { FakeAi, FakeVectorize } from '../../support/fake-bindings.js';
import Database from 'better-sqlite3';

function chunk(id: string, text: string): Chunk {
  const docId = id.split('#')[0]!;
  return {
    id,
    docId,
    anchor: id.split('#')[1] ?? '',
    title: `Titel ${docId}`,
    section: 'Afsnit',
    sectionPath: ['Afsnit'],
    text,
  } as Chunk;
}

const LONG = `en-meget-lang-vejledning-om-offentlig-privat-innovation#${'underafsnit-'.repeat(5)}`;
const v1 = [
  chunk('a#intro', 'Kommunen samarbejder med virksomheder.'),
  chunk('b#intro', 'Udbud og kontrakter.'),
  chunk(LONG, 'Lang id.'),
];

const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});
async function tempFile(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'deploy-index-'));
  dirs.push(dir);
  return join(dir, 'state.json');
}

function target() {
  const ai = new FakeAi(createLocalEmbedder(createDanishAnalyzer(), { dimensions: 1024 }));
  const vectorize = new FakeVectorize(1024);
  const db = sqliteDatabase(new Database(':memory:'));
  return { ai, vectorize, db, ledger: d1SyncLedger(db) };
}

describe('planIndexSync', () => {
  it('upserts everything the first time, then only changes, and deletes what vanished', async () => {
    const first = await planIndexSync(v1, undefined, 'e1');
    expect(first.upsert.map((u) => u.chunk.id)).toEqual(v1.map((c) => c.id));
    expect(first.reason).toMatch(/intet tidligere/);
    const state = {
      embedderId: 'e1',
      chunks: Object.fromEntries(await Promise.all(v1.map(async (c) => [c.id, await chunkHash(c)]))),
    };
    const v2 = [chunk('a#intro', 'Kommunen samarbejder med mange virksomheder.'), v1[2]!, chunk('c#ny', 'Nyt afsnit.')];
    const plan = await planIndexSync(v2, state, 'e1');
    expect(plan.upsert.map((u) => u.chunk.id)).toEqual(['a#intro', 'c#ny']);
    expect(plan.delete).toEqual(['b#intro']);
    expect(plan.unchanged).toBe(1);
    expect(plan.reason).toBeUndefined();
  });

  it('re-uploads everything when the embedder changed', async () => {
    const state = { embedderId: 'old', chunks: { 'a#intro': await chunkHash(v1[0]!) } };
    const plan = await planIndexSync(v1, state, 'new');
    expect(plan.upsert).toHaveLength(3);
    expect(plan.reason).toMatch(/old til new/);
  });
});

describe('deployIndex', () => {
  it('a dry run compares with the local state file and touches nothing', async () => {
    const stateFile = await tempFile();
    const lines: string[] = [];
    const t = target();
    const result = await deployIndex({ chunks: v1, stateFile, dryRun: true, target: t, log: (l) => lines.push(l) });
    expect(result.comparedWith).toBe('local-state');
    expect(result.plan.upsert).toHaveLength(3);
    expect(lines.join('\n')).toContain('+ b#intro');
    expect(t.ai.calls).toHaveLength(0);
    expect(t.vectorize.calls).toHaveLength(0);
    await expect(readFile(stateFile)).rejects.toThrow();
  });

  it('uploads, records in D1, writes the state file, and a second run changes nothing', async () => {
    const stateFile = await tempFile();
    const t = target();
    await deployIndex({ chunks: v1, stateFile, dryRun: false, target: t, log: () => {} });
    expect(t.vectorize.vectors.size).toBe(3);
    expect([...t.vectorize.vectors.values()].map((v) => v.metadata?.docId).sort()).toEqual([
      'a',
      'b',
      LONG.split('#')[0],
    ]);
    expect(await t.db.all('SELECT id FROM vector_chunks ORDER BY id')).toHaveLength(3);
    const saved = JSON.parse(await readFile(stateFile, 'utf8')) as {
      embedderId: string;
      chunks: Record<string, string>;
    };
    expect(saved.embedderId).toBe('workers-ai:@cf/baai/bge-m3:1024');
    expect(Object.keys(saved.chunks).sort()).toEqual(v1.map((c) => c.id).sort());

    const embedCalls = t.ai.calls.length;
    const again = await deployIndex({ chunks: v1, stateFile, dryRun: false, target: t, log: () => {} });
    expect(again.plan.upsert).toHaveLength(0);
    expect(again.plan.delete).toHaveLength(0);
    expect(t.ai.calls.length).toBe(embedCalls);
    const dry = await deployIndex({ chunks: v1, stateFile, dryRun: true, log: () => {} });
    expect(dry.plan.unchanged).toBe(3);
  });

  it('upserts changed chunks and deletes removed ones from Vectorize and D1', async () => {
    const stateFile = await tempFile();
    const t = target();
    await deployIndex({ chunks: v1, stateFile, dryRun: false, target: t, log: () => {} });
    const v2 = [chunk('a#intro', 'Nu med ny tekst.'), v1[1]!];
    const result = await deployIndex({ chunks: v2, stateFile, dryRun: false, target: t, log: () => {} });
    expect(result.comparedWith).toBe('d1');
    expect(result.plan.upsert.map((u) => u.chunk.id)).toEqual(['a#intro']);
    expect(result.plan.delete).toEqual([LONG]);
    expect(t.vectorize.vectors.size).toBe(2);
    expect((await t.db.all<{ id: string }>('SELECT id FROM vector_chunks ORDER BY id')).map((r) => r.id)).toEqual([
      'a#intro',
      'b#intro',
    ]);
  });

  it('trusts D1 over a stale local state file in a real run', async () => {
    const stateFile = await tempFile();
    await writeFile(stateFile, JSON.stringify({ embedderId: 'workers-ai:@cf/baai/bge-m3:1024', chunks: {} }));
    const t = target();
    await deployIndex({ chunks: v1, stateFile, dryRun: false, target: t, log: () => {} });
    expect(t.vectorize.vectors.size).toBe(3);
  });
});
