import { describe, expect, it } from 'vitest';
import { normalizeQuestion } from '../../src/text/normalize.js';
import { fixtureHelpdesk } from '../support/fixture-helpdesk.js';

describe('normalizeQuestion', () => {
  it('folds full-width letters, removes invisible characters and collapses whitespace', () => {
    expect(normalizeQuestion('Hvad er ＯＰＩ?')).toBe('Hvad er OPI?');
    expect(normalizeQuestion('cykel\u200Bhjelm\u00AD  til\uFEFF  børn')).toBe('cykelhjelm til børn');
  });
});

describe('a question with hidden characters', async () => {
  const { helpdesk } = await fixtureHelpdesk();

  it('is answered like the plain question', async () => {
    const plain = await helpdesk.ask({ question: 'Hvor mange elever testede cykelhjelmen?' });
    const hidden = await helpdesk.ask({ question: 'Hvor mange elever testede cykel\u200Bhjelmen\u2060?' });
    expect(hidden.answer).toBe(plain.answer);
  });
});
