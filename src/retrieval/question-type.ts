import {
  COMPOSE_VERBS,
  INSTRUCTION_TO_BOT,
  SMALL_TALK,
  SMALL_TALK_PHRASES,
  SMALL_TALK_TIME,
} from '../text/lexicon-da.js';
import type { Analyzer } from '../text/types.js';
import { WEIGHTS } from './weights.js';

/** What kind of answer a question asks for. */
export type QuestionType = 'count' | 'time' | 'when' | 'name' | 'who' | 'where' | 'why' | 'contact' | 'list' | 'other';

const PATTERNS: [QuestionType, RegExp][] = [
  [
    'contact',
    // (and who to turn to: "hvem skal jeg *ringe til*", "hvem kan man *skrive til*", "who should I *contact*")
    /\b(telefon\w*|tlf|e-?mail\w*|mailadresse|kontaktoplysning\w*|kontaktperson\w*|kontaktes|phone|email|contact details|(?:hendes|hans|deres|dit|jeres) (?:nummer|mail|mailadresse)|\p{L}{3,}s (?:e-?mail|mail|mailadresse)(?=\s*\??\s*$)|(?:her|his|their) (?:e-?mail|mail) address|nummeret (?:til|på)|(?:her|his|their) number|hvem (?:skal|kan|bør|må) (?:jeg|man|vi) (?:kontakte|ringe til|skrive til|maile til|henvende (?:mig|sig|os) til)|(?:hvor|hvem) (?:kan|skal) (?:jeg|man|vi) henvende (?:mig|sig|os)|who (?:should|can|do|could) (?:i|we|one) (?:contact|call|email|write to|phone)|how (?:can|do|could) (?:i|we) (?:contact|reach))\b/iu,
  ],
  [
    'count',
    /\b(hvor (mange|meget|stor(e|t)? (en )?(andel|del)|gammel|gamle|længe|lang tid)|how (old|long)|hvad (kostede|koster|kostar)|pris(en)?|budget\w*|beløb\w*|cost\w*|price|hvilken (procent|andel)|antal(let)?|how (many|much)|what (share|percentage|proportion)|procent\w*|percent\w*)\b/iu,
  ],
  [
    'name',
    /\b(hvad hedder|hvad hed|hvad er navnet|navnet på|what is the name|what was the name|what is .* called|what was .* called)\b/iu,
  ],
  // a time of day ("kl. 13-16"), not a date
  ['time', /\b(hvad tid|hvilket klokkeslæt|hvilket tidsrum|hvornår på dagen|what time|at what time)\b/iu],
  [
    'when',
    // (a keyword question names the kind of answer as a noun: "opi dag aarhus tidspunkt", "værksted dato")
    // (or as the last part of a compound: "nyt sammen bedre udgivelsesdato", "værksted starttidspunkt")
    /\b(hvornår|hvilken dato|hvilket år|hvilket tidspunkt|hvilken dag|(?:what|which) (date|year|day|month)|tidspunkt(?:et)?|dato(?:en)?|årstal(?:let)?)\b|(?<!\p{L})\p{L}+(?:dato|datoen|tidspunkt|tidspunktet)(?!\p{L})|^\s*when\b|\bwhen (was|were|is|are|did|does|do|will)\b/iu,
  ],
  ['who', /\b(hvem|hvilken person|who|whom)\b/iu],
  [
    'where',
    // ("hvor" before an adjective asks how much: "hvor *risikovillige* er de offentlige", "hvor *hurtigt* går det")
    /\b(hvor(henne)?(?! (mange|meget|stor|store|stort|ofte|tit|længe|lang|godt|vidt|dan|for)\b)(?! (?!henne\b)\p{L}+(?:e|ig|igt|lige|ligt|somt|somme)\b)|hvilken by|hvilke byer|hvilket sted|adresse\w*|where|which (city|cities|place))\b/iu,
  ],
  ['why', /\b(hvorfor|why)\b/iu],
  // ("ifølge rådene" names a source, not a list asked for)
  [
    'list',
    /\b(hvilke|nævn|list|hvad er de|which|what are the|typer(ne)?|types|(?<!\b(?:ifølge|i|fra) )råd(ene)?|punkter(ne)?)\b/iu,
  ],
];

const ORDINALS: Record<string, number> = {
  første: 1,
  anden: 2,
  andet: 2,
  tredje: 3,
  fjerde: 4,
  femte: 5,
  sjette: 6,
  syvende: 7,
  ottende: 8,
  niende: 9,
  tiende: 10,
  first: 1,
  second: 2,
  third: 3,
  fourth: 4,
  fifth: 5,
  sixth: 6,
  seventh: 7,
  eighth: 8,
  ninth: 9,
  tenth: 10,
};
const CARDINALS: Record<string, number> = {
  en: 1,
  et: 1,
  to: 2,
  tre: 3,
  fire: 4,
  fem: 5,
  seks: 6,
  syv: 7,
  otte: 8,
  ni: 9,
  ti: 10,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
};
const ITEM_NOUN = String.raw`(?:råd|punkt|trin|skridt|anbefaling|tip|advice|point|step|tip)\w*`;
const COUNTED = [...Object.keys(CARDINALS), ...Object.keys(ORDINALS)].join('|');
/** "nummer to", "nr. 2", "det tredje råd", "råd 2", "step 2". */
const ORDINAL_REF = new RegExp(
  [
    String.raw`\b(?:nummer|nr\.?|number|no\.)\s*(\d{1,2}|${COUNTED})\b`,
    String.raw`\b(${Object.keys(ORDINALS).join('|')}|\d{1,2}\.)\s+${ITEM_NOUN}`,
    String.raw`\b${ITEM_NOUN}\s+(\d{1,2})\b`,
  ].join('|'),
  'iu',
);

/** True for an ordinal word ("første", "tredje", "third"): a position, not a topic. */
export function isOrdinal(word: string): boolean {
  return Object.hasOwn(ORDINALS, word.toLowerCase());
}

/**
 * "hvad er de fem råd", "nævn de 8 myter", "hvilke 8 myter", "what are the four types": the question asks for a list of
 * this many.
 */
const LIST_OF_N = new RegExp(
  String.raw`\b(?:(?:hvad er|hvilke er|nævn|what are|name|list)\s+(?:de|the)|hvilke)\s+(\d{1,2}|${Object.keys(CARDINALS).join('|')})\s+(\p{L}+(?:\s+\p{L}+)?)`,
  'iu',
);

/**
 * How many items a question asks to have listed, and of what ("hvad er de 8 myter?" → 8, "myter"; "de to vigtigste
 * ressourcer" → 2, "vigtigste ressourcer": the noun may follow an adjective), if it asks for a whole list.
 */
export function askedList(question: string): { size: number; noun: string } | undefined {
  const m = LIST_OF_N.exec(question);
  if (!m) return undefined;
  const word = m[1]!.toLowerCase();
  const size = /^\d+$/u.test(word) ? Number(word) : CARDINALS[word];
  return size !== undefined && size >= 2 ? { size, noun: m[2]!.toLowerCase() } : undefined;
}

/** Whether a text writes the number `n` as digits or as a cardinal word ("to vigtigste ressourcer" says 2). */
export function saysNumber(text: string, n: number): boolean {
  const words = Object.keys(CARDINALS).filter((w) => CARDINALS[w] === n);
  return new RegExp(String.raw`(?<![\p{L}\p{N}])(?:${[String(n), ...words].join('|')})(?![\p{L}\p{N}])`, 'iu').test(
    text,
  );
}

/** The position a question points at in a list ("punkt nummer tre", "det tredje trin", "step 2"), if any. */
export function ordinalReference(question: string): number | undefined {
  const m = ORDINAL_REF.exec(question);
  if (!m) return undefined;
  const word = (m[1] ?? m[2] ?? m[3] ?? '').toLowerCase().replace(/\.$/u, '');
  const n = /^\d+$/u.test(word) ? Number(word) : (ORDINALS[word] ?? CARDINALS[word]);
  return n && n > 0 ? n : undefined;
}

const INTERROGATIVE =
  /\b(hvad|hvordan|hvorfor|hvem|hvornår|hvor|hvilke[nt]?|kan man|findes der|er der|what|how|why|who|when|where|which|can you|is there|are there)\b/giu;

/**
 * The sub-questions of a question that asks several things at once
 * ("Hvornår udkom den, og på hvilket forlag?" → two), split before each interrogative
 * that follows a comma or "og"; a single question gives one part.
 */
export function subQuestions(question: string): string[] {
  const starts = [0];
  for (const m of question.matchAll(INTERROGATIVE)) {
    const i = m.index ?? 0;
    if (i > 0 && /(,|\b(og|eller|and|or))\s*(\p{L}+\s+)?$/iu.test(question.slice(Math.max(0, i - 16), i)))
      starts.push(i);
  }
  return starts.map((s, k) => question.slice(s, starts[k + 1] ?? question.length).trim()).filter(Boolean);
}

/**
 * The clause a long question actually asks in: the part after its last dash or ", men"
 * ("…, men hvad er de vigtigste forskelle?", "… – hvordan har andre kommuner grebet det an?");
 * undefined when there is no such clause with a question word.
 */
export function askingClause(question: string): string | undefined {
  let cut = -1;
  for (const m of question.matchAll(/\s[–—-]\s|,\s*(?:men|but)\s/giu)) cut = (m.index ?? 0) + m[0].length;
  if (cut < 0) return undefined;
  const tail = question.slice(cut);
  return new RegExp(INTERROGATIVE.source, 'iu').test(tail) ? tail : undefined;
}

/** Abbreviations a sentence does not end with ("bl.a.", "fx.", "kl."). */
const ABBREVIATION =
  /(?:^|\s)(?:bl\.a|f\.eks|fx|ca|mv|osv|dvs|jf|evt|inkl|ekskl|nr|kl|pga|mht|vedr|e\.g|i\.e|etc)\.$/iu;

/**
 * The sentences of a question, also when typed in lower case ("… slags opi. hvilke findes der?"), never cut after an
 * abbreviation.
 */
export function questionSentences(question: string): string[] {
  const out: string[] = [];
  for (const piece of question.split(/(?<=[.!?])\s+(?=\p{L})/u)) {
    const last = out.at(-1);
    if (last !== undefined && ABBREVIATION.test(last)) out[out.length - 1] = `${last} ${piece}`;
    else out.push(piece);
  }
  return out;
}

/**
 * What a question with a story asks: its asking clause, or else its (last) sentence with a question mark, or else
 * its last sentence with a question word ("Vi har et firma, der … Hvilke råd findes der?"); the whole question
 * when it is one sentence.
 */
export function askingPart(question: string): string {
  const clause = askingClause(question);
  if (clause) return clause;
  const interrogative = new RegExp(INTERROGATIVE.source, 'iu');
  const sentences = questionSentences(question);
  if (sentences.length < 2) return question;
  // the sentence with the question mark asks, wherever it stands ("Hvad afgør …? Jeg spørger, fordi …");
  // without one, the last sentence with a question word
  const marked = sentences.filter((s) => /\?\s*$/u.test(s));
  const asking = marked.at(-1) ?? [...sentences].reverse().find((s) => interrogative.test(s));
  if (asking === undefined) return question;
  // "… der er forskellige slags opi. hvilke findes der, og hvordan vælger man mellem *dem*?": the sentence the
  // pronoun points into asks too
  const at = sentences.lastIndexOf(asking);
  return at > 0 && POINTS_BACK.test(asking) ? `${sentences[at - 1]} ${asking}` : asking;
}

/** A pronoun that points into the sentence before ("… mellem *dem*?", "hvad betyder *det* for os?"). */
const POINTS_BACK = /(?<!\p{L})(?:dem|disse|dette|det her|de her|them|these|those)(?!\p{L})/iu;

/** The answer type a question asks for, from its interrogative phrase. */
export function questionType(question: string): QuestionType {
  for (const [type, re] of PATTERNS) {
    // a question about one numbered item ("ifølge punkt nummer tre") is not asking for the list
    if (type === 'list' && ordinalReference(question) !== undefined) continue;
    if (re.test(question)) return type;
  }
  return 'other';
}

const MONTHS =
  /\b(januar|februar|marts|april|maj|juni|juli|august|september|oktober|november|december|january|february|march|may|june|july|october)\b/iu;
const NUMBER_WORDS =
  /\b(to|tre|fire|fem|seks|syv|otte|ni|ti|tolv|halvdelen|hver (anden|tredje|fjerde)|to ud af tre|tre ud af fire|fire ud af fem)\b/iu;
/** Digits that are dates, years, times, phone numbers or list markers, not amounts. */
const NOT_A_COUNT = new RegExp(
  [
    String.raw`\b\d{1,2}\.\s?(januar|februar|marts|april|maj|juni|juli|august|september|oktober|november|december)\b`,
    String.raw`\b\d{1,2}\/\d{1,2}\/\d{2,4}\b`,
    String.raw`\b(19|20)\d\d(-\d\d)?\b`,
    String.raw`\bkl\.\s?\d{1,2}([.:]\d\d)?(\s?-\s?\d{1,2})?`,
    String.raw`\b\d{2} \d{2} \d{2} \d{2}\b`,
    String.raw`^\s*\d+[.)]\s`,
    String.raw`\b\d{1,2}\s?[-–]\s?\d{1,2}\b`,
    String.raw`\b\p{Lu}\p{Ll}+(vej|gade|torv|torvet|plads|allé|stræde|vænge|vænget|boulevard) \d+`,
  ].join('|'),
  'gimu',
);
const NAME = /(?:^|[^.!?]\s)([A-ZÆØÅ][a-zæøåé]+(?:[ -][A-ZÆØÅ][a-zæøåé]+)+)/u;
/** An acronym of two to five capitals ("CFIA", "COI"), not a word of a title in capitals ("NYT SAMMEN BEDRE"). */
const ACRONYM = /(?<!\p{Lu}\s|\p{L})\p{Lu}{2,5}(?![\p{L}'’]|\s\p{Lu}{2})/u;
const ROLE =
  /\b(direktør|chefkonsulent|konsulent|analysechef|chef|leder|formand|borgmester|facilitator|underviser|forfatter)\w*\b/iu;
/**
 * Three or more items joined by commas and a final og/eller/and/or. The reading pattern,
 * `/[^,.;]+,[^,.;]+(,[^,.;]+)*\s(og|eller|and|or)\s[^,.;]+/iu`, matches exactly where this one
 * does (a match only needs one character of the first and last item), but backtracks
 * quadratically through a long passage without a match; this form is linear per comma.
 */
const ENUMERATION = /[^,.;],[^,.;]+\s(?:og|eller|and|or)\s[^,.;]/iu;
const PLACE_NOUN = /\b(sted(et)?|adresse(n)?|lokale(t)?|huset|centeret|videnscenter\w*|rådhus\w*)\b/iu;
const PLACE = /\b(i|på|fra) [A-ZÆØÅ][a-zæøå]+|\b[A-ZÆØÅ][a-zæøå]+ (Kommune|Region)\b|\b[A-ZÆØÅ][a-zæøå]+ \d{1,3}\b/u;

/** A reason: a causal or conditional connective, or a noun that names a motive ("incitamentet er økonomisk"). */
const WHY =
  /(?<!\p{L})(fordi|derfor|da det|for at|hvis|så længe|skyldes|årsag(en|er)?|grunde[nr]?|incitament(et|er)?|motiv(et|er)?|drivkraft(en)?|because|since|so that|if|reason|motive|incentive)(?!\p{L})/iu;

/** How well a passage's text fits the answer type the question asks for, in [0, 1]. */
export function typeFit(type: QuestionType, text: string): number {
  switch (type) {
    case 'count': {
      // every NOT_A_COUNT pattern holds a digit: without one there is nothing to remove
      const plain = /\d/.test(text) ? text.replace(NOT_A_COUNT, ' ') : text;
      return /\d/.test(plain) ? 1 : NUMBER_WORDS.test(plain) ? WEIGHTS.typeFit.numberWord : 0;
    }
    case 'why':
      // a reason is given with a causal or conditional connective; other sentences stay neutral
      return WHY.test(text) ? 1 : WEIGHTS.typeFit.neutral;
    case 'time':
      return /\bkl\.?\s?\d|\b\d{1,2}[.:]\d{2}\b|\b\d{1,2}\s?[-–]\s?\d{1,2}\b|\b\d{1,2}\s?(am|pm)\b/iu.test(text)
        ? 1
        : 0;
    case 'when':
      return MONTHS.test(text) || /\b(1[89]|20)\d\d\b/.test(text) || /\bkl\.\s?\d/.test(text) ? 1 : 0;
    case 'name':
      return NAME.test(text) || /\b[A-ZÆØÅ]{2,}\b/.test(text) ? 1 : 0;
    case 'who':
      // (an organisation named by its acronym answers "hvem arrangerede …" too: "Arrangører var CFIA og VTU")
      return NAME.test(text)
        ? ROLE.test(text)
          ? 1
          : WEIGHTS.typeFit.nameWithoutRole
        : ROLE.test(text)
          ? WEIGHTS.typeFit.roleWithoutName
          : ACRONYM.test(text)
            ? WEIGHTS.typeFit.acronymOnly
            : 0;
    case 'where':
      return PLACE.test(text) || PLACE_NOUN.test(text) ? 1 : 0;
    case 'contact':
      return /\b\d{2} \d{2} \d{2} \d{2}\b|@\w/.test(text) ? 1 : 0;
    case 'list':
      return /^\s*([-*•]|\d+[.)])\s/m.test(text) || ENUMERATION.test(text) || /\b\d\)/.test(text)
        ? 1
        : WEIGHTS.typeFit.proseForList;
    default:
      return WEIGHTS.typeFit.neutral;
  }
}

// a capitalised word taken whole (CamelCase too: "JavaScript", never "Java"), or an acronym
// (an acronym in brackets is one too: "pre-commercial procurement (PCP)")
const ENTITY =
  /(?<![\p{L}\p{N}])(?:\p{Lu}{2,}(?=\))|(?<!^|[.!?:]\s+|["«(]\s*)(?:[A-ZÆØÅ][A-Za-zÆØÅæøåé]*[a-zæøåé][A-Za-zÆØÅæøåé]*(?:-[A-ZÆØÅa-zæøå]+)*|[A-ZÆØÅ]{2,}))(?![\p{L}\p{N}])/gu;

/** Names of Danish acts are lower-case compounds on "-loven" (forvaltningsloven, serviceloven): names all the same. */
const LAW = /\b\p{Ll}{3,}lov(?:en|ens)\b/gu;

/** A lower-case word (also a part of a hyphenated one). */
const LOWER_WORD = /(?<![\p{L}\p{N}])\p{Ll}+(?![\p{L}\p{N}])/gu;

/**
 * Proper names, acronyms and names of acts written inside the question (not its first word); with `nameOf`
 * (the dictionary's names), also names typed in lower case anywhere ("møder i aarhus" → "Aarhus"), as staff type.
 */
export function questionEntities(question: string, nameOf?: (word: string) => string | undefined): string[] {
  const q = question.trim();
  const found = [...q.matchAll(ENTITY), ...q.matchAll(LAW)].map((m) => m[0]);
  if (nameOf) {
    for (const m of q.matchAll(LOWER_WORD)) {
      // (also in the genitive: "i københavns kommune" names København)
      const name = nameOf(m[0]) ?? (m[0].length > 4 && m[0].endsWith('s') ? nameOf(m[0].slice(0, -1)) : undefined);
      if (name) found.push(name);
    }
  }
  return [...new Set(found)];
}

/**
 * Small talk — only greetings, thanks and stop words — a request to write or translate something (a compose
 * verb among its first words, or after "kan du"/"can you"), or an instruction to set the help desk's rules aside.
 */
export function isSmallTalk(question: string, analyzer: Analyzer): boolean {
  if (INSTRUCTION_TO_BOT.test(question)) return true;
  const tokens = analyzer.tokens(question);
  const content = tokens.filter((t) => !analyzer.isStopWord(t));
  if (tokens.some((t) => SMALL_TALK.has(t)) && content.every((t) => SMALL_TALK.has(t))) return true;
  // a phrase about the help desk itself, with nothing else but greetings and words of the day
  const spaced = ` ${tokens.join(' ')} `;
  const phrase = SMALL_TALK_PHRASES.find((p) => spaced.includes(` ${p} `));
  if (phrase) {
    const rest = analyzer.tokens(spaced.replace(` ${phrase} `, ' ')).filter((t) => !analyzer.isStopWord(t));
    if (rest.every((t) => SMALL_TALK.has(t) || SMALL_TALK_TIME.has(t))) return true;
  }
  // a writing task opens with its verb ("skriv en mail …") or asks for it ("kan du skrive …"); a question
  // about writing ("hvem skal man skrive til?") is a question
  const words = tokens.filter((t) => !SMALL_TALK.has(t));
  const verb = words.slice(0, 4).findIndex((t) => COMPOSE_VERBS.has(t));
  return verb === 0 || (verb > 0 && /^(kan|vil|gider|can|could|would|will|please)$/u.test(words[0]!));
}
