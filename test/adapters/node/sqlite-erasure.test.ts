import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sqliteDatabase } from '../../../src/adapters/node/sqlite-database.js';
import { openSqliteStore } from '../../../src/adapters/node/sqlite-store.js';
import { purgeExpired } from '../../../src/ops/retention.js';
import { SqlStore } from '../../../src/store/sql-store.js';
import { EscalationInput, FeedbackInput } from '../../../src/store/store.js';

const NAME = 'Karoline Østergaard-Vestesen';
const EMAIL = 'karoline.vestesen@kommune-test.dk';
const CPR = '240587-1234';
const PHONE = '23 45 67 89';

let dir: string;
let path: string;
let store: SqlStore;
let t: number;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'opi-erasure-'));
  path = join(dir, 'helpdesk.sqlite');
  t = Date.parse('2026-01-05T09:00:00.000Z');
  store = await openSqliteStore(path, { now: () => new Date(t) });
});

afterEach(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

/** The database's files as SQLite leaves them on disk: the file, its write-ahead log and its shared-memory index. */
function files(): Buffer[] {
  return [path, `${path}-wal`, `${path}-shm`].filter((f) => existsSync(f)).map((f) => readFileSync(f));
}

/** The personal data of `values` that can still be read in any of the files, as raw bytes. */
function readable(...values: string[]): string[] {
  const found = new Set<string>();
  for (const bytes of files()) {
    for (const value of values) if (bytes.includes(Buffer.from(value, 'utf8'))) found.add(value);
  }
  return [...found];
}

/** A case from Karoline with her name, e-mail, CPR and phone number in its fields and free text, changed once. */
async function karolinesCase() {
  const escalation = await store.createEscalation(
    EscalationInput.parse({
      question: `Mit CPR-nummer er ${CPR}. Ring til ${NAME} på ${PHONE}.`,
      conversation: [{ role: 'user', content: `Jeg hedder ${NAME} (${EMAIL}).` }],
      name: NAME,
      email: EMAIL,
    }),
  );
  await store.updateEscalation(escalation.id, { assignee: 'Søren', notes: `Ringede til ${NAME}` });
  return escalation;
}

describe('erasure on disk (GDPR)', () => {
  it('after delete-by-e-mail, the name, e-mail, CPR and phone number are in none of the files (db, -wal, -shm)', async () => {
    await karolinesCase();
    const other = await store.createEscalation(EscalationInput.parse({ question: 'Anden sag', email: 'bo@firma.dk' }));
    await store.logQuestion({
      question: `Jeg er ${EMAIL}, CPR ${CPR}: hvad er OPI?`,
      channel: 'web',
      answered: true,
      topScore: 1,
      citedChunkIds: [],
      latencyMs: 3,
    });
    await store.addFeedback(
      FeedbackInput.parse({ question: 'Hvad er OPI?', answer: 'Svar', rating: 'down', comment: `Skriv til ${EMAIL}` }),
    );
    expect(readable(NAME, EMAIL, CPR)).not.toEqual([]);

    const deleted = await store.deleteByEmail(EMAIL.toUpperCase());
    expect(deleted.escalations).toBe(1);
    expect(readable(NAME, EMAIL, CPR, PHONE)).toEqual([]);
    // the rest is untouched
    expect((await store.listEscalations()).map((e) => e.id)).toEqual([other.id]);
    expect(await store.listQuestions()).toHaveLength(1);
    await store.close();
    expect(readable(NAME, EMAIL, CPR, PHONE)).toEqual([]);
    store = await openSqliteStore(path);
  });

  it('after any deletion, also what an older version deleted but left readable in the file is gone', async () => {
    await store.close();
    // an older version: no secure_delete, nothing done after a deletion
    const raw = new Database(path);
    raw.pragma('journal_mode = WAL');
    const legacy = await SqlStore.open({ ...sqliteDatabase(raw), forgetDeleted: undefined });
    store = legacy;
    await karolinesCase();
    await legacy.deleteByEmail(EMAIL);
    raw.pragma('wal_checkpoint(TRUNCATE)');
    raw.close();
    expect(readable(NAME, EMAIL, CPR)).not.toEqual([]);

    store = await openSqliteStore(path);
    await store.createEscalation(EscalationInput.parse({ question: 'Slet mig', email: 'bo@firma.dk' }));
    await store.deleteByEmail('bo@firma.dk');
    expect(readable(NAME, EMAIL, CPR, PHONE)).toEqual([]);
  });

  it('after the retention purge, a resolved case past retention is in none of the files', async () => {
    const escalation = await karolinesCase();
    await store.updateEscalation(escalation.id, { status: 'resolved' });
    t += 100 * 86_400_000;
    expect(await purgeExpired(store, 90, new Date(t))).toMatchObject({ escalations: 1 });
    expect(readable(NAME, EMAIL, CPR, PHONE)).toEqual([]);
  });

  it('includes the question log and feedback in delete-by-e-mail, also rows saved before redaction existed', async () => {
    await store.close();
    const raw = new Database(path);
    raw
      .prepare(
        `INSERT INTO questions (id, question, channel, answered, top_score, cited_chunk_ids, latency_ms, created_at)
         VALUES ('gammel', ?, 'web', 0, 0, '[]', 1, '2026-01-01T00:00:00.000Z')`,
      )
      .run(`Svar mig på ${EMAIL.toUpperCase()}`);
    raw.close();
    store = await openSqliteStore(path, { now: () => new Date(t) });
    await store.addFeedback(
      FeedbackInput.parse({ question: 'Hvad er OPI?', answer: 'Svar', rating: 'up', comment: `mail: ${EMAIL}` }),
    );
    expect(await store.deleteByEmail(EMAIL)).toEqual({ escalations: 0, questions: 1, feedback: 0 });
    expect(await store.listQuestions()).toEqual([]);
    expect(readable(EMAIL.toUpperCase(), EMAIL)).toEqual([]);
  });

  it('never stores an e-mail address, CPR number or phone number written in a question or a feedback comment', async () => {
    await store.logQuestion({
      question: `Jeg er ${EMAIL}, CPR ${CPR}, tlf. ${PHONE}: hvad er OPI?`,
      channel: 'web',
      answered: true,
      topScore: 1,
      citedChunkIds: [],
      latencyMs: 3,
    });
    await store.addFeedback(
      FeedbackInput.parse({
        question: `Kan ${EMAIL} få svar?`,
        answer: 'Svar',
        rating: 'down',
        comment: `Ring ${PHONE}`,
      }),
    );
    const [question] = await store.listQuestions();
    expect(question?.question).toBe('Jeg er [e-mail], CPR [cpr-nr.], tlf. [telefonnr.]: hvad er OPI?');
    const [feedback] = await store.listFeedback();
    expect(feedback).toMatchObject({ question: 'Kan [e-mail] få svar?', comment: 'Ring [telefonnr.]' });
    expect(readable(EMAIL, CPR, PHONE)).toEqual([]);
  });
});
