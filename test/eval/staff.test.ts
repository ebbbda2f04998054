import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { chunksOf, miniSearchBaseline, oramaBaseline } from '../../scripts/lib/baselines.js';
import { classRows } from '../../scripts/lib/class-report.js';
import { readEvalQuestions } from '../../scripts/lib/eval-questions.js';
import { scoreRuns } from '../../scripts/lib/evaluate.js';
import { askAll, openEvalHelpdesk } from '../../scripts/lib/run-eval.js';

// The held-out test half of the staff-style set (never tuned on). The floors guard what is reached today
// (README, "Målt kvalitet"); the targets are higher and not all met yet.
describe('staff-style questions, held-out test half', async () => {
  const questions = await readEvalQuestions(resolve('test/eval/staff/test.yaml'));
  const helpdesk = await openEvalHelpdesk({ corpusDir: resolve('corpus') });
  const runs = await askAll(helpdesk, questions, 1);
  const chunks = await chunksOf(helpdesk);
  const rows = await classRows(runs, [miniSearchBaseline(chunks), await oramaBaseline(chunks)]);
  const row = (name: string) => rows.find((r) => r.name === name)!;

  it('is the agreed mix, written apart from the corpus and split once', () => {
    expect(questions.length).toBeGreaterThanOrEqual(125);
    expect(questions.filter((q) => q.class === 'offtopic').length).toBeGreaterThanOrEqual(30);
    expect(questions.filter((q) => q.class === 'nearmiss').length).toBeGreaterThanOrEqual(20);
  });

  it('finds the right passage in the top five well ahead of MiniSearch and Orama over the same chunks', () => {
    const all = row('all answerable');
    expect(all.hit5).toBeGreaterThanOrEqual(0.8);
    expect(all.hit5! - Math.max(...Object.values(all.baselines))).toBeGreaterThanOrEqual(0.15);
  });

  it('declines most off-topic and near-miss questions while rarely refusing an answerable one', () => {
    expect(row('offtopic').declined).toBeGreaterThanOrEqual(0.85);
    expect(row('nearmiss').declined).toBeGreaterThanOrEqual(0.5);
    expect(row('all answerable').refused).toBeLessThanOrEqual(0.12);
  });

  it('never writes a [n] without a citation or a cited sentence outside its passage', () => {
    const report = scoreRuns(runs);
    expect(report.danglingMarkers).toBe(0);
    expect(report.unsupportedMarkers).toBe(0);
  });
});
