import { describe, expect, it } from 'vitest';
import { mineRelations } from '../../src/retrieval/corpus-relations.js';
import { FuzzyVocabulary } from '../../src/retrieval/fuzzy.js';
import { analyzeQuery } from '../../src/retrieval/query.js';
import { createDanishAnalyzer } from '../../src/text/index.js';
import { vocabularyIndex } from '../support/index-fixtures.js';

const analyzer = createDanishAnalyzer();
const filler = Array.from({ length: 100 }, (_, i) => `Sætning nummer ${i} handler om skolen og eleverne.`).join(' ');
const corpus = [
  'Økonomien er delt op i anlæg og drift. Anlæg er køb, drift er det daglige.',
  'Kommunen skelner mellem anlæg og drift i budgettet.',
  'Cykelhjelme blev testet på skolen.',
  filler,
];

describe('mineRelations', () => {
  const relations = mineRelations(corpus, analyzer);
  const related = (word: string) => relations.related(analyzer.terms(word)[0]!).map((r) => r.term);

  it('relates terms the corpus writes in the same sentences, both ways', () => {
    expect(related('anlæg')).toContain(analyzer.terms('drift')[0]);
    expect(related('drift')).toContain(analyzer.terms('anlæg')[0]);
  });

  it('needs two shared sentences: one is chance', () => {
    expect(related('cykelhjelme')).toEqual([]);
  });

  it('leaves out a term that is in most sentences ("skolen" here): it relates to nothing in particular', () => {
    expect(related('skolen')).toEqual([]);
    expect(relations.related(analyzer.terms('anlæg')[0]!).map((r) => r.term)).not.toContain(
      analyzer.terms('skolen')[0],
    );
  });

  it('gives each relation a strength between 0 and 1, strongest first', () => {
    const list = relations.related(analyzer.terms('anlæg')[0]!);
    expect(list.length).toBeGreaterThan(0);
    for (const r of list) expect(r.strength).toBeGreaterThan(0);
    for (const r of list) expect(r.strength).toBeLessThanOrEqual(1);
    expect([...list].sort((a, b) => b.strength - a.strength)).toEqual(list);
  });
});

describe('analyzeQuery with corpus relations', () => {
  const words = new Set(corpus.flatMap((t) => analyzer.terms(t)));
  const index = vocabularyIndex(words);
  const relations = mineRelations(corpus, analyzer);
  const analyse = (withRelations: boolean) =>
    analyzeQuery('Hvad koster anlæg?', analyzer, index, new FuzzyVocabulary(words), {
      expand: false,
      ...(withRelations ? { relations } : {}),
    });
  const drift = analyzer.terms('drift')[0]!;

  it('adds the related terms to the lexical leg with less weight, never as words the question must cover', () => {
    const q = analyse(true);
    const term = q.lexicalTerms.find((t) => t.term === drift);
    expect(term).toBeDefined();
    expect(term!.weight).toBeLessThan(1);
    expect(q.groups.flatMap((g) => g.members.map((m) => m.term))).not.toContain(drift);
    expect(analyse(false).lexicalTerms.map((t) => t.term)).not.toContain(drift);
  });
});
