import type { EscalationOffer } from './types.js';

/** Texts of answers that are not drawn from the corpus. Danish; the contact text is configurable. */
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

/** The default Danish texts. */
export function defaultMessages(contact: string, contactEmail?: string): AnswerMessages {
  return {
    notCovered: 'Det kan jeg desværre ikke svare på ud fra vidensbasen om offentlig-privat innovation (OPI).',
    contact,
    ...(contactEmail ? { contactEmail } : {}),
    englishPreface: '(Answered from Danish sources.)',
    partial: 'Vidensbasen dækker kun en del af spørgsmålet; den siger ikke noget om: {missing}.',
    escalation: 'Vil du have hjælp fra en OPI-rådgiver? Så send dit spørgsmål videre, så vender en person tilbage.',
  };
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
