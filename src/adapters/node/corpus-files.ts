import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { KnownFile } from '../../core/known-files.js';
import { writeFileAtomic } from './atomic-file.js';

/** File name of the corpus file list inside the index directory. */
export const CORPUS_FILES_FILE = 'corpus-files.json';

const FORMAT_VERSION = 1;

const Saved = z.object({
  formatVersion: z.number().int(),
  /** Id of the index artifact this list was saved with. */
  artifact: z.string(),
  files: z.array(KnownFile),
});

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
