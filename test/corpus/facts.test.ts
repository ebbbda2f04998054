import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { z } from 'zod';
import { Frontmatter } from '../../src/corpus/frontmatter.js';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const corpusRoot = join(repoRoot, 'corpus');
const sourcesDir = join(repoRoot, '..', 'shared', 'sources');

/** Lower case, NFC, every run of whitespace collapsed to one space. */
const normalise = (s: string): string => s.normalize('NFC').toLowerCase().replace(/\s+/g, ' ').trim();

/** Word tokens (letters and digits) of a text, lower-cased; punctuation and Markdown markup drop out. */
const words = (s: string): string[] =>
  s
    .normalize('NFC')
    .toLowerCase()
    .match(/[\p{L}\p{N}]+/gu) ?? [];

interface CorpusFile {
  slug: string;
  path: string;
  folder: string;
  frontmatter: unknown;
  body: string;
  /** Normalised full text (frontmatter and body). */
  text: string;
}

function listMarkdown(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name.startsWith('_') ? [] : listMarkdown(full);
    return entry.name.endsWith('.md') ? [full] : [];
  });
}

function readCorpus(): CorpusFile[] {
  return listMarkdown(corpusRoot).map((path) => {
    const raw = readFileSync(path, 'utf8');
    const match = raw.match(/^---\r?\n([\s\S]*?)\r?\n---\r?\n([\s\S]*)$/);
    const rel = relative(corpusRoot, path).split('\\').join('/');
    return {
      slug: rel.split('/').pop()!.replace(/\.md$/, ''),
      path: rel,
      folder: rel.split('/')[0]!,
      frontmatter: match ? parse(match[1]!) : undefined,
      body: match ? match[2]! : raw,
      text: normalise(raw),
    };
  });
}

const SourceFacts = z.array(
  z.object({ source: z.string(), title: z.string(), facts: z.array(z.string().min(1)).min(1) }),
);

const Tag = z.enum([
  'number',
  'who',
  'when',
  'where',
  'list',
  'what',
  'paraphrase',
  'typo',
  'short',
  'long',
  'followup',
  'english',
  'offtopic',
  'nearmiss',
]);
const Question = z.object({
  id: z.string().regex(/^q\d{3}$/),
  question: z.string().min(1),
  expect: z.enum(['answer', 'abstain']),
  docs: z.array(z.string()),
  facts: z.array(z.string().min(1)),
  lang: z.enum(['da', 'en']),
  tags: z.array(Tag).min(1),
  history: z.array(z.object({ role: z.enum(['user', 'assistant']), content: z.string().min(1) })).optional(),
});
type Question = z.infer<typeof Question>;

const corpus = readCorpus();
const bySlug = new Map(corpus.map((doc) => [doc.slug, doc]));
const sourceFacts = SourceFacts.parse(parse(readFileSync(join(repoRoot, 'test/eval/source-facts.yaml'), 'utf8')));
const questions: Question[] = z
  .array(Question)
  .parse(parse(readFileSync(join(repoRoot, 'test/eval/questions.yaml'), 'utf8')));
const answerable = questions.filter((q) => q.expect === 'answer');
const hasTag = (tag: z.infer<typeof Tag>) => questions.filter((q) => q.tags.includes(tag)).length;

describe('corpus documents', () => {
  it('holds at least 18 documents with unique kebab-case ASCII slugs', () => {
    expect(corpus.length).toBeGreaterThanOrEqual(18);
    expect(new Set(corpus.map((d) => d.slug)).size).toBe(corpus.length);
    for (const doc of corpus) expect(doc.slug, doc.path).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
  });

  it('has valid frontmatter whose kind matches the folder', () => {
    for (const doc of corpus) {
      const result = Frontmatter.safeParse(doc.frontmatter);
      expect(result.success, `${doc.path}: ${result.error?.message ?? ''}`).toBe(true);
      expect(result.data?.kind, doc.path).toBe(doc.folder);
    }
  });

  it('has no H1 in the body and at least three ## sections', () => {
    for (const doc of corpus) {
      expect(doc.body, doc.path).not.toMatch(/^# /m);
      expect(doc.body.match(/^## /gm)?.length ?? 0, doc.path).toBeGreaterThanOrEqual(3);
    }
  });
});

describe('source facts are covered by the corpus', () => {
  it('lists at least 100 facts', () => {
    expect(sourceFacts.flatMap((g) => g.facts).length).toBeGreaterThanOrEqual(100);
  });

  for (const group of sourceFacts) {
    it(`covers every fact from ${group.source}`, () => {
      const missing = group.facts.filter((fact) => !corpus.some((doc) => doc.text.includes(normalise(fact))));
      expect(missing).toEqual([]);
    });
  }
});

describe('evaluation questions', () => {
  it('has unique ids and the required mix of question types', () => {
    expect(new Set(questions.map((q) => q.id)).size).toBe(questions.length);
    expect(questions.length).toBeGreaterThanOrEqual(130);
    expect(questions.filter((q) => q.expect === 'abstain').length).toBeGreaterThanOrEqual(25);
    expect(answerable.filter((q) => q.lang === 'en').length).toBeGreaterThanOrEqual(15);
    expect(hasTag('followup')).toBeGreaterThanOrEqual(10);
    expect(hasTag('paraphrase')).toBeGreaterThanOrEqual(15);
    expect(hasTag('typo')).toBeGreaterThanOrEqual(8);
    expect(hasTag('short')).toBeGreaterThanOrEqual(8);
    expect(hasTag('long')).toBeGreaterThanOrEqual(6);
  });

  it('gives abstain questions no docs and no facts, and answerable ones at least one of each', () => {
    for (const q of questions) {
      if (q.expect === 'abstain') {
        expect([q.docs, q.facts], q.id).toEqual([[], []]);
      } else {
        expect(q.docs.length, q.id).toBeGreaterThan(0);
        expect(q.facts.length, q.id).toBeGreaterThan(0);
      }
    }
  });

  it('gives follow-ups a history of alternating turns that ends with the assistant', () => {
    for (const q of questions.filter((item) => item.tags.includes('followup'))) {
      const roles = q.history?.map((turn) => turn.role) ?? [];
      expect(roles.length, q.id).toBeGreaterThanOrEqual(2);
      expect(roles, q.id).toEqual(roles.map((_, i) => (i % 2 === 0 ? 'user' : 'assistant')));
      expect(roles.length % 2, `${q.id} must end with the assistant`).toBe(0);
    }
  });

  it('refers only to documents that exist in the corpus', () => {
    const unknown = questions.flatMap((q) =>
      q.docs.filter((slug) => !bySlug.has(slug)).map((slug) => `${q.id}: ${slug}`),
    );
    expect(unknown).toEqual([]);
  });

  it('has every fact of an answerable question in at least one of its listed documents', () => {
    const unsupported = answerable.filter(
      (q) => !q.docs.some((slug) => q.facts.every((fact) => bySlug.get(slug)?.text.includes(normalise(fact)))),
    );
    expect(unsupported.map((q) => q.id)).toEqual([]);
  });

  it('lists only documents that actually hold the facts, so a retrieval hit means the answer was found', () => {
    const wrong = answerable.flatMap((q) =>
      q.docs
        .filter((slug) => !q.facts.every((fact) => bySlug.get(slug)?.text.includes(normalise(fact))))
        .map((slug) => `${q.id}: ${slug}`),
    );
    expect(wrong).toEqual([]);
  });
});

describe('own-words rule', () => {
  const haveSources = existsSync(sourcesDir);
  const title = 'shares no run of 12 or more consecutive words with a source article';

  it.skipIf(!haveSources)(
    haveSources ? title : `${title} — skipped: the source articles are not at ../shared/sources`,
    () => {
      const sourceGrams = new Map<string, string>();
      for (const name of readdirSync(sourcesDir).filter((f) => f.endsWith('.txt'))) {
        const tokens = words(readFileSync(join(sourcesDir, name), 'utf8'));
        for (let i = 0; i + 12 <= tokens.length; i++) sourceGrams.set(tokens.slice(i, i + 12).join(' '), name);
      }
      expect(sourceGrams.size).toBeGreaterThan(0);
      const copied: string[] = [];
      for (const doc of corpus) {
        const tokens = words(doc.body);
        for (let i = 0; i + 12 <= tokens.length; i++) {
          const gram = tokens.slice(i, i + 12).join(' ');
          const source = sourceGrams.get(gram);
          if (source) copied.push(`${doc.path} ↔ ${source}: "${gram}"`);
        }
      }
      expect(copied).toEqual([]);
    },
  );
});
