/**
 * `npm run new -- <kind> "Titel" [--corpus corpus] [--date ÅÅÅÅ-MM-DD]`
 * Creates corpus/<kind>/<slug>.md from corpus/_templates/<kind>.md and prints its path.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { DocumentKind } from '../src/corpus/frontmatter.js';
import { documentSlug, renderNewDocument } from '../src/ops/new-document.js';

const USAGE = `Brug: npm run new -- <${DocumentKind.options.join('|')}> "Titel" [--corpus mappe]`;

/** Today in local time, `YYYY-MM-DD`. */
function today(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/** Every existing document with this file name, in any kind folder (ids are unique across the corpus). */
function existingWithSlug(corpus: string, slug: string): string[] {
  const name = `${slug}.md`;
  return (readdirSync(corpus, { recursive: true }) as string[])
    .map((p) => p.split('\\').join('/'))
    .filter((p) => !p.split('/').some((s) => s.startsWith('_') || s.startsWith('.')) && p.split('/').pop() === name);
}

function main(): number {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      corpus: { type: 'string' },
      date: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const [kindArg, ...titleWords] = positionals;
  const kind = DocumentKind.safeParse(kindArg);
  if (!kind.success) {
    console.error(`Ukendt dokumenttype "${kindArg ?? ''}". ${USAGE}`);
    return 2;
  }
  const title = titleWords.join(' ').trim();
  const slug = documentSlug(title);
  if (!slug) {
    console.error(`Angiv en titel med bogstaver eller tal. ${USAGE}`);
    return 2;
  }
  const date = values.date ?? today();
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) {
    console.error(`--date skal have formen ÅÅÅÅ-MM-DD, ikke "${date}".`);
    return 2;
  }
  const corpus = values.corpus ?? process.env.CORPUS_DIR ?? 'corpus';
  const templatePath = join(corpus, '_templates', `${kind.data}.md`);
  if (!existsSync(templatePath)) {
    console.error(
      `Skabelonen ${templatePath} findes ikke. Læg en skabelon for "${kind.data}" dér, eller brug --corpus.`,
    );
    return 1;
  }
  const clash = existingWithSlug(corpus, slug);
  if (clash.length) {
    console.error(
      `Der findes allerede et dokument med id'et "${slug}": ${clash.map((p) => join(corpus, p)).join(', ')}. ` +
        'Vælg en anden titel; eksisterende filer overskrives aldrig.',
    );
    return 1;
  }
  const target = join(corpus, kind.data, `${slug}.md`);
  const text = renderNewDocument(readFileSync(templatePath, 'utf8'), { title, slug, date });
  try {
    // `wx` fails instead of overwriting, also if the file appeared meanwhile.
    writeFileSync(target, text, { flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') {
      console.error(`${target} findes allerede og overskrives ikke.`);
      return 1;
    }
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      console.error(`Mappen ${join(corpus, kind.data)} findes ikke. Opret den, eller brug --corpus.`);
      return 1;
    }
    throw error;
  }
  console.log(target);
  return 0;
}

try {
  process.exitCode = main();
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  process.exitCode = 1;
}
