import { describe, expect, it } from 'vitest';
import type { AnswerResponse, Citation } from '../../../src/answer/types.js';
import { decodeAnswerRef } from '../../../src/channels/shared/answer-ref.js';
import { escapeMrkdwn, formatSlackAnswer, toSlackMrkdwn } from '../../../src/channels/slack/format.js';
import { FAKE_ANSWER, FAKE_UNANSWERED } from '../../support/fake-helpdesk.js';

type Block = { type: string; text?: { text: string }; elements?: { text?: unknown; value?: string; style?: string }[] };

function citation(i: number): Citation {
  return {
    id: i,
    docId: `doc-${i}`,
    chunkId: `doc-${i}#${'afsnit-'.repeat(20)}${i}`,
    title: `Titel ${i}`,
    section: 'Afsnit',
    text: 'Tekst',
    url: `/docs/doc-${i}#a`,
    score: 0.5,
  };
}

describe('Slack formatting', () => {
  it("escapes Slack's control characters and keeps [n] markers", () => {
    expect(escapeMrkdwn('a < b & c > d')).toBe('a &lt; b &amp; c &gt; d');
    expect(toSlackMrkdwn('**Vigtigt**: 3 < 5 & mere > 2 [1] [2]')).toBe(
      '*Vigtigt*: 3 &lt; 5 &amp; mere &gt; 2 [1] [2]',
    );
  });

  it('makes links, images, HTML and Slack link syntax in an answer inert, keeping links to its own sources', () => {
    const hostile: AnswerResponse = {
      ...FAKE_ANSWER,
      answer:
        'Læs [vejledningen](https://evil.example/x) ![](https://evil.example/p.png) <b>nu</b> <https://evil.example|klik> ' +
        'på www.evil.example eller evil.com [1]. Se [Forberedelse](/docs/opi-guide#forberedelse) [1].',
    };
    const { text, blocks } = formatSlackAnswer('Spørgsmål?', hostile, 'https://opi.example.dk');
    const section = (blocks as Block[])[0]!;
    expect(section.text).toEqual({
      type: 'mrkdwn',
      verbatim: true,
      text: 'Læs vejledningen nu på eller [1]. Se <https://opi.example.dk/docs/opi-guide#forberedelse|Forberedelse> [1].',
    });
    expect(text).not.toMatch(/evil|<b>|!\[/);
    // Without a public base URL a source link has no absolute URL: its label stays.
    expect(toSlackMrkdwn(hostile.answer)).toBe('Læs vejledningen nu på eller [1]. Se Forberedelse [1].');
  });

  it('builds an answer section, a context block with numbered source links and three buttons', () => {
    const { text, blocks } = formatSlackAnswer('Spørgsmål?', FAKE_ANSWER, 'https://opi.example.dk/');
    expect(text).toBe(FAKE_ANSWER.answer);
    const b = blocks as Block[];
    expect(b.map((x) => x.type)).toEqual(['section', 'context', 'actions']);
    expect(b[0]?.text?.text).toBe(FAKE_ANSWER.answer);
    expect(b[1]?.elements?.map((e) => e.text)).toEqual([
      '<https://opi.example.dk/docs/opi-guide#forberedelse|[1] Sådan kommer I i gang med OPI — Forberedelse>',
      '<https://opi.example.dk/docs/opi-guide#samarbejdsaftale|[2] Sådan kommer I i gang med OPI — Forberedelse › Samarbejdsaftale>',
    ]);
    const buttons = b[2]?.elements ?? [];
    expect(buttons).toHaveLength(3);
    expect(buttons[2]?.style).toBeUndefined();
    expect(decodeAnswerRef(buttons[0]?.value)).toEqual({
      q: 'Spørgsmål?',
      c: ['opi-guide#forberedelse', 'opi-guide#samarbejdsaftale'],
    });
  });

  it('makes the escalation button primary when unanswered', () => {
    const { blocks } = formatSlackAnswer('Pizza?', FAKE_UNANSWERED, 'https://opi.example.dk');
    const b = blocks as Block[];
    expect(b.map((x) => x.type)).toEqual(['section', 'actions']);
    expect(b[1]?.elements?.[2]?.style).toBe('primary');
  });

  it('keeps button values within 2000 characters and the context within 10 elements', () => {
    const many: AnswerResponse = {
      answer: 'Svar [1].',
      answered: true,
      citations: Array.from({ length: 30 }, (_, i) => citation(i + 1)),
    };
    const { blocks } = formatSlackAnswer('å'.repeat(2000), many, 'https://opi.example.dk');
    const b = blocks as Block[];
    const context = b.find((x) => x.type === 'context');
    expect(context?.elements?.length).toBeLessThanOrEqual(10);
    expect(JSON.stringify(context)).toContain('[30] Titel 30');
    const value = b.find((x) => x.type === 'actions')?.elements?.[0]?.value ?? '';
    expect(value.length).toBeLessThanOrEqual(2000);
    expect(decodeAnswerRef(value)?.q.startsWith('ååå')).toBe(true);
  });

  it('splits a long answer into sections of at most 3000 characters', () => {
    const long: AnswerResponse = { ...FAKE_ANSWER, answer: `${'ord '.repeat(1000)}\n\n${'mere '.repeat(500)}` };
    const sections = (formatSlackAnswer('q', long).blocks as Block[]).filter((x) => x.type === 'section');
    expect(sections.length).toBeGreaterThan(1);
    for (const s of sections) expect(s.text?.text.length).toBeLessThanOrEqual(3000);
  });

  it('keeps a 2 MB answer within five sections of 3000 characters and says it was shortened', () => {
    const huge: AnswerResponse = { ...FAKE_ANSWER, answer: `${'Et meget langt svar & mere [1]. '.repeat(65_000)}` };
    expect(huge.answer.length).toBeGreaterThan(2_000_000);
    const message = formatSlackAnswer('q', huge, 'https://helpdesk.example');
    const sections = (message.blocks as Block[]).filter((x) => x.type === 'section');
    expect(sections.length).toBeLessThanOrEqual(5);
    for (const s of sections) expect(s.text?.text.length).toBeLessThanOrEqual(3000);
    expect(sections.at(-1)?.text?.text).toMatch(/svaret er forkortet, så det kan vises her/);
    expect(sections.at(-1)?.text?.text).not.toMatch(/&am?$|&amp;\n|<[^>]*$/);
    expect(message.blocks.length).toBeLessThanOrEqual(50);
    expect(message.text.length).toBeLessThanOrEqual(3000);
  });

  it('shows a source without a link when no public base URL is known', () => {
    const { blocks } = formatSlackAnswer('q', FAKE_ANSWER);
    const context = (blocks as Block[]).find((x) => x.type === 'context');
    expect(context?.elements?.[0]?.text).toContain('[1] Sådan kommer I i gang med OPI — Forberedelse');
    expect(context?.elements?.[0]?.text).not.toContain('<');
  });
});
