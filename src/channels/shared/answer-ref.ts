import { z } from 'zod';
import type { AnswerResponse } from '../../answer/types.js';

/** A compact reference to an answered question, carried in buttons and actions. */
export const AnswerRef = z.object({
  /** The question as asked. */
  q: z.string().min(1).max(2000),
  /** Chunk ids cited by the answer. */
  c: z.array(z.string().max(300)).max(50).default([]),
});
export type AnswerRef = z.infer<typeof AnswerRef>;

/**
 * Encodes the question and the cited chunk ids as JSON no longer than `maxChars`,
 * shortening the question and dropping chunk ids as needed.
 */
export function encodeAnswerRef(question: string, answer: AnswerResponse, maxChars: number): string {
  let q = question.trim().slice(0, 2000) || '?';
  let c = answer.citations.map((x) => x.chunkId).slice(0, 50);
  let text = JSON.stringify({ q, c });
  while (text.length > maxChars && c.length > 0) {
    c = c.slice(0, -1);
    text = JSON.stringify({ q, c });
  }
  while (text.length > maxChars && q.length > 1) {
    q = q.slice(0, Math.max(1, q.length - (text.length - maxChars) - 1));
    text = JSON.stringify({ q, c });
  }
  return text;
}

/** Parses a reference made by `encodeAnswerRef`; undefined when it is not one. */
export function decodeAnswerRef(value: unknown): AnswerRef | undefined {
  let raw = value;
  if (typeof value === 'string') {
    try {
      raw = JSON.parse(value);
    } catch {
      return undefined;
    }
  }
  const parsed = AnswerRef.safeParse(raw);
  return parsed.success ? parsed.data : undefined;
}
