import { describe, expect, it } from 'vitest';
import { questionEntities } from '../../src/retrieval/evidence.js';

describe('questionEntities', () => {
  it('finds names and acronyms inside the question, not its first word', () => {
    expect(questionEntities('Hvordan arbejder Odense Kommune med OPI?')).toEqual(['Odense', 'Kommune', 'OPI']);
    expect(questionEntities('Hvad er innovation?')).toEqual([]);
  });

  it('counts the names of Danish acts (lower-case compounds on -loven) as names', () => {
    expect(questionEntities('Hvad siger forvaltningsloven om aktindsigt?')).toEqual(['forvaltningsloven']);
    expect(questionEntities('Hvad står der i loven?')).toEqual([]);
  });
});
