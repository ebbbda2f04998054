import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readCorpusDir } from '../../src/adapters/node/fs-corpus.js';
import { importToDirectory, type SourceReport } from '../../src/adapters/node/import-files.js';
import { chunkDocument } from '../../src/corpus/chunk.js';
import { loadCorpus } from '../../src/corpus/load-corpus.js';
import type { Chunk, Document } from '../../src/corpus/types.js';
import { checkCorpus } from '../../src/ops/corpus-check.js';
import { generateDocTree, type TreeFact, type TreeFile } from './doc-tree.js';

/** A Danish document already in the corpus whose id and title the import must not take. */
const DANISH = `---
title: "Getting started"
kind: guide
summary: "Kom i gang med OPI."
tags: [opi]
source:
  organisation: "OPI-sekretariatet"
  title: "Kom i gang"
updated: "2025-01-01"
language: da
---

## Første skridt

Et OPI-samarbejde begynder med et behov, som kommunen og virksomheden deler.
`;

describe('importing a 1,000-file documentation tree written for another tool', () => {
  let root: string;
  let tree: { files: TreeFile[]; facts: TreeFact[] };
  let report: SourceReport;
  let documents: Document[];
  let chunks: Chunk[];
  let seconds: number;

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'import-tree-'));
    tree = generateDocTree();
    const source = join(root, 'acme-docs');
    await Promise.all(
      tree.files.map(async (f) => {
        await mkdir(dirname(join(source, f.path)), { recursive: true });
        await writeFile(join(source, f.path), f.text);
      }),
    );
    await mkdir(join(root, 'corpus', 'guide'), { recursive: true });
    await writeFile(join(root, 'corpus', 'guide', 'getting-started.md'), DANISH);

    const started = performance.now();
    [report] = (await importToDirectory({
      sources: [source],
      corpusDir: join(root, 'corpus'),
      options: { today: '2025-06-01' },
    })) as [SourceReport];
    seconds = (performance.now() - started) / 1000;
    documents = loadCorpus(await readCorpusDir(join(root, 'corpus'))).documents;
    chunks = documents.flatMap((d) => chunkDocument(d));
  });

  afterAll(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it('writes into corpus/imported/<source name>/ in one call, in well under 30 seconds', () => {
    expect(tree.files.length).toBeGreaterThanOrEqual(1000);
    expect(report.into).toBe(join(root, 'corpus', 'imported', 'acme-docs'));
    expect(seconds).toBeLessThan(30);
  });

  it('turns at least 95 % of the source files into documents', () => {
    expect(report.written.length / tree.files.length).toBeGreaterThanOrEqual(0.95);
    expect(documents.length).toBe(report.written.length + 1);
  });

  it('passes corpus:check with no errors', async () => {
    const problems = checkCorpus(await readCorpusDir(join(root, 'corpus')));
    expect(problems.filter((p) => p.severity === 'error')).toEqual([]);
  });

  it('leaves no template markup in any chunk', () => {
    expect(chunks.length).toBeGreaterThan(documents.length);
    expect(chunks.filter((c) => /\{\{[<%]|[%>]\}\}/.test(c.text)).map((c) => c.id)).toEqual([]);
  });

  it('skips the draft and the include-only files, each with a reason', () => {
    const reasons = new Map(report.skipped.map((s) => [s.sourcePath, s.reason]));
    expect(reasons.get('guides/plugins/limits/index.md')).toMatch(/kladde/);
    expect(reasons.get('includes/support.md')).toMatch(/include/);
    expect(reasons.get('includes/versions.md')).toMatch(/include/);
    expect(reasons.get('includes/licence.md')).toMatch(/headless/);
    expect(report.skipped.length).toBe(4);
  });

  it('names documents by their path, _index.md and index.md by their folder, so nothing collides', () => {
    const ids = new Set(documents.map((d) => d.docId));
    expect(ids.has('acme-docs')).toBe(true); // the top _index.md
    expect(ids.has('guides')).toBe(true);
    expect(ids.has('guides-backups')).toBe(true);
    expect(ids.has('guides-backups-overview')).toBe(true); // guides/backups/overview/index.md
    expect(ids.has('guides-backups-install')).toBe(true); // guides/backups/install.md
    // the corpus already has `getting-started`: the section takes the source's name in front
    expect(ids.has('acme-docs-getting-started')).toBe(true);
    expect(documents.find((d) => d.docId === 'getting-started')!.meta.language).toBe('da');
  });

  it("maps the other tool's front matter and writes language: en", () => {
    const doc = documents.find((d) => d.docId === 'guides-backups-install')!;
    expect(doc.meta).toMatchObject({
      summary: 'Install for the backups in guides.',
      language: 'en',
      kind: 'guide',
    });
    expect(doc.meta.tags).toEqual(expect.arrayContaining(['backups', 'install', 'acme', 'Guides']));
    expect(documents.filter((d) => d.path.startsWith('imported/')).every((d) => d.meta.language === 'en')).toBe(true);
  });

  it('keeps every fact of every imported page', () => {
    const text = new Map(documents.map((d) => [d.docId, d.body]));
    const imported = new Map(report.written.map((w) => [w.sourcePath, w.id]));
    const missing = tree.facts.filter(
      (f) => imported.has(f.path) && !text.get(imported.get(f.path)!)?.includes(f.fact),
    );
    expect(missing).toEqual([]);
  });

  it('rewrites relative links between imported pages to /docs/<id> and removes the rest with a warning', () => {
    const doc = documents.find((d) => d.docId === 'guides-backups-upgrading')!; // guides/backups/upgrading/index.md
    expect(doc.body).toContain('[monitoring page](/docs/guides-backups-monitoring)');
    expect(doc.body).toContain('[section overview](/docs/guides-backups)');
    expect(doc.body).toMatch(/\[API reference\]\(\/docs\/reference-backups-[a-z]+\)/);
    expect(doc.body).not.toContain('does-not-exist');
    const written = report.written.find((w) => w.id === 'guides-backups-upgrading')!;
    expect(written.warnings.join('\n')).toMatch(/link\(s\) fjernet.*does-not-exist\.md/);
  });

  it('turns shortcodes into Markdown where their meaning is clear and warns about the rest', () => {
    const byId = new Map(documents.map((d) => [d.docId, d.body]));
    const warned = new Map(report.written.map((w) => [w.id, w.warnings.join('\n')]));
    const note = [...byId.values()].find((b) => b.includes('> **Note:** Restart'));
    expect(note).toBeDefined();
    expect([...byId.values()].some((b) => /```yaml\n[a-z-]+:\n {2}[a-z]+: \d+\n```/.test(b))).toBe(true);
    expect([...byId.values()].some((b) => b.includes('**Linux**\n\nRun `acmectl'))).toBe(true);
    expect([...byId.values()].some((b) => b.includes('> **Careful:** Changing'))).toBe(true);
    expect([...byId.values()].some((b) => b.includes('This page applies to Acme Platform 4.x and later.'))).toBe(true);
    expect([...warned.values()].some((w) => /`\{\{< gist >\}\}`/.test(w))).toBe(true);
  });

  it('gives repeated titles their section, so every title is unique', () => {
    const titles = documents.map((d) => d.meta.title.toLowerCase());
    expect(new Set(titles).size).toBe(titles.length);
    expect(documents.find((d) => d.docId === 'guides-backups-configuration')!.meta.title).toBe(
      'Configuration (Backups guides)',
    );
  });
});
