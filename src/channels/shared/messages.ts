/** Danish texts the chat channels show. */
export const channelText = {
  wait: 'Et øjeblik… jeg finder svaret i vidensbasen.',
  emptyQuestion: 'Skriv dit spørgsmål om offentlig-privat innovation, så svarer jeg med kilder.',
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
