import { cpSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { loadConfig } from '../../src/config.js';
import { silentLogger } from '../../src/logger.js';
import type { RetrievalStages } from '../../src/retrieval/retriever.js';
import { createNodeHelpdesk } from '../../src/runtime/node-helpdesk.js';

/** A copy of the small test corpus in a temp dir (tests may edit it). */
export function copyFixtureCorpus(): string {
  const dir = mkdtempSync(join(tmpdir(), 'opi-corpus-'));
  cpSync(resolve('test/fixtures/helpdesk-corpus'), dir, { recursive: true });
  return dir;
}

/** A guide of the tests: its front matter (source "Testkilde", "Testartikel om <about>") and one section. */
export interface TestGuide {
  title: string;
  kind?: string;
  summary: string;
  tags: string[];
  /** The source article's topic: its title is "Testartikel om <about>". */
  about: string;
  heading: string;
  /** The section's lines. */
  lines: string[];
}

/** The Markdown of a `TestGuide`. */
export function testGuide(guide: TestGuide): string {
  return [
    '---',
    `title: "${guide.title}"`,
    `kind: ${guide.kind ?? 'guide'}`,
    `summary: "${guide.summary}"`,
    `tags: [${guide.tags.join(', ')}]`,
    'source:',
    '  organisation: "Testkilde"',
    `  title: "Testartikel om ${guide.about}"`,
    'updated: "2026-11-01"',
    '---',
    '',
    `## ${guide.heading}`,
    '',
    ...guide.lines,
    '',
  ].join('\n');
}

/** A copy of the fixture corpus with `guide` added as `guide/<file>`. */
export function fixtureCorpusWith(file: string, guide: TestGuide): string {
  const dir = copyFixtureCorpus();
  writeFileSync(join(dir, 'guide', file), testGuide(guide));
  return dir;
}

/** An in-memory help desk over a corpus directory (the small fixture by default). */
export async function fixtureHelpdesk(corpusDir = resolve('test/fixtures/helpdesk-corpus'), stages?: RetrievalStages) {
  const config = loadConfig({ CORPUS_DIR: corpusDir, WATCH_CORPUS: 'false' });
  const made = await createNodeHelpdesk({
    config,
    logger: silentLogger,
    inMemory: true,
    ...(stages ? { stages } : {}),
  });
  await made.manager.open();
  return made;
}
