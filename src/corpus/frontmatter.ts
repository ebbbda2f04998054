import { z } from 'zod';

/** The kinds of document the corpus holds; each lives in `corpus/<kind>/`. */
export const DocumentKind = z.enum(['guide', 'case', 'advice', 'event', 'faq']);
export type DocumentKind = z.infer<typeof DocumentKind>;

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'skal være en dato på formen ÅÅÅÅ-MM-DD');

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
