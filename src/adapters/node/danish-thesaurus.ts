import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { stemDanish } from '../../text/stem.js';
import { parseThesaurus, type Thesaurus } from '../../text/thesaurus.js';

/** Where the derived thesaurus lies: beside the sources (tsx) or two folders up from the bundle (dist/server). */
const CANDIDATES = ['../../text/data/thesaurus-da.txt', '../../src/text/data/thesaurus-da.txt'];

/**
 * The Danish thesaurus derived from MyThes `th_da_DK` (src/text/data/THESAURUS-LICENSE.md), or `undefined`
 * with no error when the file is absent (a trimmed deployment): expansion then uses the curated synonyms only.
 */
export async function loadDanishThesaurus(): Promise<Thesaurus | undefined> {
  const path = CANDIDATES.map((c) => fileURLToPath(new URL(c, import.meta.url))).find((p) => existsSync(p));
  return path ? parseThesaurus(await readFile(path, 'utf8'), stemDanish) : undefined;
}
