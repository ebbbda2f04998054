import { describe, expect, it } from 'vitest';
import { type AnswerabilityFeatures, modelMargin } from '../../src/retrieval/answerability.js';
import { type AnswerabilityRun, fitAnswerability } from '../../src/retrieval/fit-answerability.js';

const ZERO: AnswerabilityFeatures = {
  coverage: 0,
  bodyCoverage: 0,
  topScore: 0,
  unknownShare: 0,
  matchedMass: 0,
  short: 0,
  long: 0,
  vector: 0,
  agreement: 0,
  realUnknown: 0,
  headingMatch: 0,
  proximity: 0,
  central: 0,
  peripheral: 0,
  domain: 0,
};

/** A run whose only signal is `coverage`: answerable ones are well covered, the others not. */
function run(i: number): AnswerabilityRun {
  const answerable = i % 2 === 0;
  const coverage = answerable ? 0.7 + (i % 7) / 30 : 0.1 + (i % 5) / 30;
  return { decision: { reason: 'model', features: { ...ZERO, coverage } }, answerable };
}

describe('fitAnswerability', () => {
  it('fits a model that answers the covered questions and refuses the others, and reports cross-validation', () => {
    const runs = Array.from({ length: 60 }, (_, i) => run(i));
    const { model, table } = fitAnswerability(runs);
    expect(model.weights.coverage).toBeGreaterThan(0);
    const correct = runs.filter((r) => modelMargin(model, r.decision.features) >= 0 === r.answerable).length;
    expect(correct).toBe(runs.length);
    expect(table).toMatch(/^fit on all 60: accuracy 1\.000/);
    expect(table).toMatch(/5-fold cross-validation/);
  });
});
