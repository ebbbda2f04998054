import { describe, expect, it } from 'vitest';
import type { AnswerResponse } from '../../../src/answer/types.js';
import { formatTeamsAnswer, teamsAnswerText } from '../../../src/channels/teams/format.js';
import { formatWebhookText } from '../../../src/channels/teams/webhook.js';
import { FAKE_ANSWER } from '../../support/fake-helpdesk.js';

const HOSTILE: AnswerResponse = {
  ...FAKE_ANSWER,
  answer:
    'Læs [vejledningen](https://evil.example/x) ![](https://evil.example/p.png) <img src=x onerror=alert(1)> ' +
    '<a href="https://evil.example">her</a> eller på https://evil.example/login, www.evil.example og evil.com [1].\n' +
    '[x]: https://evil.example\nSe [Forberedelse](/docs/opi-guide#forberedelse) [1].',
};
const INERT = /evil|<|>|!\[|onerror/;

describe('Teams formatting of a hostile answer', () => {
  it('sends Markdown without links to other hosts, images or HTML, and with links to its own sources', () => {
    const reply = formatTeamsAnswer('Spørgsmål?', HOSTILE, 'https://opi.example.dk');
    expect(reply.text).toBe(
      'Læs vejledningen her eller på, og [1].\nSe [Forberedelse](https://opi.example.dk/docs/opi-guide#forberedelse) [1].',
    );
    expect(reply.text).not.toMatch(INERT);
  });

  it('keeps only the label of a source link when no public base URL makes it absolute', () => {
    expect(teamsAnswerText(HOSTILE.answer, undefined)).toBe(
      'Læs vejledningen her eller på, og [1].\nSe Forberedelse [1].',
    );
  });

  it('neutralises the outgoing webhook reply the same way', () => {
    const text = formatWebhookText(HOSTILE, 'https://opi.example.dk');
    expect(text.startsWith(teamsAnswerText(HOSTILE.answer, 'https://opi.example.dk'))).toBe(true);
    expect(text).not.toMatch(INERT);
  });

  it('leaves an ordinary answer as it is', () => {
    expect(formatTeamsAnswer('Spørgsmål?', FAKE_ANSWER, 'https://opi.example.dk').text).toBe(FAKE_ANSWER.answer);
  });
});

describe('Teams formatting of a huge answer', () => {
  const huge: AnswerResponse = {
    ...FAKE_ANSWER,
    answer: `${'Et meget langt svar med æøå, se [Forberedelse](/docs/opi-guide#forberedelse) [1]. '.repeat(25_000)}`,
  };
  const bytes = (value: unknown) => new TextEncoder().encode(JSON.stringify(value)).length;

  it('keeps a 2 MB answer within one Teams message (28 KB) and says it was shortened', () => {
    expect(huge.answer.length).toBeGreaterThan(2_000_000);
    const reply = formatTeamsAnswer('q', huge, 'https://helpdesk.example');
    expect(bytes(reply)).toBeLessThanOrEqual(26 * 1024);
    expect(bytes(reply)).toBeGreaterThan(20 * 1024);
    expect(reply.text).toMatch(/svaret er forkortet, så det kan vises her; læs videre i kilderne\)$/);
    expect(reply.text).not.toMatch(/\[[^\]]*\]\([^)]*\n\n…/);
  });

  it('keeps the outgoing webhook reply to a 2 MB answer within one message, with its sources', () => {
    const text = formatWebhookText(huge, 'https://helpdesk.example');
    expect(bytes({ type: 'message', text })).toBeLessThanOrEqual(26 * 1024);
    expect(text).toMatch(/svaret er forkortet/);
    expect(text).toMatch(/\*\*Kilder:\*\*/);
  });
});
