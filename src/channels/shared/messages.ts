import { DEFAULT_SITE, siteTexts } from '../../answer/site.js';
import type { AppDeps } from '../../http/deps.js';

/** The prompt for an empty question, naming the site's topic (`site.yaml`; Danish, as the channels are). */
export function emptyQuestionText(deps: Pick<AppDeps, 'site'>): string {
  return `Skriv dit spørgsmål om ${siteTexts(deps.site?.() ?? DEFAULT_SITE, 'da').topic}, så svarer jeg med kilder.`;
}

/** Danish texts the chat channels show. */
export const channelText = {
  wait: 'Et øjeblik… jeg finder svaret i vidensbasen.',
  failed: 'Beklager, der opstod en fejl, så jeg kunne ikke svare lige nu. Prøv igen om lidt.',
  timeout: 'Beklager, det tog for lang tid at finde svaret. Prøv igen om lidt.',
  sources: 'Kilder',
  feedbackUp: '👍',
  feedbackDown: '👎',
  escalate: 'Jeg vil gerne tale med en rådgiver',
  feedbackThanks: 'Tak for din tilbagemelding!',
  escalated: (reference: string) =>
    `Tak. Dit spørgsmål er sendt videre til en rådgiver (sag ${reference}), som vender tilbage til dig her.`,
  notSaved: 'Beklager, det kunne ikke gemmes lige nu. Prøv igen senere.',
  shortened: '… (svaret er forkortet, så det kan vises her; læs videre i kilderne)',
} as const;
