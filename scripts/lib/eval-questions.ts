import { readFile } from 'node:fs/promises';
import { parse } from 'yaml';
import { z } from 'zod';

/** One evaluation question (test/eval/questions.yaml). */
export const EvalQuestion = z.object({
  id: z.string(),
  question: z.string().min(1),
  expect: z.enum(['answer', 'abstain']),
  docs: z.array(z.string()).default([]),
  facts: z.array(z.string()).default([]),
  lang: z.enum(['da', 'en']).default('da'),
  tags: z.array(z.string()).default([]),
  history: z.array(z.object({ role: z.enum(['user', 'assistant']), content: z.string() })).optional(),
  /** The failure class the question exercises (staff-style set): spelling, typo, colloquial, keyword, long, english, followup, nearmiss, offtopic. */
  class: z.string().optional(),
  /** The source article the question was written from (staff-style set). */
  source: z.string().optional(),
});
export type EvalQuestion = z.infer<typeof EvalQuestion>;

/** Read and validate an evaluation question file. */
export async function readEvalQuestions(path: string): Promise<EvalQuestion[]> {
  const raw = parse(await readFile(path, 'utf8'));
  const result = z.array(EvalQuestion).safeParse(raw);
  if (!result.success) {
    const first = result.error.issues[0];
    throw new Error(`${path}: ${first?.path.join('.')}: ${first?.message}`);
  }
  return result.data;
}
