import { OTHER_DESKS_PHRASES, OTHER_DESKS_WORDS, REFERS_BACK, SHARE_WORDS } from '../text/lexicon-da.js';
import { nameSpellings } from '../text/orthography.js';
import { escapeRegExp, wordIn } from '../text/regexp.js';
import { splitSentences } from '../text/sentences.js';
import type { Analyzer } from '../text/types.js';
import type { ChunkTermCache, ChunkTerms } from './chunk-terms.js';
import { editDistance } from './fuzzy.js';
import { groupShare, type QueryAnalysis, type TermGroup } from './query.js';
import { answersFocus, reportsFinding, sentenceTokens } from './focus.js';
import { askedList, typeFit } from './question-type.js';
import type { Passage } from './types.js';
import { WEIGHTS } from './weights.js';

/** Checks on the retrieved text that the answerability decision uses as hard gates. */
export interface Evidence {
  /**
   * Names and acronyms of the question that no top passage mentions (e.g. a country the corpus never names),
   * or, when no single top passage mentions them all, the ones the best such passage lacks (a fact about
   * Aarhus is not an answer about Odense).
   */
  missingEntities: string[];
  /** Small talk ("tak for hjælpen") or a writing task ("skriv en sang …"): nothing the knowledge base answers. */
  smallTalk: boolean;
  /** Words of another desk's topic (HR, IT, facilities, the weather; `OTHER_DESKS_WORDS`) the corpus never uses. */
  otherDesk: string[];
  /** Hyphenated terms of the question the corpus never uses although it knows a part (`OPI-maxi`), and years no top passage mentions. */
  unknownTerms: string[];
  /**
   * The most question words one top-3 passage is about: words in its headings or said at least twice in it
   * (a passage that mentions "dag" once in passing is not about the day the question asks about).
   */
  centralGroups: number;
  /** A sentence that answers the question's content also has the kind of answer asked for (always true for untyped questions). */
  typeOk: boolean;
  /** A sentence holds the asked fact next to the question's head noun (always true without a focus; see focus.ts). */
  focusOk: boolean;
  /**
   * The sentences of the top passages that answer the focus (a price for "koster bogen noget?", a finding for "hvad
   * viste …"), as their passages write them: the answer leads with one. Empty without a focus of that kind.
   */
  focusSentences?: string[];
  /**
   * Question words counted unknown only because their stem is too short to trust ("typer" → "typ", "åbne" → "åbn")
   * that a top passage writes as they are: words the corpus uses after all.
   */
  seen?: string[];
}

/** A question for the exact day ("hvilken dato", "what date"), not just the month or year. */
const ASKS_DATE = /\b(?:hvilken dato|hvilke datoer|datoen|what date|which date|the date)\b/iu;
/** "hvilket år" asks for a year: a month ("i december") does not give it. */
const ASKS_YEAR = /\b(?:hvilket år|hvilke år|årstallet|what year|which year)\b/iu;
const YEAR = /\b(?:1[89]|20)\d\d\b/u;
/** A day of a month: "3. oktober", "den 20. januar", "22/10/2018", "2018-10-03", "October 3". */
const DAY_DATE =
  /\b\d{1,2}\.\s?(?:januar|februar|marts|april|maj|juni|juli|august|september|oktober|november|december)\b|\b\d{1,2}\/\d{1,2}\b|\b\d{4}-\d{2}-\d{2}\b|\b(?:january|february|march|april|may|june|july|august|september|october|november|december)\s\d{1,2}\b/iu;

/** A question for a share ("hvor stor en del", "hvor mange procent", "what share"). */
const ASKS_SHARE =
  /\bhvor stor (?:en )?(?:del|andel|procentdel|procentandel)\b|\bhvor mange procent\b|\bwhat (?:share|percentage|proportion)\b/iu;
/** A share: a percentage, a fraction or "X ud af Y". */
const SHARE =
  /\d\s?(?:%|procent|pct)|\b(?:halvdelen|halvdel|tredjedel|fjerdedel|tredjedele|hver (?:anden|tredje|fjerde|femte)|\p{L}+ ud af \p{L}+|flertallet|størstedelen|mindretallet|percent|half|out of)\b/iu;
/** Auxiliaries after "hvornår" ("hvornår *blev* COI oprettet"): the main verb comes later, after the subject. */
const WHEN_AUXILIARIES: ReadonlySet<string> = new Set(
  'blev bliver er var har havde skal skulle vil ville kan kunne'.split(' '),
);
/** Words that end the clause of a when-question's verb. */
const CLAUSE_END: ReadonlySet<string> = new Set('i på af for med til om hos fra under ved efter og'.split(' '));
/** Verbs that only say that something took place ("holdt", "foregik", "fandt sted"): any date of it answers. */
const TOOK_PLACE = /^(?:af)?hold|^foreg|^fandt$|^finder$|^sk[eé]|^sket$|^var$|^er$/u;

/**
 * The verb of a Danish when-question that says what happened ("hvornår blev COI *oprettet*", "hvornår *udviklede*
 * Innoba toget"): a date answers it only in a sentence saying that verb; undefined when it only asks when something
 * took place or was ("hvornår var dagen", "hvornår blev værkstedet holdt").
 */
export function whenVerb(asking: string): string | undefined {
  const tokens = asking
    .toLowerCase()
    .split(/[^\p{L}\p{N}-]+/u)
    .filter(Boolean);
  const at = tokens.indexOf('hvornår');
  if (at < 0) return undefined;
  const next = tokens[at + 1];
  if (next === undefined) return undefined;
  let verb: string | undefined;
  if (WHEN_AUXILIARIES.has(next)) {
    // the subject comes first; the participle is the last word of its clause that looks like one (a clause cut short
    // by a preposition, "blev de 5 råd *til* …", has none: too unsure to ask for)
    const clause: string[] = [];
    for (const t of tokens.slice(at + 3)) {
      if (CLAUSE_END.has(t)) break;
      clause.push(t);
    }
    verb = clause.filter((t) => !t.includes('-') && /^\p{L}{4,}(?:et|t|ede|te)$/u.test(t)).at(-1);
  } else if (/^\p{L}{3,}(?:ede|te|de|kom)$/u.test(next)) verb = next;
  if (!verb || TOOK_PLACE.test(verb) || tokens[tokens.indexOf(verb) + 1] === 'sted') return undefined;
  return verb;
}

/** A question for how much something changed ("by how much did it fall", "hvor meget færre"): a number answers it. */
const ASKS_MAGNITUDE =
  /\b(?:by how much|how much (?:less|more|fewer|lower|higher|better|cheaper)|how many (?:fewer|more)|hvor meget (?:mindre|mere|færre|bedre|billigere|dyrere|lavere|højere)|hvor mange (?:færre|flere)|med hvor (?:meget|mange procent))\b/iu;
/** A size of change: a number in digits, a share in words, or halved/doubled ("to plejehjem" is no size). */
const MAGNITUDE =
  /\d|\b(?:halvdelen|halveret|fordoblet|tredoblet|dobbelt så|\p{L}+ procent|\p{L}+ gange så|halved|doubled|tripled|twice as|\p{L}+ percent|\p{L}+ times as)\b/iu;
/** A question for how many answered a survey ("hvor mange svarede på rundspørgen", "response rate"). */
const ASKS_RESPONSES =
  /\b(?:hvor mange|how many)\b(?:\s+[^\s?]+){0,4}?\s+(?:svarede|svarer|svaret|besvarede|besvarer|besvaret|responded|respond|answered|replied)\b|\b(?:antal(?:let)? (?:svar|besvarelser|respondenter)|svarprocent\p{L}*|response rate|number of (?:responses|respondents))\b/iu;
/** A sentence about a survey's answers: its responses, respondents or response rate. */
const RESPONSES = /\b(?:svar\p{L}*|besvar\p{L}*|respondent\p{L}*|response\p{L}*|responded|answered|replied)\b/iu;
/** A question for how long something takes or lasts. */
const ASKS_DURATION = /\bhvor (?:lang tid|længe)\b|\bhow long\b/iu;
/** A span of time: "tre måneder", "2 år", "et halvt år", "kl. 13-16". */
const DURATION =
  /\b(?:\d+|en|et|to|tre|fire|fem|seks|syv|otte|ni|ti|nogle|få|mange|halvt?|a|one|two|three|four|five|six|several|few)\s+(?:halvt\s+)?(?:år|års|måned|måneder|uge|uger|dag|dage|døgn|time|timer|minut|minutter|kvartal|kvartaler|years?|months?|weeks?|days?|hours?|minutes?)\b|\bkl\.\s?\d{1,2}\s?[-–]\s?\d{1,2}\b/iu;

/** A question for a specific kind of answer, and the kind a sentence must give: a day, a year, a share, a span of
 * time, a survey's responses, a size of change. */
const SPECIFIC_ANSWERS: readonly (readonly [RegExp, RegExp])[] = [
  [ASKS_DATE, DAY_DATE],
  [ASKS_YEAR, YEAR],
  [ASKS_SHARE, SHARE],
  [ASKS_DURATION, DURATION],
  [ASKS_RESPONSES, RESPONSES],
  [ASKS_MAGNITUDE, MAGNITUDE],
];

/** Quoted spans, each quote paired with the next closing one, left to right. */
const QUOTED = /"[^"\n]*"|“[^”\n]*”|„[^“”\n]*[“”]|«[^»\n]*»/gu;
/** Words from which a quoted span is the title of another text, not a term ("NYT SAMMEN BEDRE" is a term). */
const TITLE_WORDS = 5;

/** `text` without the titles of other texts it quotes ("It-løsning til socialt frikort klar til landets kommuner"). */
function withoutQuotedTitles(text: string): string {
  return text.replace(QUOTED, (span) => (span.split(/\s+/u).length >= TITLE_WORDS ? ' ' : span));
}

const TYPED = new Set(['count', 'time', 'when', 'contact', 'name']);
function mentions(words: ReadonlySet<string>, entity: string): boolean {
  const needle = entity.toLowerCase();
  if (words.has(needle)) return true;
  // a name in the old or the new spelling: "Århus" is "Aarhus", "Ålborg" "Aalborg" (and the other way round)
  if (nameSpellings(needle).some((name) => words.has(name))) return true;
  for (const w of words) {
    // genitive forms (Aarhus', Odenses) and one typo in longer names
    if (w === `${needle}s` || w === `${needle}'` || w === `${needle}'s`) return true;
    if (needle.length >= 5 && Math.abs(w.length - needle.length) <= 1 && editDistance(w, needle, 1) <= 1) return true;
  }
  return false;
}

/** Gather the evidence from the top passages (best first); `cache` holds their analyzed text. */
export function gatherEvidence(
  query: QueryAnalysis,
  passages: Passage[],
  analyzer: Analyzer,
  cache: ChunkTermCache,
): Evidence {
  const top10 = passages.slice(0, 10).map((p) => cache.get(p.chunk));
  const glossed = new Set(
    query.groups
      .filter((g) => g.members.some((m) => m.credit === 1 && !g.token.startsWith(m.term)))
      .map((g) => g.token),
  );
  // a long question is mostly story: its names and focus are read from the clause that asks (query.asking)
  const entities = query.askingEntities.filter((e) => !glossed.has(e.toLowerCase()));
  let missingEntities = entities.filter((e) => !top10.some((t) => mentions(t.words(), e)));
  if (missingEntities.length === 0 && entities.length >= 2) {
    // the names must meet in one of the top passages: the one that lacks the fewest decides
    const lacking = top10.slice(0, 3).map((t) => entities.filter((e) => !mentions(t.words(), e)));
    missingEntities = lacking.reduce((a, b) => (b.length < a.length ? b : a), entities);
  }
  const unknownTerms = [
    ...hyphenatedUnknowns(query),
    ...unknownHeads(query, analyzer, top10),
    ...technicalModifiers(query, analyzer),
    ...missingYears(query, passages),
    ...unknownCompared(query),
  ];
  const { smallTalk, focus } = query;
  // (a long question's story may mention another desk's thing in passing: only the clause that asks decides; a word
  // the corpus knows only from its parts, "arbejds|telefon", is not one it covers)
  const otherDesk = [
    ...new Set([
      ...query.groups
        .filter((g) => !g.context && !g.story && !(g.whole ?? g.known) && isOtherDeskWord(g.token))
        .map((g) => g.token),
      ...otherDeskPhrases(query.asking).filter((p) => !top10.some((t) => t.lowerText().includes(p))),
      ...privateMatters(query),
    ]),
  ];
  const centralGroups = Math.max(0, ...top10.slice(0, 3).map((t) => centralCount(query, t)));
  // "hvad er de 8 myter?": a passage that names the eight without listing them does not answer
  const list = askedList(query.asking);
  const listOk =
    list === undefined ||
    passages.slice(0, 5).some((p) => {
      const terms = cache.get(p.chunk);
      // the noun as written, or its translations and synonyms; an English noun the glossary lacks cannot be looked for
      const about = list.noun.split(' ').some((w) => {
        const group = query.groups.find((g) => g.token === w);
        if (query.english && group && !group.known) return true;
        // (an English word's Danish translations may have less credit than the head's: they are the only way in)
        const members =
          group?.members.filter((m) => query.english || m.credit >= WEIGHTS.evidence.head).map((m) => m.term) ?? [];
        return terms.words().has(w) || [...analyzer.terms(w), ...members].some((t) => terms.has(t));
      });
      return about && listItems(p.chunk.text) >= list.size;
    });
  const seen = query.groups
    .filter((g) => !g.context && !g.known && top10.some((t) => t.words().has(g.token)))
    .map((g) => g.token);
  if (!TYPED.has(query.type) && !focus)
    return { missingEntities, unknownTerms, otherDesk, smallTalk, centralGroups, typeOk: listOk, focusOk: true, seen };
  // a long question's story words are not what an answering sentence must cover: the clause that asks is
  // (an English word the glossary cannot translate is vocabulary it lacks, not a topic a sentence must cover)
  const required = query.groups.filter((g) => !g.context && !g.story && !(query.english && !g.known));
  // a follow-up's earlier topic: a sentence about it may answer a question whose own words it does not say
  // ("hvornår udkom den?" after "hvem skrev håndbogen?": "Den blev udgivet den 10. oktober")
  const topic = query.groups.filter((g) => g.context);
  const sentences = top10.slice(0, 3).flatMap((terms) => {
    const { heading } = terms;
    const list = terms.sentences();
    return list.map(({ text, terms: words }, i) => {
      // a sentence pointing back ("*Den* blev udgivet den 10. oktober") is about what the one before names
      const before = i > 0 && REFERS_BACK.test(text) ? list[i - 1]!.terms : undefined;
      const own = before ? { has: (t: string) => words.has(t) || before.has(t) } : words;
      // the sentence must carry the answer; its headings only half-count
      const withHeading = { has: (t: string) => heading.has(t) || own.has(t) };
      const ownShare = groupShare(required, own);
      return {
        s: text,
        words: own,
        own: ownShare,
        cov: (ownShare + groupShare(required, withHeading)) / 2,
        topic: topic.length > 0 ? groupShare(topic, own) : 0,
        passage: terms,
      };
    });
  });
  const best = Math.max(0, ...sentences.map((x) => x.cov));
  const onTopic = sentences.filter(
    (x) => x.cov >= WEIGHTS.evidence.minTypedCoverage && x.cov >= best * WEIGHTS.evidence.onTopicShare,
  );
  // the answer must add something of the asked kind that the question does not already say
  const known = new Set(query.entities.map((e) => e.toLowerCase()));
  const strip = knownStripper(known);
  const fresh = (s: string) => (query.type === 'name' ? strip(s) : s);
  // a long question is mostly story: no single sentence covers a quarter of it, so its type is not checked
  // "hvilken dato" asks for a day (a month alone, "først i december", does not give it), a share or a duration for
  // one of those (not any number: "kommunens *to* vigtigste ressourcer")
  const asking = query.asking;
  const wanted = SPECIFIC_ANSWERS.filter(([asks]) => asks.test(asking)).map(([, answer]) => answer);
  const specific = (text: string) => wanted.every((answer) => answer.test(text));
  const asksSpecific = wanted.length > 0;
  // a contact line answers for the passage it closes ("Spørgsmål kan rettes til …" on the workshops' page)
  const contactLines =
    query.type === 'contact'
      ? sentences
          .filter(
            (x) => typeFit('contact', x.s) >= 1 && groupShare(required, x.passage) >= WEIGHTS.evidence.contactPassage,
          )
          .map((x) => x.s)
      : [];
  // a share is a share of what the question names: "79 procent af innovationerne sker med eksterne aktører" is no
  // answer to how many happen with *private companies*, words the sentence does not say (a neighbouring number; a
  // word of a synonym phrase alone, "aktør" of "privat aktør", does not say "virksomhed")
  // (only words some top sentence says: a word no passage says is the asker's vocabulary, not another share)
  const qualifiers = ASKS_SHARE.test(asking)
    ? required.filter((g) => g.known && !SHARE_WORDS.has(g.token) && sentences.some((y) => saysGroup(g, y.words)))
    : [];
  const qualified = (x: { words: { has(t: string): boolean } }) =>
    qualifiers.filter((g) => !saysGroup(g, x.words)).length <= WEIGHTS.evidence.shareUnsaid;
  // "hvornår blev COI oprettet": a date of something else (when the book came out) is no answer
  const verb = query.type === 'when' ? whenVerb(asking) : undefined;
  const verbGroup = verb ? query.groups.find((g) => g.token === verb) : undefined;
  const saysVerb = (x: { words: { has(t: string): boolean } }) => !verbGroup || saysGroup(verbGroup, x.words);
  const typeOk =
    listOk &&
    (!TYPED.has(query.type)
      ? // an untyped question may still ask for a specific kind of answer ("by how much did it fall")
        !asksSpecific || onTopic.some((x) => x.own > 0 && specific(x.s) && qualified(x))
      : // a long question is mostly story: no single sentence covers a quarter of it, so only a specific kind of
        // answer it asks for is looked for, in any sentence that says one of its asking words
        query.long
        ? !asksSpecific || sentences.some((x) => x.own > 0 && specific(x.s) && qualified(x))
        : // a sentence that says none of the question's words itself (a source line under the right heading)
          // answers nothing
          onTopic.some(
            (x) =>
              (x.own > 0 || x.topic >= WEIGHTS.evidence.followUpTopic) &&
              typeFit(query.type, fresh(x.s)) >= WEIGHTS.evidence.minTypeFit &&
              specific(x.s) &&
              qualified(x) &&
              saysVerb(x),
          ) || contactLines.length > 0) &&
    // a phone number or an e-mail answers "hvad er nummeret til X" only beside X (COI's number is not Innoba's)
    (query.type !== 'contact' || contactOk(query, entities, sentences, passages.slice(0, 10)));
  let focusOk = true;
  // (the composer leads with the contact line, which says none of the question's words)
  const focusSentences: string[] = typeOk ? [...contactLines] : [];
  if (focus?.kind === 'topic') {
    // the thing asked about must be named in the top passages (its stem, in any inflection or compound)
    const text = top10.map((t) => t.lowerText()).join(' ');
    // the word where a word begins; a short stem ("rettigheder" → "ret", "sko") begins too many other words
    const named = (w: string, within: string) => {
      const stem = analyzer.stem(w);
      return wordIn(within, w, w.length < 5) || (stem.length >= 5 && wordIn(within, stem, false));
    };
    // a term the passages only name inside the title of another text ("… henviser til 'It-løsning til socialt
    // frikort klar til landets kommuner'") is not explained there
    const unquoted = withoutQuotedTitles(text);
    // (English words are matched through the glossary, so only Danish questions are checked)
    focusOk =
      query.english ||
      ([...focus.words, ...(focus.source ?? [])].every(
        (w) => (query.groups.find((g) => g.token === w)?.known ?? true) || named(w, text),
      ) &&
        focus.words.every((w) => !named(w, text) || named(w, unquoted)));
  } else if (focus) {
    // a role is matched by its own word or a synonym standing alone ("direktør" is not answered by an "analysechef")
    const isHead = headMatcher(focus.words, query, analyzer, WEIGHTS.evidence.head);
    // names and numbers the question gives answer nothing
    const given = new Set([...known, ...query.numbers]);
    // an acronym's expansion may stand anywhere in the top passages; a finding in a top passage's sentence, or under
    // a heading that announces it ("Hovedkonklusionen: …") in a passage of the thing asked about
    const sentencesOf = (p: Passage) => p.chunk.text.split('\n').flatMap((line) => splitSentences(line));
    // each tested text with the sentence the passage writes (a finding is tested under its announcing heading)
    const pairs: [tested: string, sentence: string][] =
      focus.kind === 'result' || focus.kind === 'author'
        ? passages
            .slice(0, 5)
            .flatMap((p) =>
              reportsFinding(p.chunk.section)
                ? sentencesOf(p).map((x): [string, string] => [`${p.chunk.title}. ${p.chunk.section}: ${x}`, x])
                : sentencesOf(p).map((x): [string, string] => [x, x]),
            )
        : [];
    const pool =
      focus.kind === 'expansion'
        ? passages.slice(0, 5).flatMap(sentencesOf)
        : focus.kind === 'result' || focus.kind === 'author'
          ? pairs.map(([tested]) => tested)
          : focus.kind === 'person' && entities.length > 0
            ? // the person asked about belongs to the names the question gives: "who is the director of COI" is not
              // answered by a director of another organisation, in a passage that never names COI
              onTopic.filter((x) => entities.some((e) => mentions(x.passage.words(), e))).map((x) => x.s)
            : onTopic.map((x) => x.s);
    // an English head word the glossary does not translate cannot be looked for
    // (one the glossary does translate is looked for: "author" as "forfatter")
    const untranslated =
      query.english &&
      focus.words.length > 0 &&
      focus.words.every(
        (w) =>
          !query.groups.find((g) => g.token === w)?.members.some((m) => m.credit >= 1 && m.term !== analyzer.stem(w)),
      ) &&
      !pool.some((s) => sentenceTokens(s).some((t) => isHead(t.raw)));
    if (focus.kind === 'expansion') {
      focusOk =
        untranslated ||
        focus.words.every((a) => pool.some((s) => answersFocus({ kind: 'expansion', words: [a] }, s, isHead, known)));
    } else {
      const answering = pool.flatMap((s, i) => (answersFocus(focus, s, isHead, given) ? [pairs[i]?.[1] ?? s] : []));
      // (an untranslated English head word is not looked for, but a price is still a price: "how much does the
      // printed version cost?" needs a sentence that states one)
      const anyAmount = () => pool.some((x) => answersFocus({ kind: 'amount', words: [] }, x, isHead, given));
      focusOk = answering.length > 0 || (untranslated && (focus.kind !== 'amount' || anyAmount()));
      focusSentences.push(...answering);
    }
  }
  return { missingEntities, unknownTerms, otherDesk, smallTalk, centralGroups, typeOk, focusOk, seen, focusSentences };
}

/**
 * The most items a text lists: its list lines (bullets or numbers), or the items of its longest enumeration in one
 * sentence ("A, B, C og D" → 4; generous: a comma between clauses counts too).
 */
export function listItems(text: string): number {
  const lines = text.split('\n').filter((line) => /^\s*(?:[-*•]|\d+[.)])\s/u.test(line)).length;
  const enumerations = splitSentences(text.replace(/\n/gu, ' ')).map(
    (s) => (s.match(/,/gu)?.length ?? 0) + (/\s(?:og|eller|and|or)\s/iu.test(s) ? 2 : 1),
  );
  return Math.max(lines, ...enumerations, 0);
}

/** The phrases of another desk's topic (`OTHER_DESKS_PHRASES`) a question holds, as whole words. */
export function otherDeskPhrases(question: string): string[] {
  const spaced = ` ${question.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ')} `;
  return OTHER_DESKS_PHRASES.filter((p) => spaced.includes(` ${p} `));
}

/** A possessive and the one or two words after it ("min *fodboldklub*", "vores *fælles projekt*"). */
const POSSESSIVE = /\b(?:min|mit|mine|vores|my|our)\s+(\p{L}[\p{L}-]*)(?:\s+(\p{L}[\p{L}-]*))?/giu;

/**
 * The asker's own things the corpus never mentions ("partnerskab i min *fodboldklub*", "mit *barn*"): a private
 * matter, whatever OPI words stand around it. The words after the possessive, stop words aside, must all be unknown
 * ("vores fælles *projekt*" is about a project). A long question's story is the asker's own situation: not read.
 */
function privateMatters(query: QueryAnalysis): string[] {
  if (query.long) return [];
  const unknown = new Map(query.groups.filter((g) => !g.context).map((g) => [g.token, !g.known]));
  const out: string[] = [];
  for (const m of query.asking.toLowerCase().matchAll(POSSESSIVE)) {
    const words = [m[1]!, m[2]].filter((w): w is string => w !== undefined && unknown.has(w));
    if (words.length > 0 && words.every((w) => unknown.get(w))) out.push(words.join(' '));
  }
  return out;
}

/** Endings of an inflected form of another desk's word ("ferien", "printerne"). */
const INFLECTION = /^(?:e|n|en|et|er|erne|ne|s)$/u;

/** A word of another desk's topic: listed, or (five letters or more) inflected or the last part of a compound. */
export function isOtherDeskWord(token: string): boolean {
  if (OTHER_DESKS_WORDS.has(token)) return true;
  for (const word of OTHER_DESKS_WORDS) {
    if (word.length < 5) continue;
    if (token.startsWith(word) && INFLECTION.test(token.slice(word.length))) return true;
    if (token.length > word.length + 2 && token.endsWith(word)) return true;
  }
  return false;
}

/**
 * Years the question names (2019, 2021) that no top-three passage nearly as relevant as the best mentions: a
 * question about another year.
 */
export function missingYears(query: QueryAnalysis, passages: Passage[]): string[] {
  const years = query.numbers.filter((n) => /^(19|20)\d\d$/.test(n));
  if (years.length === 0) return [];
  // only passages nearly as relevant as the best: a year in a passage on something else answers nothing
  const best = passages[0]?.score ?? 0;
  const text = passages
    .slice(0, 3)
    .filter((p) => p.score >= best * WEIGHTS.evidence.yearPassageShare)
    .map((p) => `${p.chunk.title} ${p.chunk.section} ${p.chunk.text}`)
    .join(' ');
  return years.filter((y) => !new RegExp(`(^|\\D)${y}(\\D|$)`).test(text));
}

/** How many of the question's own words a passage is about: in its headings, or twice in its text. */
function centralCount(query: QueryAnalysis, terms: ReturnType<ChunkTermCache['get']>): number {
  const counts = new Map<string, number>();
  for (const t of terms.bodySeq) counts.set(t, (counts.get(t) ?? 0) + 1);
  return query.groups.filter(
    (g) =>
      !g.context &&
      g.members.some(
        (m) => m.credit >= WEIGHTS.evidence.central && (terms.heading.has(m.term) || (counts.get(m.term) ?? 0) >= 2),
      ),
  ).length;
}

/**
 * Hyphenated terms (`OPI-maxi`, `OPI-lab`) whose glued form is unknown to the corpus while one part is known
 * and another is a real word the corpus never uses (not a misspelling): a named term the corpus does not define.
 */
function hyphenatedUnknowns(query: QueryAnalysis): string[] {
  const byToken = new Map(query.groups.filter((g) => !g.context).map((g) => [g.token, g]));
  const misspelt = new Set(query.unrecognised);
  const out: string[] = [];
  for (const word of query.hyphenated) {
    const parts = word.split('-');
    const glued = byToken.get(parts.join(''));
    if (!glued || glued.known) continue;
    // (a part that is no word to match — a stop word, a prefix like "co" — neither names the family nor lacks)
    const known = parts.map((p) => byToken.get(p)?.known);
    // a known part names the family, an unknown real word the member the corpus lacks ("maxi")
    const lacking = parts.filter((p, i) => known[i] === false && !misspelt.has(p));
    // (or, when no part is known, the whole thing is one the corpus lacks: "ip-rettigheder")
    if (lacking.length > 0 && (known.some((k) => k === true) || lacking.length === parts.length)) out.push(word);
  }
  return out;
}

/** Endings of learned (Latinate) adjectives: "prækommerci|elt", "funktion|el", "dynam|isk", "innovat|iv", "primær". */
const LEARNED_ADJECTIVE = /(?:i?el|iell|isk|iv|ær)(?:t|e)?$/u;

/**
 * A learned adjective the corpus never uses right before a noun it knows ("prækommercielt indkøb", "dynamisk
 * indkøbssystem"): a technical term the corpus does not define, like a hyphenated one (`OPI-maxi`). Everyday
 * adjectives ("en almindelig sygeplejerske") are not learned words and stay out.
 */
function technicalModifiers(query: QueryAnalysis, analyzer: Analyzer): string[] {
  // Danish endings: an English question's words ("collaborative") mostly have no Danish twin anyway
  if (query.english) return [];
  const byToken = new Map(query.groups.filter((g) => !g.context && !g.story).map((g) => [g.token, g]));
  const misspelt = new Set(query.unrecognised);
  const tokens = analyzer.tokens(query.asking);
  const out: string[] = [];
  for (let i = 0; i + 1 < tokens.length; i++) {
    const modifier = byToken.get(tokens[i]!);
    const noun = byToken.get(tokens[i + 1]!);
    if (!modifier || modifier.known || misspelt.has(modifier.token) || !noun?.known) continue;
    // learned words are long; a short one is more likely a verb ("lære kommunen") or a stem too short to trust
    if (modifier.token.length >= 8 && LEARNED_ADJECTIVE.test(modifier.token))
      out.push(`${modifier.token} ${noun.token}`);
  }
  return out;
}

/**
 * Compounds of the clause that asks whose last part the corpus never uses (`TermGroup.unknownHead`): a deadline
 * ("tilmeldingsfristen") or a ceiling ("budgetloftet") of something the corpus covers, but not one it gives.
 */
function unknownHeads(query: QueryAnalysis, analyzer: Analyzer, top10: readonly ChunkTerms[]): string[] {
  return query.groups
    .filter((g) => g.unknownHead && !g.context && !g.story)
    .filter((g) => {
      // a last part whose stem is too short to trust ("typer" → "typ") is known when a top passage writes it
      const last = analyzer.compoundParts?.(g.token).at(-1);
      return last === undefined || !top10.some((t) => t.words().has(last));
    })
    .map((g) => g.token);
}

/** A comparison's two sides: "forskellen på *A* og *B*", "the difference between *A* and *B*". */
const COMPARISON =
  /\b(?:forskel(?:len|lene)?|difference)\s+(?:på|paa|mellem|between|of)\s+(?:[\p{L}\p{N}-]+\s+){0,3}?([\p{L}\p{N}-]+)\s+(?:og|and|vs\.?|versus)\s+([\p{L}\p{N}-]+)/iu;

/**
 * A side of a comparison the corpus does not know ("hvad er forskellen på opi og *opp*"): the difference to something
 * it never mentions is not in it, however well it knows the other side (a misspelt word is never reported).
 */
function unknownCompared(query: QueryAnalysis): string[] {
  const m = COMPARISON.exec(query.asking);
  if (!m) return [];
  const misspelt = new Set(query.unrecognised);
  const sides = [m[1]!, m[2]!].map((w) => w.toLowerCase());
  return query.groups
    .filter((g) => !g.context && !g.known && !misspelt.has(g.token) && sides.includes(g.token))
    .map((g) => g.token);
}

/** The one a contact question asks about, after its preposition ("nummeret *til innoba*", "kontakte *i COI*"). */
const CONTACT_TARGET = /\b(?:til|hos|for|i|på|to|at|of|for)\s+(\p{L}[\p{L}-]*)/giu;

/**
 * Whether a sentence says a question word: a member of its own, or two words of a synonym phrase ("eksterne aktører"
 * for "partners"); one word of a phrase alone ("aktør" of "privat aktør") does not say "virksomhed".
 */
export function saysGroup(group: TermGroup, words: { has(term: string): boolean }): boolean {
  let phraseWords = 0;
  for (const m of group.members) {
    if (!words.has(m.term)) continue;
    if (!m.ofPhrase || ++phraseWords >= 2) return true;
  }
  return false;
}

/** The one whose number a genitive names, typed in lower case ("*lottes* telefonnummer", "*innobas* mail"). */
const CONTACT_OWNER = /(?<!\p{L})(\p{L}{3,})s\s+(?:telefon|tlf|nummer|mobil|e-?mail|mail)/giu;

/**
 * A phone number or an e-mail answers "hvad er nummeret til X" only beside X: COI's number is not Innoba's. X is a
 * name of the question, or a word after its preposition that the passages write as a name (typed in lower case).
 */
export function contactOk(
  query: QueryAnalysis,
  entities: string[],
  sentences: { s: string }[],
  passages: Passage[],
): boolean {
  const texts = passages.map((p) => p.chunk.text);
  // ("hvad er *hendes* mail?" asks for the contact of the person the conversation named, by surname)
  const targets =
    entities.length > 0
      ? entities
      : query.referredPeople.length > 0
        ? query.referredPeople.map((name) => name.split(/\s+/u).at(-1)!)
        : [
            ...[...query.asking.matchAll(CONTACT_TARGET)].map((m) => m[1]!),
            ...[...query.asking.matchAll(CONTACT_OWNER)].map((m) => m[1]!),
          ].filter((w) => writtenAsName(w, texts));
  if (targets.length === 0) return true;
  const wordsOf = (text: string) => new Set(text.toLowerCase().match(/[\p{L}\p{N}'’-]+/gu));
  return sentences.some((x) => typeFit('contact', x.s) >= 1 && targets.some((e) => mentions(wordsOf(x.s), e)));
}

/** Whether some text writes `word` with a capital where no sentence begins ("… af Innoba"): a name. */
function writtenAsName(word: string, texts: string[]): boolean {
  const pattern = new RegExp(`(?<!\\p{L})${escapeRegExp(word)}(?!\\p{L})`, 'giu');
  const opensSentence = (before: string) => /(?:^|[.!?:]|\n\s*(?:[-*•]|\d+[.)])?)\s*$/u.test(before);
  return texts.some((text) =>
    [...text.matchAll(pattern)].some((m) => /^\p{Lu}/u.test(m[0]) && !opensSentence(text.slice(0, m.index ?? 0))),
  );
}

/** Whether a sentence word matches a head word: its stem, compound parts, synonyms or glossary terms. */
function headMatcher(
  words: string[],
  query: QueryAnalysis,
  analyzer: Analyzer,
  minCredit: number,
): (token: string) => boolean {
  // the word itself may stand inside a compound ("chef" in "analysechef"); a synonym only as a word of its own
  // ("chefen" is answered by "direktør", "direktør" not by "analysechef")
  const terms = new Set<string>();
  const wholeWords = new Set<string>();
  for (const w of words) {
    const group = query.groups.find((g) => g.token === w);
    if (!group) for (const t of analyzer.terms(w)) terms.add(t);
    for (const m of group?.members ?? []) {
      if (m.credit < minCredit || m.phrase || m.ofPhrase) continue;
      (m.credit >= WEIGHTS.credit.word ? terms : wholeWords).add(m.term);
    }
  }
  // the stemmer cuts some inflections differently ("artiklen" → "artikl", "artikel" → "artikel"): a long stem one
  // letter from the head's is the same word
  const own = words.map((w) => analyzer.stem(w)).filter((s) => s.length >= MIN_STEM_VARIANT);
  const heads = [...terms].filter((t) => t.length >= MIN_COMPOUND_HEAD);
  return (token) => {
    const stem = analyzer.stem(token.toLowerCase());
    return (
      wholeWords.has(stem) ||
      analyzer.terms(token).some((t) => terms.has(t)) ||
      // the word itself as the last part of a compound the analyzer does not split ("cykel|hjelm" for "helmet")
      heads.some((t) => stem.length > t.length && stem.endsWith(t)) ||
      (stem.length >= MIN_STEM_VARIANT && own.some((h) => editDistance(h, stem, 1) <= 1))
    );
  };
}

/** Shortest head word found as the last part of a compound (`headMatcher`). */
const MIN_COMPOUND_HEAD = 4;
/** Shortest stem that another stem one edit away may stand for (`headMatcher`). */
const MIN_STEM_VARIANT = 6;

/** A function removing the names the question already contains from a sentence (patterns compiled once). */
export function knownStripper(known: Set<string>): (sentence: string) => string {
  // (letter lookarounds, not \b: a JavaScript \b knows no "ø", so "\bsorø\b" never matched a name ending in one)
  const patterns = [...known].map(
    (name) => new RegExp(`(?<![\\p{L}\\p{N}])${escapeRegExp(name)}(?![\\p{L}\\p{N}])`, 'giu'),
  );
  return (sentence) => {
    let out = sentence;
    for (const re of patterns) out = out.replace(re, ' ');
    return out;
  };
}
