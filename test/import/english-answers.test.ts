import { cpSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importToDirectory } from '../../src/adapters/node/import-files.js';
import { openEvalHelpdesk } from '../../scripts/lib/run-eval.js';
import { generateDocTree } from './doc-tree.js';

// English questions over an imported English tree beside the Danish corpus: each English document is analysed
// in English, a question in both languages, and "(Answered from Danish sources.)" is said only when true.
describe('answers from an imported English documentation tree, beside the Danish corpus', async () => {
  const root = mkdtempSync(join(tmpdir(), 'english-answers-'));
  const tree = generateDocTree();
  const source = join(root, 'acme-docs');
  for (const f of tree.files) {
    mkdirSync(dirname(join(source, f.path)), { recursive: true });
    writeFileSync(join(source, f.path), f.text);
  }
  writeFileSync(
    join(source, 'reference', 'html-export.md'),
    '---\ntitle: "HTML export"\ndescription: "Exporting reports."\n---\n\nReports can be exported as HTML over the web server, under the reports menu.\n',
  );
  const corpus = join(root, 'corpus');
  cpSync(resolve('corpus'), corpus, { recursive: true });
  await importToDirectory({ sources: [source], corpusDir: corpus, options: { today: '2025-06-01' } });
  const helpdesk = await openEvalHelpdesk({ corpusDir: corpus });

  // every 25th page: "What port does the <topic> <page> setting in <section> default to?"
  const sample = tree.facts.filter((_, i) => i % 25 === 0);
  const runs = await Promise.all(
    sample.map(async (f) => {
      const [section, topic, page] = f.path.replace(/(\/index)?\.md$/, '').split('/');
      const port = f.fact.match(/port (\d+)/)![1]!;
      const question = `What port does the ${topic!.replace(/-/g, ' ')} ${page} setting in ${section!.replace(/-/g, ' ')} default to?`;
      const { answer, retrieval } = await helpdesk.explain({ question });
      const hit = retrieval.passages.slice(0, 5).some((p) => p.chunk.text.includes(`port ${port}`));
      return { question, hit, fact: answer.answer.includes(port), answer };
    }),
  );

  it('finds the right passage in the top five for ≥ 0.90 of the questions and states the fact for ≥ 0.80', () => {
    expect(sample.length).toBeGreaterThanOrEqual(30);
    expect(runs.filter((r) => r.hit).length / runs.length).toBeGreaterThanOrEqual(0.9);
    expect(runs.filter((r) => r.fact).length / runs.length).toBeGreaterThanOrEqual(0.8);
  });

  it('does not say the answer came from Danish sources when it cites only English ones', () => {
    for (const r of runs.filter((x) => x.answer.answered)) {
      expect(r.answer.answer).not.toContain('Answered from Danish sources');
    }
  });

  it('finds an English word that is a Danish stop word ("html") in an English document', async () => {
    const results = await helpdesk.search('html', 5);
    expect(results.map((r) => r.docId)).toContain(results.find((r) => /html/i.test(r.text))?.docId);
    expect(results.some((r) => r.text.includes('exported as HTML'))).toBe(true);
  });

  it('still declines questions that neither corpus covers', async () => {
    for (const question of ['What will the weather be like in Aarhus tomorrow?', 'How do I book a meeting room?']) {
      expect((await helpdesk.ask({ question })).answered).toBe(false);
    }
  });

  it('still answers a Danish question from the Danish documents', async () => {
    const answer = await helpdesk.ask({ question: 'Hvad står forkortelsen OPI for?' });
    expect(answer.answered).toBe(true);
    expect(answer.answer.toLowerCase()).toContain('offentlig-privat innovation');
  });
});
