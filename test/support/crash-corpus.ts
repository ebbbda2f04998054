import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const WORDS = [
  'samarbejde',
  'kommune',
  'virksomhed',
  'innovation',
  'borger',
  'løsning',
  'behov',
  'aftale',
  'udbud',
  'partnerskab',
  'velfærd',
  'teknologi',
  'region',
  'projekt',
  'rettigheder',
  'dialog',
  'marked',
  'test',
  'evaluering',
  'risiko',
  'økonomi',
  'ledelse',
  'forankring',
  'skalering',
  'indkøb',
  'jura',
  'data',
];

/** Deterministic pseudo-random words (a tiny LCG), so every run indexes the same text. */
function words(seed: number, n: number): string {
  let x = seed * 2654435761;
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    x = (x * 1103515245 + 12345) >>> 0;
    out.push(WORDS[x % WORDS.length]!);
  }
  return out.join(' ');
}

/** Text of one generated document; `version` changes every section's text. */
export function documentText(i: number, version = 0): string {
  const sections = Array.from({ length: 6 }, (_, s) => {
    const sentences = Array.from({ length: 5 }, (_, k) => `${words(i * 1000 + s * 10 + k + version * 7919, 14)}.`);
    return `## Afsnit ${s + 1} om ${words(i + s, 2)}\n\n${sentences.join(' ')}\n`;
  });
  return `---
title: "Dokument ${i} om ${words(i, 2)}"
kind: guide
summary: "Et genereret dokument til nedbrudstest nummer ${i}."
tags: [test]
source:
  organisation: "Testkilde"
  title: "Genereret"
updated: "2024-01-01"
---

${sections.join('\n')}`;
}

/** Write `count` generated documents into `dir/guide/` (version 0 unless given). */
export function writeCorpus(dir: string, count: number, version = 0, from = 0): void {
  mkdirSync(join(dir, 'guide'), { recursive: true });
  for (let i = from; i < from + count; i++) writeFileSync(join(dir, 'guide', `dok-${i}.md`), documentText(i, version));
}
