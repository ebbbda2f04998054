import { FOCUS_CLASSIFIERS, FOCUS_PLACEHOLDERS, FOCUS_SKIP, FOCUS_STOP_AT } from '../text/lexicon-da.js';

/**
 * What a question asks *about*: the head noun after its interrogative phrase
 * ("hvor mange *ansatte*", "hvad hedder *forlaget*", "hvilket *firma*") and the
 * kind of answer that noun needs. An answering sentence must hold that kind of answer
 * next to the head noun, not just somewhere in the passage.
 */

/** The kind of fact a focused question asks for. */
export type FocusKind = 'count' | 'name' | 'person' | 'amount' | 'expansion' | 'future' | 'result' | 'author' | 'topic';

export interface QuestionFocus {
  kind: FocusKind;
  /** Lower-cased head words (for `expansion`: the acronyms, upper-case). Empty: any sentence on topic will do. */
  words: string[];
  /**
   * For "hvad siger X om Y": the head words of the source X, which must be known like `words` but are not what the
   * answer is about.
   */
  source?: string[];
}

/** Nouns whose instances carry proper names (a "hvilken …" question about one asks for a name); also as compound heads. */
const NAMED_NOUNS =
  /(kommune|region|skole|fond|firma|virksomhed|forlag|organisation|forening|institution|universitet|plejehjem|hospital|sygehus|ministerium|styrelse|avis|center|centr|school|foundation|company|firm|publisher|municipality|university|organi[sz]ation)(n|en|et|e|r|rne|er|erne|ne|met|mene|s)?$/u;
/**
 * Nouns naming a person's role ("hvem er *formand*"); a lawyer only in the singular ("hvilken *advokat*" asks for a
 * person, "hvilke advokater" may ask for the firm: "Lundgrens advokater").
 */
const PERSON_NOUNS =
  /(person|direktør|chef|leder|formand|borgmester|borgmestr|ansvarlig|koordinator|facilitator|underviser|forfatter|politiker|forsker|konsulent|ekspert|oplægsholder|contact|director|manager|chair)(en|e|ne|et|er|erne)?$|^(?:advokat|jurist)(?:en)?$|^(?:lawyer|attorney|mayor|politician|researcher|consultant|expert|speaker|author|teacher|founder|organi[sz]er|ceo|coordinator|facilitator|chairman|chairwoman)s?$/u;

/** A Danish past tense on -ede ("dukkede", "svarede"): a verb, not the noun a question is about ("-te" is also an
 * adjective's: "private", "enkelte"). */
const PAST_TENSE = /^\p{L}{3,}ede$/u;
/** Common verbs that are not on -ede ("hvor mange *kom*", "*deltog*", "*mødte* op"). */
const FOCUS_VERBS: ReadonlySet<string> = new Set([
  'kom',
  'deltog',
  'mødte',
  'fik',
  'gik',
  'tog',
  'sagde',
  'stod',
  'kommer',
  'deltager',
  'møder',
]);

/** A verb after a form that is a verb or a noun ("deltager", "møder") makes it the noun ("hvor mange deltager *var* der"). */
const NOUN_BEFORE = /^(?:var|er|blev|bliver|kom|mødte|deltog)$/iu;

/** A phrase of at most five words naming a meeting or a study ("de åbne værksteder d. 3 oktober", "the survey"). */
const EVENT_OR_STUDY =
  '(?:\\S+\\s+){0,4}?\\S*(?:værksted|møde|dag|dagen|konference|workshop|vaerksted|moede|undersoegelse|rundspoerge|arrangement|seminar|undersøgelse|rundspørge|analyse|barometer|evaluering|meeting|survey|study|conference)\\S*[^?]*';

/** A sentence reporting what something found, showed or concluded. */
const FINDING =
  /\b(?:ifølge|according to|viser|viste|vist|konklu\p{L}*|hovedkonklu\p{L}*|frem til|resultat\p{L}*|fandt|peger på|shows?|showed|shown|found|finds|conclu\p{L}*|results?)\b/iu;

/** A sentence about what would or will happen: "ifølge COI" there reports a plan, no finding. */
const PLAN = /\b(?:ville|vil|skal|skulle|will|would)\b/iu;
/** An attribution ("ifølge COI"): a finding only of a sentence that reports what is, not what will be. */
const ATTRIBUTIONS = /\b(?:ifølge|according to)\b/giu;

/** A pronoun standing for the thing ("bag *det* sammen med …", "bag *den*?"), not an article before its noun. */
const POINTING_BACK =
  /^\s*(?:det|den|dem|dette|denne|disse|it|them|this|that)\b(?:\s*[?,.!]|\s*$|\s+(?:sammen|også|egentlig|nu|så|her|der|i|på|med|for|til|og|eller|together|also|with|and|or)\b)/iu;

/** A sentence naming who made something: "udviklet af (firmaet) Innoba", "Bag X står CFIA", "COI har udgivet". */
const MAKER =
  /\b(?:af|by)\s+(?:\p{Ll}+\s+){0,2}\p{Lu}|\b[Bb]ag\s+\p{L}+\s+(?:står|stod)\s+\p{Lu}|\p{Lu}[\p{L})]*\s+(?:har\s+|havde\s+)?(?:udviklet|udgivet|skrevet|lavet|udarbejdet|udviklede|udgav|skrev|lavede|udarbejdede|står bag|stod bag)\b/gu;
/** Words between the thing made and the words naming its maker ("*OPI-toget* er udviklet *af Innoba*"). */
const MAKER_REACH = 5;

/** Whether a text reports what something found, showed or concluded. */
export function reportsFinding(text: string): boolean {
  return FINDING.test(text);
}

/** An abbreviation typed in lower case: one short word (not "der"/"det" of "hvad står der for …"). */
const LOWER_ACRONYM = /^(?!(?:der|det|den|de|du|man|i|vi|jeg)$)([a-zæøå]{2,6})$/u;
/** The frames in which a lower-case word can only be an abbreviation ("hvad betyder opi for os" asks something else). */
const STANDS_FOR = /\b(?:står|forkortelse\w*|stand for|abbreviations?|acronyms?)\b/iu;

/** "hvad siger *X* om …": the source a question quotes. */
const SAYS_SOURCE = /\bhvad (?:siger|skriver)\s+([^?]*?)\s+om\b/iu;

/** A question asking what something is or means ("hvad er OPI-toget?", "what does OPI mean"). */
export const ASKS_DEFINITION = /^\s*(?:hvad (?:er|var|betyder)|what (?:is|are|was|does))\b/iu;

const PATTERNS: [FocusKind, RegExp][] = [
  [
    'expansion',
    /\b(?:hvad (?:står|betyder) (?:forkortelse\w*\s+)?|what (?:does|do) (?:the )?(?:abbreviations? |acronyms? )?)(.+?)\s+(?:for|stand for|mean)\b/iu,
  ],
  // the amount asked about: "hvad koster *bogen*", "how much did *the toilet* cost" (no head: any amount on topic)
  ['amount', /\b(?:hvad (?:koster|kostede|koste)|hvor meget (?:koster|kostede)|prisen på)\s+(.+)/iu],
  ['amount', /\bhow much (?:does|did|do|is|was|will)\s+(.+?)\s+cost\b/iu],
  // "koster det noget at deltage?", "koster bogen noget?": a price or "gratis" on topic answers it
  ['amount', /\bkoster\s+\p{L}+\s+(?:noget|penge|mange penge)\b()/iu],
  ['amount', /\b(?:does|is) (?:it|that|this) (?:cost|free)\b()/iu],
  [
    'amount',
    /\b(?:hvor mange penge|(?:hvor stor|hvor stort|hvad) (?:er|var) (?:budgettet|prisen|beløbet)|hvor stort et beløb|how much money|what (?:does|did) .+ cost)\b(.*)/iu,
  ],
  // what a survey, a workshop or a book found: a sentence must say so of it ("Innovationsbarometeret *viser*, at …");
  // that it was held or read is no finding
  ['result', /\bhvad (?:viste|viser|konkluderede|konkluderer)\s+(.+)/iu],
  // "hvad kom der ud af værkstedet", "what came out of the workshops": what a meeting or a study concluded (a
  // project's outcome may be told in any words, "hvad kom der ud af projektet" is left alone)
  ['result', new RegExp(`\\bhvad (?:kom|kommer) der (?:egentlig |så |reelt )?ud af\\s+(${EVENT_OR_STUDY})`, 'iu')],
  ['result', new RegExp(`\\bwhat (?:came|comes|has come) out of\\s+(${EVENT_OR_STUDY})`, 'iu')],
  ['result', /\bhvad (?:fandt|finder|kom|kommer)\s+(.+?)\s+(?:frem til|ud af)\b/iu],
  ['result', /\bwhat (?:did|does|do)\s+(.+?)\s+(?:show|find|conclude|come up with)\b/iu],
  [
    'result',
    /\b(?:hvad (?:blev|var|er) (?:resultatet|resultaterne|konklusionen|konklusionerne|udbyttet)|what (?:were|was|are|is) the (?:results?|findings?|conclusions?|outcomes?))\s+(?:af|på|fra|i|of|in)\s+(.+)/iu,
  ],
  // who made a thing: a sentence must name its maker ("OPI-toget er udviklet af Innoba", "Bag initiativet står CFIA")
  [
    'author',
    /\bhvem (?:har|havde) (?:lavet|udarbejdet|skrevet|udviklet|udgivet|designet|bygget|opfundet|forfattet)\s+(.+)/iu,
  ],
  ['author', /\bhvem (?:lavede|udarbejdede|skrev|udviklede|udgav|designede|står bag|stod bag)\s+(.+)/iu],
  // ("hvilket forlag udgav bogen" asks for a name: the publisher need not be written "af …")
  ['author', /\bhvilke[nt]?\s+\p{L}+(?:\s+eller\s+\p{L}+)?\s+(?:står|stod) bag\s+(.+)/iu],
  ['author', /\bwho (?:made|wrote|developed|published|created|designed|is behind|was behind)\s+(.+)/iu],
  ['author', /\b(?:who (?:is|was) the (?:author|writer) of|hvem (?:er|var) forfatter(?:en)? (?:til|af|bag))\s+(.+)/iu],
  ['count', /\b(?:hvor mange|how many|antallet af)\s+(.+)/iu],
  [
    'name',
    /\b(?:hvad (?:hedder|hed)|hvad er navnet på|hvad var navnet på|what is the name of|what was the name of|what are the names of)\s+(.+)/iu,
  ],
  ['name', /\b(?:hvilken|hvilket|hvilke|which)\s+(.+)/iu],
  ['person', /\b(?:hvem (?:er|var)|who is|who was)\s+(.+)/iu],
  ['future', /\b(?:hvornår|when)\b.*\b(?:næste|kommende|next|upcoming)\b(.*)/iu],
  // "hvad er X?": X itself must be something the corpus knows
  ['topic', new RegExp(`${ASKS_DEFINITION.source}\\s+(.+)`, 'iu')],
  ['topic', /^\s*hvad (?:menes|forstås) (?:der )?(?:med|ved)\s+(.+)/iu],
  ['topic', /^\s*hvad (?:mener|forstår) (?:man|i|du|de) (?:med|ved)\s+(.+)/iu],
  // "hvad står der i X om Y?", "hvad siger X om Y?": Y must be something the corpus knows
  ['topic', /\bhvad (?:står der|siger|skriver)\b[^?]*?\bom\s+(?!,)(.+)/iu],
  // "hvad siger X om, hvor …?": the source X must be something the corpus knows
  ['topic', SAYS_SOURCE],
  // "hvem ejer X?", "hvad sker der ved X?": the thing acted on must be something the corpus knows (after an
  // auxiliary comes the main verb, not the thing: "hvem har lavet X" is left alone)
  [
    'topic',
    /\bhvem (?!(?:er|var|har|havde|skal|skulle|kan|kunne|vil|ville|må|måtte|bør|burde|blev|bliver|får|fik)\b)\p{L}+\s+(.+)/iu,
  ],
  ['topic', /\bhvad sker der (?:ved|i|med|på|under)\s+(.+)/iu],
  // "hvilke stationer består X af?": the parts asked for must be something the corpus knows
  ['topic', /\bhvilke\s+(.+?)\s+(?:består|indgår)\b/iu],
];
/** A cleft after "hvad er": "det (ifølge X), der/som …", "it (…) that …" — not "det der X" (a demonstrative). */
const CLEFT = /^\s*(?:det|it)\s+(?!(?:der|her)\b)(?:[^\s?]+\s+){0,4}?(?:der|som|that|which)\s/iu;

/** The focus of a question, or undefined when it asks for nothing a gate can check. */
export function questionFocus(question: string): QuestionFocus | undefined {
  for (const [kind, re] of PATTERNS) {
    const m = re.exec(question);
    if (!m) continue;
    const rest = m[1] ?? '';
    if (kind === 'expansion') {
      const acronyms = rest.match(/\b[A-ZÆØÅ]{2,}\b/gu) ?? [];
      // typed in lower case ("hvad står cfia for"): one short word where only an abbreviation "stands for" something
      const typed = LOWER_ACRONYM.exec(rest.trim());
      if (acronyms.length === 0 && typed && STANDS_FOR.test(m[0])) return { kind, words: [typed[1]!.toUpperCase()] };
      return acronyms.length > 0 ? { kind, words: [...new Set(acronyms)] } : undefined;
    }
    if (kind === 'future') return { kind, words: [] };
    // whose finding is no head ("hvad fandt *COI's* rundspørge frem til")
    if (kind === 'result' || kind === 'author') {
      // "hvem står bag *det* sammen med COI": a pronoun, no thing to look for
      if (POINTING_BACK.test(rest)) continue;
      const words = headWords(rest.replace(/^\s*\p{Lu}[\p{L}\p{N}-]*['’]s?\s+/u, ''), /^what\b/iu.test(m[0]));
      if (words.length > 0) return { kind, words };
      continue;
    }
    // "hvad er det ifølge analysechefen, der er en hæmsko?" asks what the hæmsko is, not what an analysechef is
    if (kind === 'topic' && CLEFT.test(rest)) continue;
    const words = headWords(kind === 'topic' ? plainTopic(rest) : rest, /^(how|which|what|who)\b/iu.test(m[0]));
    if (kind === 'amount') return { kind, words };
    // "hvad siger X om Y?": the source X must be something the corpus knows too
    const said = kind === 'topic' ? SAYS_SOURCE.exec(question)?.[1] : undefined;
    const source = said ? headWords(said, false).filter((w) => !words.includes(w)) : [];
    if (words.length === 0 && source.length === 0) continue;
    // "hvilke politikere deltog": people, named by their full names
    if (kind === 'name' && /^(hvilken|hvilket|hvilke|which)\b/iu.test(m[0]) && PERSON_NOUNS.test(words[0]!))
      return { kind: 'person', words };
    if (kind === 'name' && m[0].match(/^(hvilken|hvilket|hvilke|which)\b/iu) && !NAMED_NOUNS.test(words[0]!)) continue;
    if (kind === 'person' && !PERSON_NOUNS.test(words[0]!)) continue;
    return source.length > 0 ? { kind, words, source } : { kind, words };
  }
  return undefined;
}

/**
 * The thing a spoken "hvad er X" asks about, without its demonstrative and "for noget" ("hvad er *det der* opi-tog
 * *for noget*" asks what the OPI train is).
 */
function plainTopic(phrase: string): string {
  return phrase
    .replace(/^\s*(?:det|den|de|dette|denne|disse)\s+(?:der|her)\s+/iu, '')
    .replace(/\s+for\s+(?:noget|nogen|nogle|en|et)\b[\s\S]*$/iu, '');
}

/**
 * The head noun of the phrase after the interrogative: its first lower-case content word, or
 * in Danish the next one when the first is an inflected adjective ("danske *kommuner*").
 */
function headWords(phrase: string, english: boolean): string[] {
  const words: string[] = [];
  const pieces = phrase.split(/[^\p{L}\p{N}'’-]+/u);
  for (const [i, piece] of pieces.entries()) {
    // a word in single quotes ("'kommunsk'") is the word
    const raw = piece.replace(/^['’]+|['’]+$/gu, '');
    if (!raw) continue;
    const w = raw.toLowerCase();
    // (a number qualifies the head, it is none: "hvor mange af de *98* kommuner")
    if (words.length === 0 && (FOCUS_SKIP.has(w) || /^\d+(?:[.,]\d+)?$/u.test(w))) continue;
    // a verb right after the interrogative names no thing ("hvor mange *dukkede* op", "hvor mange *deltog*"); a form
    // that is also a noun is the noun before a verb ("hvor mange *deltager* var der")
    const noun = FOCUS_VERBS.has(w) && NOUN_BEFORE.test(pieces[i + 1] ?? '');
    if (words.length === 0 && !english && !noun && (PAST_TENSE.test(w) || FOCUS_VERBS.has(w))) return [];
    // a capitalised word right after the interrogative is a name, not a head noun ("hvem er Ole …")
    if (words.length === 0 && /^\p{Lu}/u.test(raw)) return [];
    // nor is a pronoun or a placeholder ("hvor mange af *os*", "de nye *ting*"): it names nothing to find
    if (words.length === 0 && FOCUS_PLACEHOLDERS.has(w)) return [];
    if (FOCUS_STOP_AT.has(w) || /^\p{Lu}/u.test(raw)) break;
    words.push(w);
    if (words.length >= 2) break;
  }
  // "hvor mange slags/typer X": the classifier and its noun both name what is counted
  if (words.length === 2 && FOCUS_CLASSIFIERS.has(words[0]!)) return words;
  // Danish attributive adjectives end in -e, or in the neuter in -lt/-gt, and -isk/-ig ("et *socialt* frikort",
  // "en *politisk* strategi"); the noun they qualify follows
  // ("hvilke *politikere* deltog": before a verb the first word is the noun)
  const verb = words.length === 2 && (PAST_TENSE.test(words[1]!) || FOCUS_VERBS.has(words[1]!));
  const head =
    words.length === 2 && !english && !verb && /(?:e|[lg]t|isk|ig)$/u.test(words[0]!) ? [words[1]!] : words.slice(0, 1);
  // a placeholder qualified by an adjective names nothing either ("de nye *ting*")
  return head.some((w) => FOCUS_PLACEHOLDERS.has(w)) ? [] : head;
}

/** A word of a sentence, as written, with its position. */
export interface SentenceToken {
  raw: string;
  pos: number;
  /** Character offsets in the sentence. */
  start: number;
  end: number;
}

/** Words of a sentence as written (hyphenated compounds stay whole). */
export function sentenceTokens(sentence: string): SentenceToken[] {
  return [...sentence.matchAll(/[\p{L}\p{N}][\p{L}\p{N}'’-]*/gu)].map((m, pos) => {
    const raw = m[0].replace(/[-'’]+$/u, '');
    return { raw, pos, start: m.index ?? 0, end: (m.index ?? 0) + raw.length };
  });
}

const AMOUNT =
  /\d[\d.,]*\s?(kr\b\.?|kroner|mio\b\.?|millioner|mia\b\.?|milliard\w*|euro|€|dkk|\$)|\b(kr\.|dkk|€|\$)\s?\d|\bgratis\b|\bfree of charge\b|\bfor free\b/iu;
/** A sentence that speaks of something still to come (the corpus's past events do not answer "hvornår er den næste …"). */
const FUTURE =
  /\b(næste|kommende|planlagt\w*|afholdes|vil blive|skal (?:holdes|afholdes|finde sted)|next|upcoming|planned|will be held)\b/iu;
const NUMBER_WORD =
  /^(to|tre|fire|fem|seks|syv|otte|ni|ti|elleve|tolv|tyve|tredive|fyrre|halvtreds|hundrede|tusind|halvdelen|two|three|four|five|six|seven|eight|nine|ten|twelve|twenty|hundred|thousand|half)$/iu;
const CONNECTORS = new Set('for og i af til på med the of and for in to'.split(' '));

/**
 * Whether a sentence answers the focus: the asked kind of fact stands within a few words
 * of a head word. `isHead` says whether a sentence token matches a head word (stems,
 * synonyms); `known` holds names and numbers the question itself contains (they answer nothing).
 */
/** Words a person's full name may stand before the role a "hvem var …" question asks about. */
const PERSON_BEFORE = 7;

export function answersFocus(
  focus: QuestionFocus,
  sentence: string,
  isHead: (token: string) => boolean,
  known: ReadonlySet<string>,
): boolean {
  if (focus.kind === 'amount') {
    return AMOUNT.test(sentence) && (focus.words.length === 0 || sentenceTokens(sentence).some((t) => isHead(t.raw)));
  }
  if (focus.kind === 'future') return FUTURE.test(sentence);
  if (focus.kind === 'result')
    return (
      FINDING.test(PLAN.test(sentence) ? sentence.replace(ATTRIBUTIONS, ' ') : sentence) &&
      sentenceTokens(sentence).some((t) => isHead(t.raw))
    );
  if (focus.kind === 'author') {
    // the maker must be named next to the thing, not of another thing in the same sentence
    const tokens = sentenceTokens(sentence);
    const heads = tokens.filter((t) => isHead(t.raw));
    return [...sentence.matchAll(MAKER)].some((m) => {
      const at = tokens.findIndex((t) => t.end > (m.index ?? 0));
      const end = tokens.findIndex((t) => t.start >= (m.index ?? 0) + m[0].length);
      const last = end < 0 ? tokens.length - 1 : end - 1;
      return heads.some((h) => h.pos >= at - MAKER_REACH && h.pos <= last + MAKER_REACH);
    });
  }
  // a topic is checked against the whole corpus vocabulary, not a sentence (evidence.ts)
  if (focus.kind === 'topic') return true;
  const tokens = sentenceTokens(sentence);
  if (focus.kind === 'expansion') return focus.words.every((a) => hasExpansion(a, tokens));
  const heads = tokens.filter((t) => isHead(t.raw)).map((t) => t.pos);
  if (heads.length === 0) return false;
  const fits = answerPositions(focus, tokens, known, sentence);
  // a person named as the subject may stand a few words before the role ("Rikke Bastholm fra Innoba var underviser og
  // *facilitator*")
  const [before, after] = focus.kind === 'count' ? [4, 4] : focus.kind === 'person' ? [PERSON_BEFORE, 3] : [4, 3];
  // a number belongs to the noun it stands with: no clause punctuation in between ("to ting: nye boliger")
  const sameClause = (a: number, b: number) =>
    focus.kind !== 'count' ||
    !/[:;,–—()]/u.test(sentence.slice(tokens[Math.min(a, b)]!.end, tokens[Math.max(a, b)]!.start).replace(/^:/u, ''));
  // words that join a count to its noun do not count as distance ("80 *procent af de* offentlige arbejdspladser")
  const gap = (a: number, b: number) =>
    tokens.slice(Math.min(a, b) + 1, Math.max(a, b)).filter((t) => !COUNT_GLUE.has(t.raw.toLowerCase())).length + 1;
  // a number after the head counts the noun that follows it, if one does ("deltagerne så fire *typer*"), not the head
  const countsAnother = (p: number) => {
    const next = tokens[p + 1];
    return (
      focus.kind === 'count' &&
      next !== undefined &&
      next.pos === p + 1 &&
      !/[,.;:!?()–—]/u.test(sentence.slice(tokens[p]!.end, next.start)) &&
      /^\p{Ll}{4,}$/u.test(next.raw) &&
      !COUNT_GLUE.has(next.raw) &&
      !isHead(next.raw)
    );
  };
  // a person "sammen med" the role is someone else ("Rikke Bastholm faciliterede dagen *sammen med* Lundgrens
  // advokater" names no lawyer)
  const apart = (a: number, b: number) =>
    focus.kind === 'person' &&
    /\b(?:sammen med|together with|along with)\b/iu.test(
      sentence.slice(tokens[Math.min(a, b)]!.end, tokens[Math.max(a, b)]!.start),
    );
  return heads.some((h) =>
    fits.some(
      (p) =>
        (p === h ||
          (p < h && (h - p <= before || (focus.kind === 'count' && gap(p, h) <= before))) ||
          (p > h && p - h <= after && !countsAnother(p))) &&
        sameClause(p, h) &&
        !apart(p, h),
    ),
  );
}

/** Words between a count and the noun it counts that add no distance: a share is a count of the noun too. */
const COUNT_GLUE: ReadonlySet<string> = new Set(['procent', 'pct', 'af', 'de', 'alle', 'percent', 'of', 'the', 'all']);

/** Positions of tokens that are the asked kind of fact. */
function answerPositions(
  focus: QuestionFocus,
  tokens: SentenceToken[],
  known: ReadonlySet<string>,
  sentence: string,
): number[] {
  if (focus.kind === 'count') {
    // a list item's number ("1. Lær kommunen at kende") is its place in the list, not a count
    const marker = /^\s*\d+[.)]\s/u.test(sentence) ? 0 : -1;
    return (
      tokens
        .filter((t) => t.pos !== marker)
        // a number the question gives itself ("hvor mange af de 98 kommuner …") is not the count it asks for
        .filter(
          (t) =>
            ((/^\d+([.,]\d+)?$/u.test(t.raw) && !/^(19|20)\d\d$/u.test(t.raw)) || NUMBER_WORD.test(t.raw)) &&
            !known.has(t.raw.toLowerCase()),
        )
        .map((t) => t.pos)
    );
  }
  const runs = nameRuns(tokens);
  // a capital on the first word proves nothing unless the name goes on or is an acronym
  const isName = (t: SentenceToken) =>
    /^\p{Lu}/u.test(t.raw) &&
    !isKnown(t.raw, known) &&
    (t.pos > 0 || (runs.get(0)?.length ?? 0) > 1 || /^\p{Lu}{2,}$/u.test(t.raw));
  // names that continue a name of the question ("Sorø Kommune" when it asks about Sorø) are not new
  const fresh = tokens.filter((t) => isName(t) && !runs.get(t.pos)?.some((r) => isKnown(r, known)));
  if (focus.kind === 'person') {
    // a person's name: two capitalised words in a row, every word of it (the distance to the role counts from the
    // name's nearest word: "Rikke Bastholm fra Innoba var underviser")
    // ("Aarhus Kommune", "Center for …" name an organisation, not a person)
    const organisation = (t: SentenceToken) => runs.get(t.pos)?.some((r) => NAMED_NOUNS.test(r.toLowerCase())) ?? false;
    return fresh
      .filter((t) => !organisation(t) && fresh.some((u) => u.pos === t.pos + 1 || u.pos === t.pos - 1))
      .map((t) => t.pos);
  }
  return fresh.map((t) => t.pos);
}

function isKnown(raw: string, known: ReadonlySet<string>): boolean {
  const w = raw.toLowerCase().replace(/(['’]s|s|['’])$/u, '');
  return known.has(raw.toLowerCase()) || known.has(w);
}

/** For each capitalised token, the run of adjacent capitalised tokens it belongs to. */
function nameRuns(tokens: SentenceToken[]): Map<number, string[]> {
  const out = new Map<number, string[]>();
  let run: SentenceToken[] = [];
  const flush = () => {
    for (const t of run)
      out.set(
        t.pos,
        run.map((r) => r.raw),
      );
    run = [];
  };
  for (const t of tokens) {
    if (/^\p{Lu}/u.test(t.raw)) run.push(t);
    else flush();
  }
  flush();
  return out;
}

/** An acronym is explained when words with its initials stand near it ("Center for Offentlig Innovation (COI)"). */
export function hasExpansion(acronym: string, tokens: SentenceToken[]): boolean {
  const at = tokens.filter((t) => t.raw === acronym).map((t) => t.pos);
  if (at.length === 0) return false;
  const words = tokens.flatMap((t) => t.raw.split(/[-'’]/u).map((part) => ({ part, pos: t.pos })));
  const letters = acronym.toLowerCase();
  for (let start = 0; start < words.length; start++) {
    let k = 0;
    let i = start;
    while (i < words.length && k < letters.length) {
      const w = words[i]!.part.toLowerCase();
      if (w[0] === letters[k]) k++;
      else if (!(k > 0 && CONNECTORS.has(w))) break;
      i++;
    }
    if (k === letters.length && words[start]!.part !== acronym) {
      const from = words[start]!.pos;
      const to = words[i - 1]!.pos;
      if (at.some((p) => p >= from - 3 && p <= to + 3)) return true;
    }
  }
  return false;
}
