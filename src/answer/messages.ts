import { DEFAULT_SITE, type Site, siteTexts, withContact } from './site.js';
import type { EscalationOffer } from './types.js';

/** Texts of answers that are not drawn from the corpus, in the site's language (`site.yaml`). */
export interface AnswerMessages {
  /** Said when the knowledge base does not cover the question. */
  notCovered: string;
  /** How to reach a person (CONTACT_TEXT). */
  contact: string;
  contactEmail?: string;
  /** Put before answers to English questions. */
  englishPreface: string;
  /** Put before an answer that covers only part of the question; `{missing}` is replaced. */
  partial: string;
  /** Invitation to talk to a person. */
  escalation: string;
}

/**
 * The answer texts of `site` in its own language: refusal, contact and escalation offer from `site.yaml`
 * (or today's defaults); the English preface and the partial-answer note are the help desk's own.
 */
export function siteMessages(site: Site): AnswerMessages {
  const texts = siteTexts(site);
  return {
    notCovered: texts.refusal,
    contact: texts.contactText,
    ...(site.contactEmail ? { contactEmail: site.contactEmail } : {}),
    englishPreface: '(Answered from Danish sources.)',
    partial: 'Vidensbasen dækker kun en del af spørgsmålet; den siger ikke noget om: {missing}.',
    escalation: texts.escalation,
  };
}

/** The default site's texts, with `contact` and `contactEmail` in place of its own when given. */
export function defaultMessages(contact?: string, contactEmail?: string): AnswerMessages {
  return siteMessages(withContact(DEFAULT_SITE, contact, contactEmail));
}

/** The offer of a human attached to unanswered responses. */
export function escalationOffer(messages: AnswerMessages): EscalationOffer {
  return {
    offered: true,
    message: messages.escalation,
    contact: messages.contact,
    ...(messages.contactEmail ? { email: messages.contactEmail } : {}),
    endpoint: '/api/escalations',
  };
}

/** The full answer text when the knowledge base cannot answer. */
export function notCoveredText(messages: AnswerMessages): string {
  const email = messages.contactEmail ? ` (${messages.contactEmail})` : '';
  return `${messages.notCovered} ${messages.contact}${email}`;
}
