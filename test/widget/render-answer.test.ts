import { describe, expect, it } from 'vitest';
import { citedIds, stripMarkers } from '../../src/widget/render-answer.js';
import { toAnswer, toCitations } from '../../src/widget/types.js';

describe('answer markers', () => {
  it('lists the cited ids in order of first use, including grouped markers', () => {
    expect(citedIds('A [2]. B [1, 3]. C [2].')).toEqual([2, 1, 3]);
    expect(citedIds('Ingen kilder.')).toEqual([]);
  });

  it('strips markers for announcements', () => {
    expect(stripMarkers('Beskriv behovet [1]. Aftal roller [2, 3].')).toBe('Beskriv behovet. Aftal roller.');
  });
});

describe('untrusted answer JSON', () => {
  it('keeps well-formed citations and turns every field into a string', () => {
    expect(
      toCitations([
        { id: 1, docId: 'd', chunkId: 'd#a', title: { x: 1 }, section: 5, text: 't', url: 'u', score: 0.5 },
        { id: 'x' },
        null,
        { id: -1 },
      ]),
    ).toEqual([{ id: 1, docId: 'd', chunkId: 'd#a', title: '[object Object]', section: '5', text: 't', url: 'u' }]);
  });

  it('reads answered:false and the escalation offer, and rejects a body without answer text', () => {
    expect(
      toAnswer({ answer: 'Nej', answered: false, citations: 'x', escalation: { offered: true, message: 'Ring' } }),
    ).toEqual({ answer: 'Nej', answered: false, citations: [], escalation: { offered: true, message: 'Ring' } });
    expect(toAnswer({ answered: true })).toBeUndefined();
    expect(toAnswer('text')).toBeUndefined();
  });
});

describe('answerBlocks', async () => {
  const { answerBlocks } = await import('../../src/widget/render-answer.js');

  it('makes each run of bullet or numbered lines a list, also between sentences without blank lines', () => {
    expect(answerBlocks('Indledning [1]\n- Tempo: hurtigt [1]\n- Risiko: lav [1]\nEn sætning til sidst [2]')).toEqual([
      { kind: 'p', lines: ['Indledning [1]'] },
      { kind: 'ul', lines: ['Tempo: hurtigt [1]', 'Risiko: lav [1]'] },
      { kind: 'p', lines: ['En sætning til sidst [2]'] },
    ]);
    expect(answerBlocks('Fire typer: [1]\n1. OPI-mini [1]\n2. Innovationsindkøb [1]\n\nMere [2]')).toEqual([
      { kind: 'p', lines: ['Fire typer: [1]'] },
      { kind: 'ol', lines: ['OPI-mini [1]', 'Innovationsindkøb [1]'] },
      { kind: 'p', lines: ['Mere [2]'] },
    ]);
  });

  it('keeps a lone line that begins with a number as a sentence ("3. oktober blev …")', () => {
    expect(answerBlocks('3. oktober blev værkstederne holdt. [1]\nDe var i Aalborg. [1]')).toEqual([
      { kind: 'p', lines: ['3. oktober blev værkstederne holdt. [1]', 'De var i Aalborg. [1]'] },
    ]);
  });
});
