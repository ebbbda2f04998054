import type { AnswerResponse, Citation } from '../../answer/types.js';
import { encodeAnswerRef } from '../shared/answer-ref.js';
import { absoluteSourceUrl, channelAnswerText } from '../shared/links.js';
import { channelText } from '../shared/messages.js';
import { shortenToFit } from '../shared/shorten.js';

/** Teams shows at most this many citations per message. */
export const TEAMS_MAX_CITATIONS = 20;
const NAME_MAX = 80;
const ABSTRACT_MAX = 160;
/** Teams refuses a message larger than about 28 KB (the whole activity, as UTF-8 JSON). */
export const TEAMS_MESSAGE_MAX_BYTES = 28 * 1024;
/** Room kept under the limit for what the Bot Framework adds (ids, conversation, timestamps). */
const ENVELOPE_BYTES = 2 * 1024;

/** An outgoing Bot Framework activity (only the fields this module sets). */
export type TeamsReply = Record<string, unknown> & { type: 'message'; text: string };

/** Shortens `text` to `max` characters, ending with an ellipsis when cut. */
export function truncate(text: string, max: number): string {
  const clean = text.replace(/\s+/g, ' ').trim();
  return clean.length <= max ? clean : `${clean.slice(0, max - 1).trimEnd()}…`;
}

/** One Teams citation (`Claim` with a `DigitalDocument` appearance) for a numbered source. */
export function teamsCitation(citation: Citation, publicBaseUrl: string | undefined): Record<string, unknown> {
  const name = citation.section ? `${citation.title} — ${citation.section}` : citation.title;
  const url = absoluteSourceUrl(citation.url, publicBaseUrl);
  return {
    '@type': 'Claim',
    position: citation.id,
    appearance: {
      '@type': 'DigitalDocument',
      name: truncate(name, NAME_MAX),
      ...(url ? { url } : {}),
      abstract: truncate(citation.text, ABSTRACT_MAX),
    },
  };
}

/**
 * Answer text as Teams Markdown: links, images and HTML made inert; links to the service's own
 * sources stay, with an absolute URL (their label alone when none can be made).
 */
export function teamsAnswerText(answer: string, publicBaseUrl: string | undefined): string {
  return channelAnswerText(answer, publicBaseUrl, {
    text: (piece) => piece,
    link: (label, url) => (url ? teamsLink(label, url) : label),
  });
}

/** A Teams Markdown link `[label](url)`, with the characters that would end either escaped. */
export function teamsLink(label: string, url: string): string {
  return `[${label.replace(/[[\]]/g, '')}](${url.replace(/\)/g, '%29').replace(/ /g, '%20')})`;
}

/**
 * The reply activity for an answer: the text with `[n]` markers, a `Message` entity with at most
 * twenty citations, Teams' feedback buttons, and an escalation button when the answer is missing;
 * a text that would make the activity larger than Teams takes (28 KB) is shortened and says so.
 */
export function formatTeamsAnswer(question: string, answer: AnswerResponse, publicBaseUrl?: string): TeamsReply {
  const citations = answer.citations.slice(0, TEAMS_MAX_CITATIONS).map((c) => teamsCitation(c, publicBaseUrl));
  const reply: TeamsReply = {
    type: 'message',
    text: teamsAnswerText(answer.answer, publicBaseUrl),
    textFormat: 'markdown',
    channelData: { feedbackLoopEnabled: true },
    entities: [
      {
        type: 'https://schema.org/Message',
        '@type': 'Message',
        '@context': 'https://schema.org',
        '@id': '',
        additionalType: ['AIGeneratedContent'],
        citation: citations,
      },
    ],
  };
  if (!answer.answered) reply.attachments = [escalationCard(question, answer)];
  reply.text = shortenToFit(reply.text, (text) => fitsTeams({ ...reply, text }), channelText.shortened);
  return reply;
}

/** True when `message` (an activity, or a webhook reply's text) fits in one Teams message with room for the envelope. */
export function fitsTeams(message: unknown): boolean {
  return new TextEncoder().encode(JSON.stringify(message)).length <= TEAMS_MESSAGE_MAX_BYTES - ENVELOPE_BYTES;
}

/** A plain text reply (notices, confirmations). */
export function formatTeamsNotice(text: string): TeamsReply {
  return { type: 'message', text, textFormat: 'plain' };
}

/** A hero card whose button sends the escalation request back as a `messageBack`. */
function escalationCard(question: string, answer: AnswerResponse): Record<string, unknown> {
  return {
    contentType: 'application/vnd.microsoft.card.hero',
    content: {
      ...(answer.escalation?.message ? { text: answer.escalation.message } : {}),
      buttons: [
        {
          type: 'messageBack',
          title: channelText.escalate,
          text: channelText.escalate,
          displayText: channelText.escalate,
          value: { action: 'opi.escalate', ref: encodeAnswerRef(question, answer, 4000) },
        },
      ],
    },
  };
}
