/**
 * Word lists of the importer: the stop words that tell Danish from English, and the labels an
 * admonition gets in each language. Words both languages use (`for`, `at`, `to`, `i`, `man`, `over`, `her`, `mod`, `dog`,
 * `under`, `var`) are left out of both lists, so they never tip the balance.
 */

/** Frequent Danish function words that are not English words. */
export const DANISH_MARKERS: ReadonlySet<string> = new Set(
  (
    'og er det en til på af som med den de der ikke et om har kan skal vi fra eller så sig men ved også være ' +
    'blev efter hvor når hvis deres dette disse sin sit sine mellem nogle andre kun hvordan hvad ud op jeg du ' +
    'hun han bliver blive været meget mere alle ingen samt både hos uden denne dem hvilke hvilken kommer får ' +
    'gør skulle kunne ville da nu jo dér vores jeres hvem hvornår fordi derfor altså'
  ).split(' '),
);

/** Frequent English function words that are not Danish words. */
export const ENGLISH_MARKERS: ReadonlySet<string> = new Set(
  (
    'the and of in is that it with as on are this by or from an you your can not which if will use ' +
    'when all was we they their but has more these other into than then also only how should would there ' +
    'what each such any about does do using where may must its our one who were been being within without ' +
    'between after before while because so no yes here'
  ).split(' '),
);

/** Admonition types (shortcodes, `!!!`, `:::`, `> [!NOTE]`) and their label in each language. */
export const ADMONITION_LABELS: Readonly<Record<string, { da: string; en: string }>> = {
  note: { da: 'Bemærk', en: 'Note' },
  info: { da: 'Info', en: 'Info' },
  information: { da: 'Info', en: 'Info' },
  tip: { da: 'Tip', en: 'Tip' },
  hint: { da: 'Tip', en: 'Hint' },
  important: { da: 'Vigtigt', en: 'Important' },
  warning: { da: 'Advarsel', en: 'Warning' },
  warn: { da: 'Advarsel', en: 'Warning' },
  caution: { da: 'Pas på', en: 'Caution' },
  attention: { da: 'OBS', en: 'Attention' },
  danger: { da: 'Fare', en: 'Danger' },
  error: { da: 'Fejl', en: 'Error' },
  success: { da: 'Lykkedes', en: 'Success' },
  example: { da: 'Eksempel', en: 'Example' },
  question: { da: 'Spørgsmål', en: 'Question' },
  abstract: { da: 'Resumé', en: 'Summary' },
  summary: { da: 'Resumé', en: 'Summary' },
  todo: { da: 'Mangler', en: 'To do' },
};
