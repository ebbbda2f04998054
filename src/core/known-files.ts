import { z } from 'zod';

const Issue = z.object({
  path: z.string(),
  message: z.string(),
  severity: z.enum(['error', 'warning']),
  field: z.string().optional(),
  line: z.number().int().optional(),
});

/** What the last index run knew about one corpus file. */
export const KnownFile = z.object({
  path: z.string(),
  size: z.number().nonnegative(),
  mtimeMs: z.number(),
  /** `hashString` of the raw text: equal to the indexed document's `hash` when the file is valid. */
  hash: z.string(),
  /** The document id the file was indexed under; absent when the file had errors. */
  docId: z.string().optional(),
  /** The problems found when the file was parsed (re-reported while it is unchanged). */
  issues: z.array(Issue),
  /**
   * True when the file was changed so shortly before it was read that an edit within the same
   * clock tick could keep size and time: such a file is read again next time.
   */
  racy: z.boolean(),
});
export type KnownFile = z.infer<typeof KnownFile>;

/** Milliseconds between a file's mtime and the moment it was read below which it counts as racy. */
export const RACY_MS = 2000;
