import { HelpdeskError } from '../errors.js';
import { canTransition, ESCALATION_TRANSITIONS } from './escalation-status.js';
import { migrate } from './migrations.js';
import { redactPersonalData } from './redact.js';
import type { SqlDatabase, SqlValue } from './sql-database.js';
import type {
  DocumentChange,
  DocumentChangeInput,
  EmailDeletion,
  Escalation,
  EscalationInput,
  EscalationPatch,
  EscalationStatus,
  Feedback,
  FeedbackFilter,
  FeedbackInput,
  LoggedQuestion,
  PurgeResult,
  QuestionFilter,
  QuestionLogEntry,
  Store,
  StoreStats,
} from './store.js';

/** Injected clock and id source (tests). */
export interface SqlStoreOptions {
  now?: () => Date;
  newId?: () => string;
}

interface QuestionRow {
  id: string;
  question: string;
  channel: string;
  answered: number;
  top_score: number;
  cited_chunk_ids: string;
  latency_ms: number;
  created_at: string;
}

interface FeedbackRow {
  id: string;
  question: string;
  answer: string;
  rating: string;
  comment: string | null;
  cited_chunk_ids: string;
  channel: string;
  created_at: string;
}

interface EscalationRow {
  id: string;
  status: string;
  question: string;
  conversation: string;
  name: string | null;
  email: string | null;
  channel: string;
  channel_ref: string | null;
  assignee: string | null;
  notes: string | null;
  answer: string | null;
  created_at: string;
  updated_at: string;
  reference: string | null;
  cited_chunk_ids: string;
}

const ESCALATION_COLUMNS =
  'id, status, question, conversation, name, email, channel, channel_ref, assignee, notes, answer, created_at, updated_at, reference, cited_chunk_ids';

/**
 * The `Store` over any `SqlDatabase` (SQLite on Node, D1 on Workers).
 * Create it with `SqlStore.open`, which brings the schema up to date.
 */
export class SqlStore implements Store {
  readonly #db: SqlDatabase;
  readonly #now: () => Date;
  readonly #newId: () => string;

  private constructor(db: SqlDatabase, options: SqlStoreOptions) {
    this.#db = db;
    this.#now = options.now ?? (() => new Date());
    this.#newId = options.newId ?? (() => crypto.randomUUID());
  }

  /** A store over `db`, after running any pending migrations. */
  static async open(db: SqlDatabase, options: SqlStoreOptions = {}): Promise<SqlStore> {
    await migrate(db, undefined, options.now);
    return new SqlStore(db, options);
  }

  async logQuestion(entry: QuestionLogEntry): Promise<void> {
    await this.#db.run(
      `INSERT INTO questions (id, question, channel, answered, top_score, cited_chunk_ids, latency_ms, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      [
        this.#newId(),
        redactPersonalData(entry.question),
        entry.channel,
        entry.answered ? 1 : 0,
        Number.isFinite(entry.topScore) ? entry.topScore : 0,
        JSON.stringify(entry.citedChunkIds),
        Number.isFinite(entry.latencyMs) ? entry.latencyMs : 0,
        entry.at ?? this.#now().toISOString(),
      ],
    );
  }

  async listQuestions(filter: QuestionFilter = {}): Promise<LoggedQuestion[]> {
    const { where, params } = periodConditions(filter);
    if (filter.answered !== undefined) {
      where.push('answered = ?');
      params.push(filter.answered ? 1 : 0);
    }
    const rows = await this.#db.all<QuestionRow>(
      `SELECT * FROM questions ${whereClause(where)} ORDER BY created_at ASC, id ASC ${limitClause(filter.limit)}`,
      params,
    );
    return rows.map((r) => ({
      id: r.id,
      question: r.question,
      channel: r.channel as LoggedQuestion['channel'],
      answered: r.answered === 1,
      topScore: r.top_score,
      citedChunkIds: parseJsonArray(r.cited_chunk_ids),
      latencyMs: r.latency_ms,
      at: r.created_at,
    }));
  }

  async addFeedback(input: FeedbackInput): Promise<Feedback> {
    const feedback: Feedback = {
      ...input,
      // free text: recognisable personal data is never stored (the answer is the help desk's own text)
      question: redactPersonalData(input.question),
      ...(input.comment === undefined ? {} : { comment: redactPersonalData(input.comment) }),
      id: this.#newId(),
      createdAt: this.#now().toISOString(),
    };
    await this.#db.run(
      `INSERT INTO feedback (id, question, answer, rating, comment, cited_chunk_ids, channel, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      [
        feedback.id,
        feedback.question,
        feedback.answer,
        feedback.rating,
        feedback.comment ?? null,
        JSON.stringify(feedback.citedChunkIds ?? []),
        feedback.channel ?? 'web',
        feedback.createdAt,
      ],
    );
    return feedback;
  }

  async listFeedback(filter: FeedbackFilter = {}): Promise<Feedback[]> {
    const { where, params } = periodConditions(filter);
    if (filter.rating) {
      where.push('rating = ?');
      params.push(filter.rating);
    }
    const rows = await this.#db.all<FeedbackRow>(
      `SELECT * FROM feedback ${whereClause(where)} ORDER BY created_at DESC, id DESC ${limitClause(filter.limit)}`,
      params,
    );
    return rows.map((r) => ({
      id: r.id,
      question: r.question,
      answer: r.answer,
      rating: r.rating as Feedback['rating'],
      ...(r.comment === null ? {} : { comment: r.comment }),
      citedChunkIds: parseJsonArray(r.cited_chunk_ids),
      channel: r.channel as Feedback['channel'],
      createdAt: r.created_at,
    }));
  }

  /**
   * Saves a new open escalation with the next reference of the year (`OPI-2026-0042`; the year in
   * Danish time). The counter and the case are written in one transaction, so two cases never share
   * a reference, and a deleted case's reference is never given again.
   */
  async createEscalation(input: EscalationInput): Promise<Escalation> {
    const now = this.#now();
    const at = now.toISOString();
    const year = danishYear(now);
    const fields: Omit<Escalation, 'reference'> = {
      ...input,
      conversation: input.conversation ?? [],
      channel: input.channel ?? 'web',
      citedChunkIds: input.citedChunkIds ?? [],
      ...(input.email === undefined ? {} : { email: normaliseEmail(input.email) }),
      id: this.#newId(),
      status: 'open',
      createdAt: at,
      updatedAt: at,
    };
    await this.#db.batch([
      {
        sql: `INSERT INTO escalation_sequences (year, last) VALUES (?, 1)
              ON CONFLICT (year) DO UPDATE SET last = last + 1`,
        params: [year],
      },
      {
        sql: `INSERT INTO escalations (${ESCALATION_COLUMNS})
              VALUES (?, ?, ?, ?, ?, ?, ?, ?, NULL, NULL, NULL, ?, ?,
                ? || '-' || ? || '-' || printf('%04d', (SELECT last FROM escalation_sequences WHERE year = ?)), ?)`,
        params: [
          fields.id,
          fields.status,
          fields.question,
          JSON.stringify(fields.conversation),
          fields.name ?? null,
          fields.email ?? null,
          fields.channel,
          fields.channelRef ?? null,
          at,
          at,
          REFERENCE_PREFIX,
          String(year),
          year,
          JSON.stringify(fields.citedChunkIds),
        ],
      },
    ]);
    const row = await this.#db.first<{ reference: string }>('SELECT reference FROM escalations WHERE id = ?', [
      fields.id,
    ]);
    return { ...fields, reference: row?.reference ?? fields.id };
  }

  async getEscalation(id: string): Promise<Escalation | undefined> {
    const row = await this.#db.first<EscalationRow>(`SELECT ${ESCALATION_COLUMNS} FROM escalations WHERE id = ?`, [id]);
    return row ? toEscalation(row) : undefined;
  }

  async listEscalations(filter: { status?: EscalationStatus; limit?: number } = {}): Promise<Escalation[]> {
    const where: string[] = [];
    const params: SqlValue[] = [];
    if (filter.status) {
      where.push('status = ?');
      params.push(filter.status);
    }
    const rows = await this.#db.all<EscalationRow>(
      `SELECT ${ESCALATION_COLUMNS} FROM escalations ${whereClause(where)}
       ORDER BY created_at DESC, id DESC ${limitClause(filter.limit)}`,
      params,
    );
    return rows.map(toEscalation);
  }

  /**
   * Applies an admin's change. Without an explicit `status`, giving an
   * `assignee` to an open case assigns it and giving an `answer` to an open or
   * assigned case marks it answered. Throws `bad_request` (details.fields
   * `status`) for a change `ESCALATION_TRANSITIONS` does not allow and
   * `validation_failed` when the target status lacks its assignee or answer.
   */
  async updateEscalation(id: string, patch: EscalationPatch): Promise<Escalation | undefined> {
    for (let attempt = 0; attempt < 5; attempt++) {
      const current = await this.getEscalation(id);
      if (!current) return undefined;
      const next = nextState(current, patch);
      const changed = await this.#db.run(
        `UPDATE escalations SET status = ?, assignee = ?, notes = ?, answer = ?, updated_at = ?
         WHERE id = ? AND status = ? AND updated_at = ?`,
        [
          next.status,
          next.assignee ?? null,
          next.notes ?? null,
          next.answer ?? null,
          this.#now().toISOString(),
          id,
          current.status,
          current.updatedAt,
        ],
      );
      if (changed.changes === 1) return this.getEscalation(id);
      // Someone else changed the case between our read and write: re-validate against the new state.
    }
    throw new HelpdeskError('internal', `Sagen ${id} ændres samtidig af andre; prøv igen.`);
  }

  async purge(olderThan: Date): Promise<PurgeResult> {
    const cutoff = olderThan.toISOString();
    const [questions, feedback, escalations] = await this.#db.batch([
      { sql: 'DELETE FROM questions WHERE created_at < ?', params: [cutoff] },
      { sql: 'DELETE FROM feedback WHERE created_at < ?', params: [cutoff] },
      { sql: "DELETE FROM escalations WHERE status = 'resolved' AND updated_at < ?", params: [cutoff] },
    ]);
    await this.#forgetDeleted([questions, feedback, escalations]);
    return {
      questions: questions?.changes ?? 0,
      feedback: feedback?.changes ?? 0,
      escalations: escalations?.changes ?? 0,
    };
  }

  async deleteByEmail(email: string): Promise<EmailDeletion> {
    const address = normaliseEmail(email);
    const [escalations, questions, feedback] = await this.#db.batch([
      { sql: 'DELETE FROM escalations WHERE email = ?', params: [address] },
      { sql: 'DELETE FROM questions WHERE instr(lower(question), ?) > 0', params: [address] },
      {
        sql: "DELETE FROM feedback WHERE instr(lower(question), ?) > 0 OR instr(lower(coalesce(comment, '')), ?) > 0",
        params: [address, address],
      },
    ]);
    await this.#forgetDeleted([escalations, questions, feedback]);
    return {
      escalations: escalations?.changes ?? 0,
      questions: questions?.changes ?? 0,
      feedback: feedback?.changes ?? 0,
    };
  }

  /** After a deletion that removed rows, make them unreadable in the files as well (`SqlDatabase.forgetDeleted`). */
  async #forgetDeleted(results: ({ changes: number } | undefined)[]): Promise<void> {
    if (results.some((r) => (r?.changes ?? 0) > 0)) await this.#db.forgetDeleted?.();
  }

  async stats(): Promise<StoreStats> {
    const q = await this.#db.first<{ total: number; answered: number | null }>(
      'SELECT COUNT(*) AS total, SUM(answered) AS answered FROM questions',
    );
    const f = await this.#db.all<{ rating: string; n: number }>(
      'SELECT rating, COUNT(*) AS n FROM feedback GROUP BY rating',
    );
    const e = await this.#db.all<{ status: string; n: number }>(
      'SELECT status, COUNT(*) AS n FROM escalations GROUP BY status',
    );
    const escalations = Object.fromEntries(Object.keys(ESCALATION_TRANSITIONS).map((s) => [s, 0])) as Record<
      EscalationStatus,
      number
    >;
    for (const row of e) escalations[row.status as EscalationStatus] = row.n;
    return {
      questions: { total: q?.total ?? 0, answered: q?.answered ?? 0 },
      feedback: {
        up: f.find((r) => r.rating === 'up')?.n ?? 0,
        down: f.find((r) => r.rating === 'down')?.n ?? 0,
      },
      escalations,
    };
  }

  async recordDocumentChange(change: DocumentChangeInput): Promise<DocumentChange> {
    const saved: DocumentChange = { ...change, id: this.#newId(), at: this.#now().toISOString() };
    await this.#db.run(
      `INSERT INTO document_changes (id, doc_id, path, action, actor, title, hash, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      [saved.id, saved.docId, saved.path, saved.action, saved.actor, saved.title ?? null, saved.hash ?? null, saved.at],
    );
    return saved;
  }

  async listDocumentChanges(filter: { docId?: string; limit?: number } = {}): Promise<DocumentChange[]> {
    const where = filter.docId === undefined ? '' : 'WHERE doc_id = ?';
    const rows = await this.#db.all<DocumentChangeRow>(
      `SELECT * FROM document_changes ${where} ORDER BY created_at DESC, rowid DESC ${limitClause(filter.limit)}`,
      filter.docId === undefined ? [] : [filter.docId],
    );
    return rows.map((r) => ({
      id: r.id,
      docId: r.doc_id,
      path: r.path,
      action: r.action as DocumentChange['action'],
      actor: r.actor,
      ...(r.title === null ? {} : { title: r.title }),
      ...(r.hash === null ? {} : { hash: r.hash }),
      at: r.created_at,
    }));
  }

  async revokeSession(id: string, until: Date): Promise<void> {
    const now = this.#now().toISOString();
    await this.#db.batch([
      { sql: 'DELETE FROM revoked_sessions WHERE expires_at <= ?', params: [now] },
      {
        sql: 'INSERT INTO revoked_sessions (id, expires_at) VALUES (?, ?) ON CONFLICT (id) DO UPDATE SET expires_at = excluded.expires_at',
        params: [id, until.toISOString()],
      },
    ]);
  }

  async isSessionRevoked(id: string): Promise<boolean> {
    const row = await this.#db.first<{ id: string }>(
      'SELECT id FROM revoked_sessions WHERE id = ? AND expires_at > ?',
      [id, this.#now().toISOString()],
    );
    return row !== undefined;
  }

  async close(): Promise<void> {
    await this.#db.close();
  }
}

interface DocumentChangeRow {
  id: string;
  doc_id: string;
  path: string;
  action: string;
  actor: string;
  title: string | null;
  hash: string | null;
  created_at: string;
}

/** The escalation after `patch`, validated; throws HelpdeskError when the change is not allowed. */
function nextState(current: Escalation, patch: EscalationPatch): Escalation {
  const merged: Escalation = {
    ...current,
    ...(patch.assignee === undefined ? {} : { assignee: patch.assignee }),
    ...(patch.notes === undefined ? {} : { notes: patch.notes }),
    ...(patch.answer === undefined ? {} : { answer: patch.answer }),
  };
  let status = patch.status;
  if (status === undefined) {
    if (patch.answer !== undefined && (current.status === 'open' || current.status === 'assigned')) status = 'answered';
    else if (patch.assignee !== undefined && current.status === 'open') status = 'assigned';
    else status = current.status;
  }
  if (!canTransition(current.status, status)) {
    const allowed = ESCALATION_TRANSITIONS[current.status];
    throw new HelpdeskError(
      'bad_request',
      `status: sagen har status "${current.status}" og kan ikke skifte til "${status}". ` +
        (allowed.length ? `Tilladt: ${allowed.join(', ')}.` : 'En løst sag kan ikke ændre status.'),
      { details: { fields: ['status'], from: current.status, to: status, allowed: [...allowed] } },
    );
  }
  if (status === 'assigned' && !merged.assignee?.trim()) {
    throw new HelpdeskError(
      'validation_failed',
      'assignee: angiv hvem sagen tildeles, før den kan få status "assigned".',
      {
        details: { fields: ['assignee'] },
      },
    );
  }
  if (status === 'answered' && !merged.answer?.trim()) {
    throw new HelpdeskError('validation_failed', 'answer: skriv svaret, før sagen kan få status "answered".', {
      details: { fields: ['answer'] },
    });
  }
  return { ...merged, status };
}

/** What every escalation reference starts with: `OPI-2026-0042`. */
export const REFERENCE_PREFIX = 'OPI';

/** The calendar year of `at` in Denmark, where the cases are handled. */
function danishYear(at: Date): number {
  return Number(new Intl.DateTimeFormat('en', { timeZone: 'Europe/Copenhagen', year: 'numeric' }).format(at));
}

function toEscalation(r: EscalationRow): Escalation {
  const optional = (key: keyof Escalation, value: string | null) => (value === null ? {} : { [key]: value });
  return {
    id: r.id,
    reference: r.reference ?? r.id,
    status: r.status as EscalationStatus,
    question: r.question,
    conversation: parseJsonArray(r.conversation) as Escalation['conversation'],
    citedChunkIds: parseJsonArray(r.cited_chunk_ids),
    channel: r.channel as Escalation['channel'],
    ...optional('name', r.name),
    ...optional('email', r.email),
    ...optional('channelRef', r.channel_ref),
    ...optional('assignee', r.assignee),
    ...optional('notes', r.notes),
    ...optional('answer', r.answer),
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

function parseJsonArray<T = string>(text: string): T[] {
  try {
    const value: unknown = JSON.parse(text);
    return Array.isArray(value) ? (value as T[]) : [];
  } catch {
    return [];
  }
}

function whereClause(conditions: string[]): string {
  return conditions.length ? `WHERE ${conditions.join(' AND ')}` : '';
}

function limitClause(limit: number | undefined): string {
  return limit !== undefined && Number.isInteger(limit) && limit > 0 ? `LIMIT ${limit}` : '';
}

/** `created_at` conditions for an optional [since, until) period. */
function periodConditions(filter: { since?: Date; until?: Date }): { where: string[]; params: SqlValue[] } {
  const where: string[] = [];
  const params: SqlValue[] = [];
  if (filter.since) {
    where.push('created_at >= ?');
    params.push(filter.since.toISOString());
  }
  if (filter.until) {
    where.push('created_at < ?');
    params.push(filter.until.toISOString());
  }
  return { where, params };
}
