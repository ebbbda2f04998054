import { BASE_LEXICON } from './lexicon-da.js';
import { STOPWORDS_ISO_DA, STOPWORDS_ISO_EN } from './stopwords-iso-data.js';

/**
 * Words of stopwords-iso `da` that carry meaning in this domain and so stay searchable:
 * numerals ("fem råd", "tre faser") and a few content adjectives/nouns.
 */
const DA_KEEP = new Set([
  'fem',
  'fire',
  'seks',
  'syv',
  'otte',
  'ni',
  'ti',
  'tre',
  'stor',
  'store',
  'lille',
  'ny',
  'nyt',
  'mand',
]);

/** Extra Danish function words and abbreviation parts (`f.eks.` → `f`, `eks`) that never carry meaning. */
const DA_EXTRA = `
  hvilke hvilket hvorvidt hvorledes hvori hvorved hvorfra hvortil hvorefter samt både blandt mellem gennem uden
  blevet findes gør gøre gjort gjorde haft sådanne sådant derfor dermed desuden herunder heriblandt således igen
  allerede altid ofte endnu stadig måtte burde bør ifølge iflg pga ift iht bl eks fx mv osv ca evt jf dvs hhv inkl
  ekskl mht vha dets dens hinanden enten ligesom idet selvom fordi vedr kr stk pkt nr tlf kl mio mia etc mfl
  sammen hertil heraf derudover hvordan hvorfor mere mest meget gerne nok ellers især altså således https http www
  html com org net
`;

/**
 * Words of stopwords-iso `en` that are content words (also for English questions about this domain);
 * any word of the Danish base lexicon is kept as well, so Danish content words never disappear.
 */
const EN_KEEP = new Set(
  `act added adopted affected affecting affects area areas available bill billion brief buy case cases cause causes
  changes computer copy date detail early effect example face faces fact facts fire five four free front full general
  goods gov great group grouped grouping groups half help high home homepage hundred importance important index
  information interest interests invention large last length line long low member members million name number numbers
  new novel old open order orders page pages part parts place places point points possible present problem problems
  research result results room rooms section second site six small state states system ten test text third three
  thousand today top trillion turn two value web webpage website welcome work worked working works world year years
  young zero eight eleven fifteen fifth fifty first forty nine ninety seven seventy sixty thirty twelve twenty eighty
  side sides ring net tip plus`
    .trim()
    .split(/\s+/),
);

function words(list: string): string[] {
  return list.trim().split(/\s+/);
}

const DIGITS_RE = /\d/;

/** Danish stop words: stopwords-iso `da` minus numerals and a few content words, plus function words and abbreviation parts. */
export const danishStopWords: ReadonlySet<string> = new Set([
  ...words(STOPWORDS_ISO_DA).filter((w) => !DA_KEEP.has(w)),
  ...words(DA_EXTRA),
]);

/** English stop words: stopwords-iso `en` minus numbers, content words and words of the Danish lexicon. */
export const englishStopWords: ReadonlySet<string> = new Set(
  words(STOPWORDS_ISO_EN).filter((w) => !DIGITS_RE.test(w) && !EN_KEEP.has(w) && !BASE_LEXICON.has(w)),
);

/**
 * Question words (Danish and English). They are stop words — never content terms — but a question's
 * kind can be read from them: `hvem`/`who` asks for actors, `hvornår`/`when` for a date,
 * `hvor mange`/`how many` for a number, `hvordan`/`how` for a procedure.
 */
export const questionWords: ReadonlySet<string> = new Set([
  'hvem',
  'hvad',
  'hvornår',
  'hvor',
  'hvilke',
  'hvilken',
  'hvilket',
  'hvordan',
  'hvorfor',
  'hvorledes',
  'mange',
  'meget',
  'who',
  'whom',
  'whose',
  'what',
  'when',
  'where',
  'which',
  'how',
  'why',
  'many',
  'much',
]);

/** The question words among a text's tokens, in order (e.g. `['hvor', 'mange']`). */
export function findQuestionWords(tokens: readonly string[]): string[] {
  return tokens.filter((t) => questionWords.has(t));
}

/**
 * True when a lower-cased token is a stop word: Danish or English function word, question word,
 * or a single letter (numbers are never stop words).
 */
export function isStopWord(token: string): boolean {
  if (token.length === 1) return !(token >= '0' && token <= '9');
  return danishStopWords.has(token) || englishStopWords.has(token) || questionWords.has(token);
}

/**
 * Stop words of English documents: the Snowball English list (function words only). The stopwords-iso list
 * used for questions also holds content words ("html", "web", "page", "help", "system") that an English
 * documentation page is about, so it is never applied to English documents.
 */
export const englishDocumentStopWords: ReadonlySet<string> = new Set(
  `i me my myself we our ours ourselves you your yours yourself yourselves he him his himself she her hers herself
it its itself they them their theirs themselves what which who whom this that these those am is are was were be
been being have has had having do does did doing a an the and but if or because as until while of at by for with
about against between into through during before after above below to from up down in out on off over under again
further then once here there when where why how all any both each few more most other some such no nor not only own
same so than too very s t can will just don should now d ll m o re ve y ain aren couldn didn doesn hadn hasn haven
isn ma mightn mustn needn shan shouldn wasn weren won wouldn`.split(/\s+/),
);
