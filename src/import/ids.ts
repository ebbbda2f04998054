import { slugify } from '../corpus/slug.js';
import { dirName, isIndexFile, stripExtension } from './paths.js';

/** Longest slug kept from one path segment. */
const MAX_SEGMENT = 60;

/**
 * The document id of a source file: its path relative to the source, slugged segment by segment and
 * joined with `-` (`guides/install/setup.md` → `guides-install-setup`), so files with the same name in
 * different folders never collide. An `index.md`, `_index.md` or `README.md` takes its folder's name;
 * at the top of the source, the source's name.
 */
export function documentIdOf(path: string, sourceName: string): string {
  const logical = isIndexFile(path) ? dirName(path) : stripExtension(path);
  const segments = logical
    .split('/')
    .map((s) => slugify(s, { maxLength: MAX_SEGMENT, fallback: '' }))
    .filter(Boolean);
  const id = segments.join('-');
  return id || slugify(sourceName, { fallback: 'dokument' });
}

/**
 * `id`, or when `taken` has it, the id with the source's name in front, then `-2`, `-3`, …
 * The returned id is added to `taken`.
 */
export function claimId(id: string, taken: Set<string>, sourceName: string): string {
  let claimed = id;
  if (taken.has(claimed)) {
    const prefix = slugify(sourceName, { fallback: 'import' });
    if (!id.startsWith(`${prefix}-`) && id !== prefix) claimed = `${prefix}-${id}`;
  }
  const base = claimed;
  for (let n = 2; taken.has(claimed) || claimed === 'readme'; n++) claimed = `${base}-${n}`;
  taken.add(claimed);
  return claimed;
}
