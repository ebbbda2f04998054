import { describe, expect, it } from 'vitest';
import { fixtureHelpdesk } from '../support/fixture-helpdesk.js';

describe('Retriever over the fixture corpus', async () => {
  const { helpdesk } = await fixtureHelpdesk();

  it('ranks the passage that holds the answer first', async () => {
    const { retrieval } = await helpdesk.explain({ question: 'Hvor mange elever testede cykelhjelmen?' });
    expect(retrieval.passages[0]!.chunk.docId).toBe('cykelhjelm');
    expect(retrieval.decision.answerable).toBe(true);
  });

  it('matches compounds through their parts (hjelm → cykelhjelm)', async () => {
    const { retrieval } = await helpdesk.explain({ question: 'Hvem udviklede hjelmen?' });
    expect(retrieval.passages[0]!.chunk.docId).toBe('cykelhjelm');
  });

  it('reaches Danish text from an English question through the glossary', async () => {
    const { retrieval, answer } = await helpdesk.explain({ question: 'Who developed the bicycle helmet in Sorø?' });
    expect(retrieval.passages.slice(0, 3).map((p) => p.chunk.docId)).toContain('cykelhjelm');
    expect(retrieval.query.english).toBe(true);
    expect(answer.answered).toBe(true);
  });

  it('tolerates a typo', async () => {
    const { retrieval } = await helpdesk.explain({ question: 'beslutningshastihed hos virksomheder' });
    expect(retrieval.passages[0]!.chunk.docId).toBe('forskelle');
  });

  it('refuses an off-topic question', async () => {
    const { retrieval, answer } = await helpdesk.explain({ question: 'Hvordan fornyer jeg mit pas på borgerservice?' });
    expect(retrieval.decision.answerable).toBe(false);
    expect(answer.answered).toBe(false);
  });

  it('refuses a question about a place the corpus never names', async () => {
    const { retrieval } = await helpdesk.explain({ question: 'Hvordan bruges samarbejdsformerne i Finland?' });
    expect(retrieval.decision.reason).toBe('unknown-name');
  });

  it('keeps the topic of earlier turns for an elliptic follow-up', async () => {
    const { retrieval } = await helpdesk.explain({
      question: 'Og hvor mange procent steg brugen?',
      history: [
        { role: 'user', content: 'Hvad handler casen om cykelhjelme i Sorø om?' },
        { role: 'assistant', content: 'Sorø Kommune udviklede en cykelhjelm til skolebørn.' },
      ],
    });
    expect(retrieval.passages[0]!.chunk.docId).toBe('cykelhjelm');
    expect(retrieval.passages[0]!.chunk.text).toContain('35 procent');
  });

  it('explains every candidate with named features', async () => {
    const results = await helpdesk.search('beslutningshastighed', 3, { debug: true });
    const debug = results[0]!.debug as { features: Record<string, number>; scores: { fused: number } };
    expect(Object.keys(debug.features)).toEqual(
      expect.arrayContaining(['coverage', 'proximity', 'headingMatch', 'typeFit', 'numbers', 'fused']),
    );
    expect(debug.scores.fused).toBeGreaterThan(0);
  });
});
