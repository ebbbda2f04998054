import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readEvalQuestions } from '../../scripts/lib/eval-questions.js';
import { scoreRuns } from '../../scripts/lib/evaluate.js';
import { runEval } from '../../scripts/lib/run-eval.js';

describe('evaluation on our Danish question set', async () => {
  const questions = await readEvalQuestions(resolve('test/eval/questions.yaml'));
  const report = scoreRuns(await runEval(questions, { corpusDir: resolve('corpus'), rounds: 1 }));

  it('has a question set of the agreed size and mix', () => {
    expect(questions.length).toBeGreaterThanOrEqual(120);
    expect(questions.filter((q) => q.expect === 'abstain').length).toBeGreaterThanOrEqual(20);
    expect(questions.filter((q) => q.lang === 'en').length).toBeGreaterThanOrEqual(10);
    expect(questions.filter((q) => q.history?.length).length).toBeGreaterThanOrEqual(10);
  });

  it('finds the right document in the top five (hit@5 ≥ 0.95)', () => {
    expect(report.hit5).toBeGreaterThanOrEqual(0.95);
  });

  it('abstains correctly (accuracy ≥ 0.90) and rarely refuses an answerable question (≤ 5 %)', () => {
    expect(report.abstentionAccuracy).toBeGreaterThanOrEqual(0.9);
    expect(report.falseAbstentions).toBeLessThanOrEqual(0.05);
  });

  it('never writes a [n] without a citation or a cited sentence outside its passage', () => {
    expect(report.danglingMarkers).toBe(0);
    expect(report.unsupportedMarkers).toBe(0);
  });

  it('answers English questions and follow-ups from the Danish corpus', () => {
    expect(report.englishHit5).toBeGreaterThanOrEqual(0.85);
    expect(report.followUpHit5).toBe(1);
  });
});
