import { z } from 'zod';
import { Channel, Turn } from '../conversation.js';

/**
 * One asked question, as logged after answering. The store replaces recognisable personal data in
 * the text (e-mail addresses, CPR and phone numbers: `redactPersonalData`) before saving it.
 */
export const QuestionLogEntry = z.object({
  question: z.string(),
  channel: Channel,
  answered: z.boolean(),
  topScore: z.number(),
  citedChunkIds: z.array(z.string()),
  latencyMs: z.number(),
  at: z.string().optional(),
});
export type QuestionLogEntry = z.infer<typeof QuestionLogEntry>;

/** Body of `POST /api/feedback`. */
export const FeedbackInput = z.object({
  question: z.string().trim().min(1).max(2000),
  answer: z.string().max(20_000),
  rating: z.enum(['up', 'down']),
  comment: z.string().max(2000).optional(),
  citedChunkIds: z.array(z.string().max(300)).max(50).default([]),
  channel: Channel.default('web'),
});
export type FeedbackInput = z.infer<typeof FeedbackInput>;
/** Feedback as stored and read back. */
export const Feedback = FeedbackInput.extend({ id: z.string(), createdAt: z.string() });
export type Feedback = z.infer<typeof Feedback>;

/** Body of `POST /api/escalations`. Contact data is the only personal data we keep. */
export const EscalationInput = z.object({
  question: z.string().trim().min(1).max(2000),
  conversation: z.array(Turn).max(50).default([]),
  name: z.string().trim().max(200).optional(),
  email: z.email().max(320).optional(),
  channel: Channel.default('web'),
  /** Channel-specific reference to reply to (e.g. a Slack user id or Teams conversation id). */
  channelRef: z.string().max(500).optional(),
  /** Chunk ids (`docId#anchor`) the escalated answer cited, so a maintainer sees the passages it gave. */
  citedChunkIds: z.array(z.string().max(300)).max(50).optional(),
});
export type EscalationInput = z.infer<typeof EscalationInput>;

export const EscalationStatus = z.enum(['open', 'assigned', 'answered', 'resolved']);
export type EscalationStatus = z.infer<typeof EscalationStatus>;

/** An escalation as stored and read back. */
export const Escalation = EscalationInput.extend({
  id: z.string(),
  /** Short readable case number for people, unique and never reused: `OPI-<year>-<sequence of the year>`, e.g. `OPI-2026-0042`. */
  reference: z.string(),
  status: EscalationStatus,
  assignee: z.string().optional(),
  notes: z.string().optional(),
  answer: z.string().optional(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Escalation = z.infer<typeof Escalation>;

/** A logged question as read back from the store. */
export type LoggedQuestion = Omit<QuestionLogEntry, 'at'> & { id: string; at: string };

/** Which logged questions to read; all fields optional. */
export interface QuestionFilter {
  /** Only questions asked at or after this time. */
  since?: Date;
  /** Only questions asked before this time. */
  until?: Date;
  answered?: boolean;
  /** At most this many, oldest first. */
  limit?: number;
}

/** Which feedback to read; all fields optional. */
export interface FeedbackFilter {
  since?: Date;
  until?: Date;
  rating?: FeedbackInput['rating'];
  /** At most this many, newest first. */
  limit?: number;
}

/** Rows removed by a retention purge. */
export interface PurgeResult {
  questions: number;
  feedback: number;
  /** Resolved escalations whose last change is older than the cut-off (deleted with their contact data). */
  escalations: number;
}

/** Rows removed by a deletion by e-mail address (GDPR art. 17). */
export interface EmailDeletion {
  /** Escalations with this contact e-mail. */
  escalations: number;
  /** Logged questions whose text holds the address (saved before redaction, or written differently). */
  questions: number;
  /** Feedback whose question or comment holds the address. */
  feedback: number;
}

/** Counts for dashboards and `GET /api/admin/report`. */
export interface StoreStats {
  questions: { total: number; answered: number };
  feedback: { up: number; down: number };
  escalations: Record<EscalationStatus, number>;
}

/** What happened to a corpus document in the console. */
export const DocumentChangeAction = z.enum(['created', 'updated', 'deleted']);
export type DocumentChangeAction = z.infer<typeof DocumentChangeAction>;

/** One change to a corpus document made through the console or the admin API: who, what and when. */
export interface DocumentChangeInput {
  docId: string;
  /** Corpus-relative path written or removed. */
  path: string;
  action: DocumentChangeAction;
  /** The name given at sign-in, or `API-token` for a bearer call. */
  actor: string;
  /** The document's title after the change (before it, for a deletion). */
  title?: string;
  /** Content hash of the file written (absent for a deletion). */
  hash?: string;
}
export type DocumentChange = DocumentChangeInput & { id: string; at: string };

/** The fields an admin may change on an escalation. */
export type EscalationPatch = Partial<Pick<Escalation, 'status' | 'assignee' | 'notes' | 'answer'>>;

/**
 * Persistent operations data: question log, feedback, escalations.
 * Adapters: SQLite (Node), D1 (Workers), both through `SqlStore`.
 */
export interface Store {
  logQuestion(entry: QuestionLogEntry): Promise<void>;
  addFeedback(input: FeedbackInput): Promise<Feedback>;
  createEscalation(input: EscalationInput): Promise<Escalation>;
  getEscalation(id: string): Promise<Escalation | undefined>;
  /** Escalations, newest first. */
  listEscalations(filter?: { status?: EscalationStatus; limit?: number }): Promise<Escalation[]>;
  updateEscalation(
    id: string,
    patch: Partial<Pick<Escalation, 'status' | 'assignee' | 'notes' | 'answer'>>,
  ): Promise<Escalation | undefined>;
  /** Logged questions, oldest first. */
  listQuestions(filter?: QuestionFilter): Promise<LoggedQuestion[]>;
  /** Feedback, newest first. */
  listFeedback(filter?: FeedbackFilter): Promise<Feedback[]>;
  /**
   * Deletes questions and feedback older than `olderThan`, and resolved escalations last changed
   * before it; the deleted rows are gone from the files too.
   */
  purge(olderThan: Date): Promise<PurgeResult>;
  /**
   * Deletes every escalation with this contact e-mail (case-insensitive), and the logged questions
   * and feedback whose text holds it; the deleted rows are gone from the files too. Returns how many.
   */
  deleteByEmail(email: string): Promise<EmailDeletion>;
  stats(): Promise<StoreStats>;
  /** Records one change to a corpus document (the console's history). */
  recordDocumentChange(change: DocumentChangeInput): Promise<DocumentChange>;
  /** Changes to corpus documents, newest first; only `docId`'s when given. */
  listDocumentChanges(filter?: { docId?: string; limit?: number }): Promise<DocumentChange[]>;
  /**
   * Remembers a signed-out console session until `until` (when its cookie would have expired
   * anyway), so the sign-out holds across restarts and processes. Forgets ids already past expiry.
   */
  revokeSession(id: string, until: Date): Promise<void>;
  /** True when the console session `id` was signed out and has not yet expired. */
  isSessionRevoked(id: string): Promise<boolean>;
  close(): Promise<void>;
}
