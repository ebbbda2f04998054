import { z } from 'zod';

/** The kinds of document the corpus holds; each lives in `corpus/<kind>/`. */
export const DocumentKind = z.enum(['guide', 'case', 'advice', 'event', 'faq']);
export type DocumentKind = z.infer<typeof DocumentKind>;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True unless `text` has the form ÅÅÅÅ-MM-DD but names no day of the calendar (`2026-02-31`, `2025-13-01`). */
function isCalendarDate(text: string): boolean {
  const m = ISO_DATE.exec(text);
  if (!m) return true; // the format check reports it
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

const isoDate = z
  .string()
  .regex(ISO_DATE, 'skal være en dato på formen ÅÅÅÅ-MM-DD')
  .refine(isCalendarDate, 'skal være en dato, der findes i kalenderen');

/** Where a document's facts come from. */
export const SourceRef = z.object({
  organisation: z.string().min(1),
  title: z.string().min(1),
  url: z.url().optional(),
  date: isoDate.optional(),
});

/** YAML frontmatter of a corpus document. */
export const Frontmatter = z.object({
  title: z.string().min(1),
  kind: DocumentKind,
  summary: z.string().min(1),
  tags: z.array(z.string().min(1)).default([]),
  source: SourceRef,
  updated: isoDate,
  language: z.enum(['da', 'en']).default('da'),
});
export type Frontmatter = z.infer<typeof Frontmatter>;
