import type { SiteWidgetTexts } from './site.js';

/** Every user-facing string of the widget, per language. Danish is the default. */
export interface WidgetTexts {
  title: string;
  greeting: string;
  launcherOpen: string;
  launcherClose: string;
  close: string;
  inputLabel: string;
  inputPlaceholder: string;
  send: string;
  startersHeading: string;
  starters: string[];
  you: string;
  assistant: string;
  thinking: string;
  sources: string;
  citationLabel: (n: number, title: string) => string;
  passageBack: string;
  passageOpenSource: string;
  passageUnsafeUrl: string;
  answerAnnounce: (text: string) => string;
  errorGeneric: string;
  errorNetwork: string;
  errorRateLimited: string;
  feedbackQuestion: string;
  feedbackUp: string;
  feedbackDown: string;
  feedbackCommentLabel: string;
  feedbackSend: string;
  /** The same words as the chat channels' thanks (`channelText.feedbackThanks`). */
  feedbackThanks: string;
  feedbackFailed: string;
  contactAdvisor: string;
  contactIntro: string;
  contactName: string;
  contactEmail: string;
  contactQuestion: string;
  contactConversation: string;
  contactSend: string;
  contactCancel: string;
  contactEmailInvalid: string;
  contactQuestionMissing: string;
  contactThanks: (ref?: string) => string;
  contactFailed: string;
  newConversation: string;
  conversationCleared: string;
  conversationRestored: string;
  undo: string;
  sending: string;
}

/** The widget's own words for the site's, when the server did not fill them in (`site.ts`). */
const NEUTRAL: Record<'da' | 'en', SiteWidgetTexts> = {
  da: {
    name: 'Helpdesk',
    greeting: 'Hej! Stil mig et spørgsmål. Jeg svarer ud fra vidensbasen og viser altid kilderne.',
    advisor: 'en rådgiver',
    starters: [],
  },
  en: {
    name: 'Helpdesk',
    greeting: 'Hi! Ask me a question. I answer from the knowledge base and always show the sources.',
    advisor: 'an adviser',
    starters: [],
  },
};

const da = (site: SiteWidgetTexts): WidgetTexts => ({
  title: site.name,
  greeting: site.greeting,
  launcherOpen: `Åbn ${site.name}`,
  launcherClose: `Luk ${site.name}`,
  close: 'Luk',
  inputLabel: 'Dit spørgsmål',
  inputPlaceholder: 'Skriv dit spørgsmål …',
  send: 'Send',
  startersHeading: 'Forslag til spørgsmål',
  starters: site.starters,
  you: 'Dig',
  assistant: 'Helpdesk',
  thinking: 'Søger i vidensbasen …',
  sources: 'Kilder',
  citationLabel: (n, title) => `Kilde ${n}: ${title}`,
  passageBack: 'Tilbage til samtalen',
  passageOpenSource: 'Åbn kilden',
  passageUnsafeUrl: 'Kildens adresse kan ikke åbnes som link:',
  answerAnnounce: (text) => `Svar: ${text}`,
  errorGeneric: 'Noget gik galt, så jeg kunne ikke svare. Prøv igen om lidt.',
  errorNetwork: 'Jeg kan ikke få forbindelse til helpdesken. Tjek din forbindelse og prøv igen.',
  errorRateLimited: 'Der er stillet mange spørgsmål på kort tid. Vent et øjeblik, og prøv igen.',
  feedbackQuestion: 'Var svaret nyttigt?',
  feedbackUp: 'Ja, svaret var nyttigt',
  feedbackDown: 'Nej, svaret var ikke nyttigt',
  feedbackCommentLabel: 'Kommentar (valgfri)',
  feedbackSend: 'Send feedback',
  feedbackThanks: 'Tak for din tilbagemelding!',
  feedbackFailed: 'Din feedback kunne ikke sendes. Prøv igen.',
  contactAdvisor: `Kontakt ${site.advisor}`,
  contactIntro: `Skriv dit spørgsmål, så vender ${site.advisor} tilbage til dig på e-mail.`,
  contactName: 'Navn',
  contactEmail: 'E-mail',
  contactQuestion: 'Spørgsmål',
  contactConversation: 'Samtalen, der sendes med',
  contactSend: 'Send til rådgiver',
  contactCancel: 'Annullér',
  contactEmailInvalid: 'Skriv en gyldig e-mailadresse, så rådgiveren kan svare dig.',
  contactQuestionMissing: 'Skriv dit spørgsmål.',
  contactThanks: (ref) =>
    `Tak! Dit spørgsmål er sendt til ${site.advisor}, som svarer dig på e-mail${ref ? ` (sagsnummer ${ref})` : ''}.`,
  contactFailed: 'Henvendelsen kunne ikke sendes. Prøv igen om lidt.',
  newConversation: 'Ny samtale',
  conversationCleared: 'Samtalen er slettet.',
  conversationRestored: 'Samtalen er hentet tilbage.',
  undo: 'Fortryd',
  sending: 'Sender …',
});

const en = (site: SiteWidgetTexts): WidgetTexts => ({
  title: site.name,
  greeting: site.greeting,
  launcherOpen: `Open ${site.name}`,
  launcherClose: `Close ${site.name}`,
  close: 'Close',
  inputLabel: 'Your question',
  inputPlaceholder: 'Type your question …',
  send: 'Send',
  startersHeading: 'Suggested questions',
  starters: site.starters,
  you: 'You',
  assistant: 'Helpdesk',
  thinking: 'Searching the knowledge base …',
  sources: 'Sources',
  citationLabel: (n, title) => `Source ${n}: ${title}`,
  passageBack: 'Back to the conversation',
  passageOpenSource: 'Open the source',
  passageUnsafeUrl: 'The source address cannot be opened as a link:',
  answerAnnounce: (text) => `Answer: ${text}`,
  errorGeneric: 'Something went wrong, so I could not answer. Please try again shortly.',
  errorNetwork: 'I cannot reach the help desk. Check your connection and try again.',
  errorRateLimited: 'Many questions were asked in a short time. Wait a moment and try again.',
  feedbackQuestion: 'Was this answer helpful?',
  feedbackUp: 'Yes, the answer was helpful',
  feedbackDown: 'No, the answer was not helpful',
  feedbackCommentLabel: 'Comment (optional)',
  feedbackSend: 'Send feedback',
  feedbackThanks: 'Thank you for your feedback!',
  feedbackFailed: 'Your feedback could not be sent. Please try again.',
  contactAdvisor: `Contact ${site.advisor}`,
  contactIntro: `Write your question and ${site.advisor} will reply by e-mail.`,
  contactName: 'Name',
  contactEmail: 'E-mail',
  contactQuestion: 'Question',
  contactConversation: 'Conversation sent along',
  contactSend: 'Send to adviser',
  contactCancel: 'Cancel',
  contactEmailInvalid: 'Enter a valid e-mail address so the adviser can reply.',
  contactQuestionMissing: 'Write your question.',
  contactThanks: (ref) =>
    `Thank you! Your question has been sent to ${site.advisor}, who will reply by e-mail${ref ? ` (reference ${ref})` : ''}.`,
  contactFailed: 'The request could not be sent. Please try again shortly.',
  newConversation: 'New conversation',
  conversationCleared: 'The conversation was deleted.',
  conversationRestored: 'The conversation is back.',
  undo: 'Undo',
  sending: 'Sending …',
});

/**
 * The UI texts for a language code (anything but `en` gives Danish), with the site's name, greeting, adviser
 * and starters when the server gave them for that language, else neutral ones.
 */
export function textsFor(lang: string | undefined, site?: SiteWidgetTexts): WidgetTexts {
  return lang === 'en' ? en(site ?? NEUTRAL.en) : da(site ?? NEUTRAL.da);
}
