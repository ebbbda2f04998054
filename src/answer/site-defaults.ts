/**
 * The product's identity when `corpus/_meta/site.yaml` is missing or malformed: today's OPI help desk,
 * written as if it were the file (`site.ts` validates it with the file's schema). This is the only module in `src/` whose user-facing strings may name
 * OPI (`test/answer/site-strings.test.ts` checks it).
 */
export const OPI_SITE = {
  language: 'da',
  name: 'OPI Helpdesk',
  topic: 'offentlig-privat innovation (OPI)',
  greeting:
    'Hej! Spørg mig om offentlig-privat innovation. Jeg svarer ud fra vores vejledninger og viser altid kilderne.',
  contactText: 'Du kan kontakte en OPI-rådgiver i sekretariatet, som kan hjælpe dig videre.',
  advisor: 'en OPI-rådgiver',
  team: 'OPI-sekretariatet',
  starters: [
    'Hvad er et OPI-projekt?',
    'Hvordan kommer vi i gang med et OPI-samarbejde?',
    'Hvordan håndterer vi udbudsreglerne i et OPI-projekt?',
    'Hvem ejer rettighederne til det, vi udvikler sammen?',
  ],
  translations: {
    en: {
      topic: 'public-private innovation',
      greeting: 'Hi! Ask me about public-private innovation. I answer from our guides and always show the sources.',
      advisor: 'an OPI adviser',
      team: 'the OPI secretariat',
      starters: [
        'What is a public-private innovation project?',
        'How do we get started with a partnership?',
        'How do procurement rules apply?',
        'Who owns the rights to what we develop together?',
      ],
    },
  },
};

/**
 * Neutral texts for fields a `site.yaml` leaves out, per UI language. `{name}`, `{topic}`, `{advisor}` and
 * `{team}` are replaced by the site's own values, so a file with only a name and a topic reads as a whole.
 */
export const SITE_TEMPLATES = {
  da: {
    name: 'Helpdesk',
    topic: 'emnerne i vidensbasen',
    description: 'Stil spørgsmål om {topic} og få svar med kildehenvisninger.',
    greeting: 'Hej! Spørg mig om {topic}. Jeg svarer ud fra vidensbasen og viser altid kilderne.',
    refusal: 'Det kan jeg desværre ikke svare på ud fra vidensbasen om {topic}.',
    escalation: 'Vil du have hjælp fra {advisor}? Så send dit spørgsmål videre, så vender en person tilbage.',
    contactText: 'Du kan kontakte {advisor} i {team}, som kan hjælpe dig videre.',
    advisor: 'en rådgiver',
    team: 'sekretariatet',
    starters: [] as string[],
  },
  en: {
    name: 'Helpdesk',
    topic: 'the topics of the knowledge base',
    description: 'Ask questions about {topic} and get answers with sources.',
    greeting: 'Hi! Ask me about {topic}. I answer from the knowledge base and always show the sources.',
    refusal: 'Unfortunately the knowledge base about {topic} does not answer that.',
    escalation: 'Would you like help from {advisor}? Send your question on, and a person will get back to you.',
    contactText: 'You can contact {advisor} in {team}, who can help you further.',
    advisor: 'an adviser',
    team: 'the secretariat',
    starters: [] as string[],
  },
};
