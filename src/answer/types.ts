import { z } from 'zod';
import { Turn } from '../conversation.js';

/** Body of `POST /api/ask`. */
export const AskRequest = z.object({
  question: z.string().trim().min(1).max(2000),
  history: z.array(Turn).max(50).optional(),
});
export type AskRequest = z.infer<typeof AskRequest>;

/** A numbered source of an answer; `[id]` in the answer text points here. */
export const Citation = z.object({
  id: z.number().int().positive(),
  docId: z.string(),
  /** Chunk id `<docId>#<anchor>`. Additive to the contract; used by feedback. */
  chunkId: z.string(),
  title: z.string(),
  section: z.string(),
  text: z.string(),
  url: z.string(),
  score: z.number(),
});
export type Citation = z.infer<typeof Citation>;

/** Offer of a human, present when the knowledge base cannot answer. */
export const EscalationOffer = z.object({
  offered: z.boolean(),
  message: z.string(),
  contact: z.string().optional(),
  email: z.string().optional(),
  /** Where clients post an escalation. */
  endpoint: z.string(),
});
export type EscalationOffer = z.infer<typeof EscalationOffer>;

/** Response of `POST /api/ask` (the HTTP contract in DESIGN.md). */
export const AnswerResponse = z.object({
  answer: z.string(),
  answered: z.boolean(),
  citations: z.array(Citation),
  escalation: EscalationOffer.optional(),
});
export type AnswerResponse = z.infer<typeof AnswerResponse>;

/** Events of a streamed answer, in order: citations, delta*, done. */
export type AnswerEvent =
  | { type: 'citations'; citations: Citation[] }
  | { type: 'delta'; text: string }
  | { type: 'done'; answer: AnswerResponse };

/** One hit of `GET /api/search`: a citation without its number, with the ranking's features on `?debug=1`. */
export const SearchResult = Citation.omit({ id: true }).extend({
  debug: z.record(z.string(), z.unknown()).optional(),
});
export type SearchResult = z.infer<typeof SearchResult>;
