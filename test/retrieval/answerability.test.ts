import { describe, expect, it } from 'vitest';
import { makeChunk } from '../support/index-fixtures.js';
import { DEFAULT_MODEL, decideAnswerability, modelMargin } from '../../src/retrieval/answerability.js';
import type { QueryAnalysis, TermGroup } from '../../src/retrieval/query.js';
import type { Passage } from '../../src/retrieval/types.js';

const group = (token: string, known = true, weight = 3, context = false): TermGroup => ({
  token,
  members: [{ term: token, credit: 1 }],
  weight,
  known,
  context,
});
const query = (groups: TermGroup[]): QueryAnalysis => ({
  text: 'spørgsmål',
  asked: 'spørgsmål',
  corrections: [],
  unrecognised: [],
  type: 'other',
  groups,
  lexicalTerms: [],
  numbers: [],
  english: false,
  domain: 0.5,
  maxIdf: 6,
  long: false,
  asking: 'spørgsmål',
  entities: [],
  askingEntities: [],
  referredPeople: [],
  focus: undefined,
  smallTalk: false,
  parts: [{ text: 'spørgsmål', type: 'other', tokens: new Set(['spørgsmål']) }],
  nth: undefined,
  hyphenated: [],
});
const passage = (coverage: number, score: number, text = 'skoletoilet hygiejne'): Passage => ({
  chunk: makeChunk(text),
  score,
  scores: { fused: 0.03, vector: 0.5, bm25Rank: 1, vectorRank: 1 },
  features: {
    coverage,
    bodyCoverage: coverage,
    headingMatch: 0,
    proximity: 1,
    numbers: 0.5,
    typeFit: 0.5,
    context: 0,
    fused: 1,
  },
});
const noEvidence = {
  missingEntities: [],
  unknownTerms: [],
  otherDesk: [],
  smallTalk: false,
  centralGroups: 1,
  typeOk: true,
  focusOk: true,
};

describe('decideAnswerability', () => {
  it('answers when the best passages cover the question well', () => {
    const d = decideAnswerability(query([group('skoletoilet'), group('hygiejn')]), [passage(1, 0.9)], noEvidence);
    expect(d.answerable).toBe(true);
    expect(d.reason).toBe('ok');
    expect(d.margin).toBeGreaterThan(0);
  });

  it('refuses when the question words are unknown to the corpus and nothing covers them', () => {
    const d = decideAnswerability(query([group('parkeringstilladelse', false, 6)]), [passage(0, 0.2)], noEvidence);
    expect(d.answerable).toBe(false);
    expect(d.reason).toBe('model');
    expect(d.features.unknownShare).toBe(1);
  });

  it('counts a word a top passage writes as it is as known, though its stem was too short to trust ("typer")', () => {
    const q = query([group('typer', false), group('samarbejd')]);
    expect(decideAnswerability(q, [passage(1, 0.9)], noEvidence).features.unknownShare).toBe(0.5);
    const d = decideAnswerability(q, [passage(1, 0.9)], { ...noEvidence, seen: ['typer'] });
    expect(d.features.unknownShare).toBe(0);
    expect(d.features.realUnknown).toBe(0);
  });

  it('refuses a question without content words, and one without passages', () => {
    expect(decideAnswerability(query([]), [passage(1, 1)], noEvidence).reason).toBe('no-content-words');
    expect(decideAnswerability(query([group('skoletoilet')]), [], noEvidence).reason).toBe('no-passages');
  });

  it('refuses when a name in the question is absent from the passages, or the answer type or focus is missing', () => {
    const q = query([group('skoletoilet')]);
    expect(decideAnswerability(q, [passage(1, 0.9)], { ...noEvidence, missingEntities: ['Sverige'] }).reason).toBe(
      'unknown-name',
    );
    expect(decideAnswerability(q, [passage(1, 0.9)], { ...noEvidence, typeOk: false }).reason).toBe('answer-type');
    expect(decideAnswerability(q, [passage(1, 0.9)], { ...noEvidence, focusOk: false }).reason).toBe('focus');
    expect(decideAnswerability(q, [passage(1, 0.9)], { ...noEvidence, otherDesk: ['barsel'] }).reason).toBe(
      'other-desk',
    );
  });

  it('context groups from earlier turns do not count as required', () => {
    const d = decideAnswerability(
      query([group('skoletoilet'), group('vesthimmerland', true, 3, true)]),
      [passage(1, 0.9)],
      noEvidence,
    );
    expect(d.features.coverage).toBe(1);
    expect(d.missing).toEqual([]);
  });

  it('never reports a word of an everyday expression as a topic the corpus lacks ("vasken" of "gå i vasken")', () => {
    const sink = { ...group('vasken', false), figurative: true };
    const d = decideAnswerability(
      query([group('skoletoilet'), sink, group('lotteri', false)]),
      [passage(1, 0.9)],
      noEvidence,
    );
    expect(d.missing).toEqual(['lotteri']);
  });

  it('the model margin is the bias plus the weighted features', () => {
    const f = decideAnswerability(query([group('x')]), [passage(0.5, 0.5)], noEvidence).features;
    let expected = DEFAULT_MODEL.bias;
    for (const [k, w] of Object.entries(DEFAULT_MODEL.weights)) expected += w * f[k as keyof typeof f];
    expect(modelMargin(DEFAULT_MODEL, f)).toBeCloseTo(expected, 10);
  });
});
