import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { MAX_MARKER, markerNumbers, segmentAnswer, settledLength } from '../../../src/answer/chat/segment.js';

describe('markerNumbers', () => {
  it('expands ranges and lists', () => {
    expect(markerNumbers('[1, 3-5]')).toEqual([1, 3, 4, 5]);
    expect(markerNumbers('[2][2]')).toEqual([2]);
  });

  it('never expands a range past the passage count', () => {
    expect(markerNumbers('[2-900]', 4)).toEqual([2, 3, 4]);
  });

  it('returns an out-of-range marker as written, without expanding it', () => {
    expect(markerNumbers('[7-9]', 3)).toEqual([7]);
    expect(markerNumbers(`[${MAX_MARKER + 1}-${MAX_MARKER + 40}]`)).toEqual([MAX_MARKER + 1]);
  });

  it('drops a number that is not a safe integer', () => {
    expect(markerNumbers('[9007199254740993]')).toEqual([]);
    expect(markerNumbers('[1-9007199254740993]', 3)).toEqual([1, 2, 3]);
    expect(markerNumbers(`[${'9'.repeat(400)}]`)).toEqual([]);
  });
});

describe('a hostile model answer', () => {
  // Run in a child process: before the fix the loop never ended and would have hung the test runner itself.
  it('with a marker of 2^53 + 1 or more is segmented at once', () => {
    const script = `
      const { checkAnswer } = await import('./src/answer/chat/check.ts');
      const passage = { chunk: { title: 'T', section: 'S', text: 'Et partnerskab udvikler en løsning.' } };
      const answers = ['Et partnerskab udvikler en løsning [9007199254740993].',
        'Et partnerskab udvikler en løsning [9007199254740992-9007199254740999].',
        'Et partnerskab udvikler en løsning [1-9007199254740993].'];
      for (const a of answers) checkAnswer(a, [passage]);
      console.log('done');`;
    const run = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      timeout: 20_000,
      encoding: 'utf8',
    });
    expect(run.signal).toBeNull();
    expect(run.stdout.trim()).toBe('done');
  });

  it('keeps segmenting normally after a huge marker', () => {
    const blocks = segmentAnswer('Første sætning [9007199254740993]. Anden sætning [1].', 2);
    expect(blocks[0]!.sentences.map((s) => s.markers)).toEqual([[], [1]]);
  });
});

describe('a long line the model controls', () => {
  it('is segmented in linear time, even when no boundary splits it (each word was re-read from the start)', () => {
    const line = `${'Brug f.eks. '.repeat(16_000)}Slut.`; // 192 KB: took 8 s before
    const started = performance.now();
    const [block] = segmentAnswer(line);
    expect(performance.now() - started).toBeLessThan(1000);
    expect(block!.sentences).toHaveLength(1);
  });
});

describe('settledLength', () => {
  const settled = (t: string) => t.slice(0, settledLength(t));

  it('settles a sentence once the next one has begun with text, with the markers that follow it', () => {
    expect(settled('Første sætning [1]. Anden')).toBe('Første sætning [1]. ');
    expect(settled('Første sætning. [1] [2] Anden')).toBe('Første sætning. [1] [2]');
    expect(settled('Første sætning. [1')).toBe('');
    expect(settled('Første sætning. [1] ')).toBe('');
    expect(settled('Første sætning. ')).toBe('');
    expect(settled('Se f.eks. Aalborg')).toBe('');
  });

  it('settles whole lines, and list items by their sentences', () => {
    expect(settled('Linje et\n- Punkt to. Tre')).toBe('Linje et\n- Punkt to. ');
    expect(settled('Linje et\n- Punkt')).toBe('Linje et\n');
  });

  it('never settles text whose sentences or markers the rest of the answer would change', () => {
    const piece = fc.constantFrom(
      'Tekst',
      ' ',
      '. ',
      'Ny',
      '[1]',
      '[2',
      ']',
      '\n',
      '- ',
      '1. ',
      'f.eks.',
      '! ',
      'a',
      '2016',
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 30 }), fc.nat(), (pieces, cut) => {
        const whole = pieces.join('');
        const prefix = whole.slice(0, cut % (whole.length + 1));
        const done = settled(prefix);
        expect(whole.startsWith(done)).toBe(true);
        const blocks = segmentAnswer(done);
        const all = segmentAnswer(whole);
        // Every settled block is the same in the whole answer, but the last may still grow.
        blocks.forEach((b, i) => {
          if (i < blocks.length - 1) expect(all[i]).toEqual(b);
          else {
            expect(all[i]!.prefix).toBe(b.prefix);
            expect(all[i]!.sentences.slice(0, b.sentences.length)).toEqual(b.sentences);
          }
        });
      }),
      { numRuns: 3000 },
    );
  });
});
