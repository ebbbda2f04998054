import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { SourceFile } from '../../corpus/types.js';
import { HelpdeskError } from '../../errors.js';

/**
 * Read every `.md` file under a corpus folder, recursively, as `SourceFile`s with corpus-relative
 * `/`-separated paths, sorted by path. Hidden folders (`.git`) and `node_modules` are skipped;
 * `_templates/` and `_meta/` are read but left out later by `loadCorpus`. A missing folder is a
 * `HelpdeskError('corpus_invalid')`.
 */
export async function readCorpusDir(dir: string): Promise<SourceFile[]> {
  const out: SourceFile[] = [];
  try {
    await walk(dir, '', out);
  } catch (cause) {
    if ((cause as NodeJS.ErrnoException).code === 'ENOENT' && out.length === 0) {
      throw new HelpdeskError(
        'corpus_invalid',
        `Korpusmappen ${dir} findes ikke: angiv en mappe med Markdown-dokumenter.`,
        {
          cause,
        },
      );
    }
    throw cause;
  }
  return out.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

async function walk(root: string, rel: string, out: SourceFile[]): Promise<void> {
  const entries = await readdir(rel ? join(root, rel) : root, { withFileTypes: true });
  for (const entry of entries) {
    if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
    const path = rel ? `${rel}/${entry.name}` : entry.name;
    if (entry.isDirectory()) {
      await walk(root, path, out);
    } else if (entry.isFile() && entry.name.toLowerCase().endsWith('.md')) {
      out.push({ path, content: await readFile(join(root, path), 'utf8') });
    }
  }
}

/** The text of `<dir>/_meta/synonyms.yaml`, or `undefined` when the file does not exist. */
export async function readSynonymsFile(dir: string): Promise<string | undefined> {
  try {
    return await readFile(join(dir, '_meta', 'synonyms.yaml'), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}
