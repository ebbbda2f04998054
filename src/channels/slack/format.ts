import type { AnswerResponse, Citation } from '../../answer/types.js';
import { encodeAnswerRef } from '../shared/answer-ref.js';
import { absoluteSourceUrl, channelAnswerText } from '../shared/links.js';
import { channelText } from '../shared/messages.js';
import { shortenToFit } from '../shared/shorten.js';

/** Action ids of the answer buttons. */
export const SLACK_ACTIONS = {
  up: 'opi_feedback_up',
  down: 'opi_feedback_down',
  escalate: 'opi_escalate',
} as const;

/** Slack's limits that shape a message. */
const SECTION_MAX = 3000;
const CONTEXT_ELEMENTS_MAX = 10;
const BUTTON_VALUE_MAX = 2000;
const FALLBACK_TEXT_MAX = 3000;
/** Section blocks the answer may fill (a message holds at most 50 blocks; a longer answer is shortened). */
const ANSWER_SECTIONS_MAX = 5;

/** A Block Kit block (only the shapes this module builds). */
export type SlackBlock = Record<string, unknown>;

/** A Slack message: notification fallback `text` plus Block Kit `blocks`. */
export interface SlackMessage {
  text: string;
  blocks: SlackBlock[];
}

/** Escapes the three characters Slack's mrkdwn treats as control characters. */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * Answer text as Slack mrkdwn: links, images and HTML made inert (only links to the service's own
 * sources stay, as `<url|label>`), escaped, Markdown `**bold**` as `*bold*`, headings as bold lines,
 * `[n]` markers kept as they are.
 */
export function toSlackMrkdwn(answer: string, publicBaseUrl?: string): string {
  return channelAnswerText(answer, publicBaseUrl, {
    text: (piece) =>
      escapeMrkdwn(piece)
        .replace(/\*\*([^*\n]+)\*\*/g, '*$1*')
        .replace(/^#{1,6}\s+(.+)$/gm, '*$1*'),
    link: (label, url) => (url ? `<${slackUrl(url)}|${slackLabel(label)}>` : escapeMrkdwn(label)),
  });
}

/** A URL inside Slack's `<url|label>`: no character that ends it. */
function slackUrl(url: string): string {
  return url.replace(/\|/g, '%7C').replace(/>/g, '%3E').replace(/</g, '%3C');
}

/** A label inside Slack's `<url|label>`. */
function slackLabel(label: string): string {
  return escapeMrkdwn(label).replace(/\|/g, '¦');
}

/** One numbered source as a Slack link `<url|[n] Title — Section>` (plain text when it has no absolute URL). */
export function slackSourceLink(citation: Citation, publicBaseUrl: string | undefined): string {
  const label = slackLabel(`[${citation.id}] ${citation.title}${citation.section ? ` — ${citation.section}` : ''}`);
  const url = absoluteSourceUrl(citation.url, publicBaseUrl);
  return url ? `<${slackUrl(url)}|${label}>` : label;
}

/**
 * The Block Kit message for an answer: section(s) with the answer (at most five of 3,000
 * characters; a longer answer is shortened and says so), a context block with the numbered
 * sources, and buttons for 👍/👎 and escalation (primary when unanswered).
 */
export function formatSlackAnswer(question: string, answer: AnswerResponse, publicBaseUrl?: string): SlackMessage {
  const mrkdwn = shortenToFit(
    toSlackMrkdwn(answer.answer, publicBaseUrl),
    (text) => splitText(text, SECTION_MAX).length <= ANSWER_SECTIONS_MAX,
    escapeMrkdwn(channelText.shortened),
  );
  // verbatim: Slack makes no links of bare URLs or host names and parses no mentions in the answer.
  const blocks: SlackBlock[] = splitText(mrkdwn, SECTION_MAX).map((text) => ({
    type: 'section',
    text: { type: 'mrkdwn', text, verbatim: true },
  }));
  if (answer.citations.length > 0) {
    const links = answer.citations.map((c) => slackSourceLink(c, publicBaseUrl));
    blocks.push({
      type: 'context',
      elements: groupLinks(links).map((text) => ({ type: 'mrkdwn', text })),
    });
  }
  const value = encodeAnswerRef(question, answer, BUTTON_VALUE_MAX);
  const escalate: Record<string, unknown> = {
    type: 'button',
    action_id: SLACK_ACTIONS.escalate,
    text: { type: 'plain_text', text: channelText.escalate, emoji: true },
    value,
  };
  if (!answer.answered) escalate.style = 'primary';
  blocks.push({
    type: 'actions',
    block_id: 'opi_answer_actions',
    elements: [
      button(SLACK_ACTIONS.up, channelText.feedbackUp, value),
      button(SLACK_ACTIONS.down, channelText.feedbackDown, value),
      escalate,
    ],
  });
  return { text: mrkdwn.slice(0, FALLBACK_TEXT_MAX), blocks };
}

/** A plain mrkdwn message (notices, confirmations). */
export function formatSlackNotice(text: string): SlackMessage {
  return { text, blocks: [{ type: 'section', text: { type: 'mrkdwn', text: escapeMrkdwn(text) } }] };
}

function button(actionId: string, text: string, value: string): Record<string, unknown> {
  return { type: 'button', action_id: actionId, text: { type: 'plain_text', text, emoji: true }, value };
}

/** Source links as at most ten context elements, each within the text limit. */
function groupLinks(links: string[]): string[] {
  const perElement = Math.ceil(links.length / CONTEXT_ELEMENTS_MAX);
  const out: string[] = [];
  for (let i = 0; i < links.length; i += perElement) {
    out.push(
      links
        .slice(i, i + perElement)
        .join('\n')
        .slice(0, SECTION_MAX),
    );
  }
  return out;
}

/** Splits text into pieces of at most `max` characters, preferring paragraph and line breaks. */
function splitText(text: string, max: number): string[] {
  const pieces: string[] = [];
  let rest = text.trim() || ' ';
  while (rest.length > max) {
    let cut = rest.lastIndexOf('\n\n', max);
    if (cut < max / 2) cut = rest.lastIndexOf('\n', max);
    if (cut < max / 2) cut = rest.lastIndexOf(' ', max);
    if (cut < max / 2) cut = max;
    pieces.push(rest.slice(0, cut).trim());
    rest = rest.slice(cut).trim();
  }
  pieces.push(rest);
  return pieces;
}
