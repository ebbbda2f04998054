import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { writeFileAtomic } from './atomic-file.js';

/** File name of the corpus file list inside the index directory. */
export const CORPUS_FILES_FILE = 'corpus-files.json';

const FORMAT_VERSION = 1;

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

const Saved = z.object({
  formatVersion: z.number().int(),
  /** Id of the index artifact this list was saved with. */
  artifact: z.string(),
  files: z.array(KnownFile),
});

/** Milliseconds between a file's mtime and the moment it was read below which it counts as racy. */
export const RACY_MS = 2000;

/** Save the known files of the index saved as `artifact`, atomically. */
export async function saveKnownFiles(dir: string, artifact: string, files: Iterable<KnownFile>): Promise<void> {
  const body = JSON.stringify({ formatVersion: FORMAT_VERSION, artifact, files: [...files] });
  await writeFileAtomic(join(dir, CORPUS_FILES_FILE), new TextEncoder().encode(body));
}

/**
 * The known files saved with the artifact `artifact`, or undefined when the list is missing,
 * damaged, of another format or belongs to another artifact (then every file is read again).
 */
export async function loadKnownFiles(dir: string, artifact: string): Promise<KnownFile[] | undefined> {
  try {
    const parsed = Saved.safeParse(JSON.parse(await readFile(join(dir, CORPUS_FILES_FILE), 'utf8')));
    if (!parsed.success || parsed.data.formatVersion !== FORMAT_VERSION || parsed.data.artifact !== artifact) {
      return undefined;
    }
    return parsed.data.files;
  } catch {
    return undefined;
  }
}
