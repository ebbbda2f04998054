/**
 * `npx tsx scripts/build-thesaurus.ts th_da_DK.dat` — writes src/text/data/thesaurus-da.txt from the Danish
 * MyThes thesaurus (Debian: `apt-get download mythes-da && dpkg-deb -x mythes-da_*.deb x`, then
 * x/usr/share/mythes/th_da_DK.dat). Keeps single-word entries and synonyms of three or more lower-case letters,
 * drops narrower/broader terms and phrases, and merges a word's senses into one line `word|syn|syn|…`.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { runMain } from './lib/run-main.js';

const WORD = /^[a-zæøåéü]{3,}$/;

async function main(): Promise<number> {
  const source = process.argv[2];
  if (!source) throw new Error('Brug: npx tsx scripts/build-thesaurus.ts STI/th_da_DK.dat');
  const lines = (await readFile(source, 'utf8')).split('\n').slice(1);
  const entries = new Map<string, string[]>();
  for (let i = 0; i < lines.length; ) {
    const head = lines[i++]!;
    if (!head) continue;
    const bar = head.lastIndexOf('|');
    const word = head.slice(0, bar);
    const senses = lines.slice(i, i + Number(head.slice(bar + 1)));
    i += senses.length;
    if (!WORD.test(word)) continue;
    const synonyms: string[] = [];
    for (const sense of senses) {
      for (const s of sense
        .split('|')
        .slice(1)
        .map((x) => x.trim())) {
        if (!s.includes('(') && WORD.test(s) && s !== word && !synonyms.includes(s)) synonyms.push(s);
      }
    }
    if (synonyms.length > 0) entries.set(word, synonyms);
  }
  const out = [...entries.keys()]
    .sort()
    .map((w) => `${w}|${entries.get(w)!.join('|')}`)
    .join('\n');
  await writeFile('src/text/data/thesaurus-da.txt', `${out}\n`);
  console.log(`${entries.size} ord skrevet til src/text/data/thesaurus-da.txt`);
  return 0;
}

runMain(main);
