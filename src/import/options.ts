import { z } from 'zod';
import { DocumentKind } from '../corpus/frontmatter.js';

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'skal være en dato på formen ÅÅÅÅ-MM-DD');

/** How a source is imported. Parsed with `ImportOptions.parse(raw)`; every field has a default except `today`. */
export const ImportOptions = z.object({
  /** `kind` of every document whose file names no valid kind of its own. */
  kind: DocumentKind.default('guide'),
  /** `auto`: the file's own `language`/`lang` when it is da or en, else detected; `da`/`en`: that language for all. */
  language: z.enum(['da', 'en', 'auto']).default('auto'),
  /** `source.organisation` for files that name none; default the source's name. */
  organisation: z.string().min(1).optional(),
  /** Today, `YYYY-MM-DD`: `updated` of a file with no date and no modification time. */
  today: isoDate,
  /** Document ids already used elsewhere in the corpus; an imported id never takes one. */
  reservedIds: z.array(z.string()).default([]),
  /** Titles already used elsewhere in the corpus; an imported title that repeats one is qualified. */
  reservedTitles: z.array(z.string()).default([]),
});
export type ImportOptions = z.infer<typeof ImportOptions>;
/** `ImportOptions` as callers write them (defaults optional). */
export type ImportOptionsInput = z.input<typeof ImportOptions>;
