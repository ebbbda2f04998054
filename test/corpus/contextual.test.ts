import { describe, expect, it } from 'vitest';
import { contextualText } from '../../src/corpus/contextual.js';

describe('contextualText', () => {
  it('prefixes the chunk text with the title and section path', () => {
    expect(
      contextualText({
        title: 'Fem råd',
        sectionPath: ['Råd 1', 'Kommunen'],
        text: 'En kommune er en driftsorganisation.',
      }),
    ).toBe('Fem råd\nRåd 1 › Kommunen\nEn kommune er en driftsorganisation.');
  });

  it('leaves out an empty section path', () => {
    expect(contextualText({ title: 'Fem råd', sectionPath: [], text: 'Indledning.' })).toBe('Fem råd\nIndledning.');
  });
});
