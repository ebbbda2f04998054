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
