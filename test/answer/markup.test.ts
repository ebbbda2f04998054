import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { neutralizeMarkup, noLinks, sourceLinkPolicy } from '../../src/answer/markup.js';

const own = sourceLinkPolicy('https://opi.example/helpdesk');

describe('neutralizeMarkup', () => {
  it('turns Markdown links and images into their text, and removes autolinks, HTML and reference definitions', () => {
    expect(
      neutralizeMarkup('Se [her](https://evil.example/x "titel") og ![logo](https://evil.example/p.png) [1].'),
    ).toBe('Se her og logo [1].');
    expect(
      neutralizeMarkup('Klik <a href="https://evil.example" onclick="x()">her</a><img src=x onerror=alert(1)>.'),
    ).toBe('Klik her.');
    expect(neutralizeMarkup('Før <!-- skjult --> efter <script>alert(1)</script>.')).toBe('Før efter.');
    expect(neutralizeMarkup('Tekst [a][ref] og <https://evil.example>.\n[ref]: https://evil.example')).toBe(
      'Tekst [a][ref] og.',
    );
  });

  it('removes URLs, www hosts and bare host names, keeping the punctuation after them', () => {
    expect(
      neutralizeMarkup('Se https://evil.example/login?x=1. Eller www.evil.org, evil.com/x og login.evil.dk!'),
    ).toBe('Se. Eller, og!');
    expect(neutralizeMarkup('Kør javascript:alert(1) eller data:text/html,x eller ftp://evil.example')).toBe(
      'Kør eller eller',
    );
  });

  it('leaves e-mail addresses, abbreviations, file names and numbers alone', () => {
    const text = 'Skriv til lrg@coi.dk, f.eks. om rapport.pdf, bl.a. m.fl. og 2.500 kr. (ca. 2,5 mio.) <5 >3';
    expect(neutralizeMarkup(text)).toBe(text);
  });

  it('keeps links to the service’s own source viewer, and only those', () => {
    const link = '[Rettigheder](https://opi.example/helpdesk/docs/fem-raad#rettigheder)';
    expect(neutralizeMarkup(`Se ${link} og https://opi.example/helpdesk/docs/a#b.`, own)).toBe(
      `Se ${link} og https://opi.example/helpdesk/docs/a#b.`,
    );
    for (const url of [
      'https://opi.example/docs/x',
      'https://opi.example/helpdesk/api/ask',
      'https://opi.example.evil.com/helpdesk/docs/x',
      'http://opi.example/helpdesk/docs/x',
      'https://evil.example/helpdesk/docs/x',
      'javascript:alert(1)//https://opi.example/helpdesk/docs/x',
    ]) {
      expect(own(url), url).toBe(false);
    }
    const relative = sourceLinkPolicy('');
    expect(relative('/docs/fem-raad#rettigheder')).toBe(true);
    expect(relative('//evil.example/docs/x')).toBe(false);
    expect(relative('/docs/../api/admin/escalations')).toBe(false);
    expect(own('https://opi.example/helpdesk/docs/../../admin')).toBe(false);
    expect(relative('https://evil.example/docs/x')).toBe(false);
  });

  it('never leaves a tag opening or a link to another host (e-mail addresses aside), whatever the input', () => {
    const piece = fc.constantFrom(
      '<',
      '>',
      'a',
      'img',
      ' src=x',
      'https://',
      'http:',
      '//',
      'www.',
      'evil.com',
      '.dk',
      'evil',
      '[',
      ']',
      '(',
      ')',
      '!',
      ' ',
      '.',
      '/',
      ':',
      'javascript:',
      '"',
      '\n',
      '-',
      '@',
      'opi.example',
      '#',
      '<!--',
      '-->',
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 40 }), (pieces) => {
        const out = neutralizeMarkup(pieces.join(''), noLinks);
        expect(out).not.toMatch(/<[a-z!?/]/i);
        expect(out).not.toMatch(
          /\b(?:https?:\/\/|www\.)\S|\bjavascript:\S|(?<![\w.@/-])evil\.(?:com|dk)(?![\w@-]|\.\w)/i,
        );
        expect(neutralizeMarkup(out)).toBe(out);
      }),
      { numRuns: 2000 },
    );
  });
});
