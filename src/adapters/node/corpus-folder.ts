import { mkdir, rm } from 'node:fs/promises';
import { dirname, relative, resolve, sep } from 'node:path';
import { HelpdeskError } from '../../errors.js';
import type { CorpusFiles } from '../../ops/corpus-files.js';
import { writeFileAtomic } from './atomic-file.js';
import { readCorpusDir } from './fs-corpus.js';

/**
 * The `CorpusFiles` port over a folder on disk: files are written atomically (`writeFileAtomic`), so
 * the corpus watcher never indexes half a document. A path that would leave the folder is refused.
 * @param dir the corpus folder (`CORPUS_DIR`)
 */
export function corpusFolder(dir: string): CorpusFiles {
  const root = resolve(dir);
  const inside = (path: string): string => {
    const full = resolve(root, path);
    const rel = relative(root, full);
    if (rel === '' || rel.startsWith('..') || rel.split(sep).some((s) => s.startsWith('.'))) {
      throw new HelpdeskError('bad_request', `Stien ${path} ligger ikke i korpusmappen.`);
    }
    return full;
  };
  return {
    list: () => readCorpusDir(root),
    async write(path, content) {
      const full = inside(path);
      await mkdir(dirname(full), { recursive: true });
      await writeFileAtomic(full, new TextEncoder().encode(content));
    },
    async remove(path) {
      await rm(inside(path), { force: true });
    },
  };
}
