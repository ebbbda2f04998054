import { PERSON_PRONOUNS, personNames } from './condense.js';
import { escapeRegExp } from '../text/regexp.js';
import type { CorpusRelations } from './corpus-relations.js';
import type { Thesaurus } from '../text/thesaurus.js';
import type { Analyzer, ExpressionMatch, WeightedTerm } from '../text/types.js';
import type { FuzzyVocabulary } from './fuzzy.js';
import type { Correction } from './spelling.js';
import { type QuestionFocus, questionFocus } from './focus.js';
import {
  askingPart,
  isSmallTalk,
  ordinalReference,
  type QuestionType,
  questionEntities,
  questionType,
  subQuestions,
} from './question-type.js';
import type { RetrievalIndex } from './retrieval-index.js';
import {
  AUDIENCE,
  AUDIENCE_VERBS,
  AUDIENCE_WORDS,
  CONTACT_FRAME_VERBS,
  DEFINITION_FRAME_VERBS,
  MORE_FRAME_VERBS,
  PARTICLE_VERB_GAP,
  PARTICLES,
  QUERY_FILLER_WORDS,
} from '../text/lexicon-da.js';
import { WEIGHTS } from './weights.js';

/** One alternative way a query word can be matched, with the credit a match earns. */
export interface GroupMember {
  term: string;
  credit: number;
  /** Expands a phrase of the whole question ("nursing home"), not this word alone. */
  phrase?: boolean;
  /** One word of a synonym of several words ("privat" of "privat aktør" for "virksomhed"). */
  ofPhrase?: boolean;
}

/** A content word of the question and every term that counts as matching it. */
export interface TermGroup {
  token: string;
  members: GroupMember[];
  /** Importance in coverage: the best idf among known members (or a default for unknown words). */
  weight: number;
  /** Some member occurs in the index. */
  known: boolean;
  /**
   * The corpus writes the word itself (or a synonym or translation), not only its compound parts ("arbejdstelefon" is
   * known from "arbejde" and "telefon", but no chunk says it). Absent: as `known`.
   */
  whole?: boolean;
  /** From earlier turns: helps ranking, not required for coverage. */
  context: boolean;
  /** A long question's word outside the clause that asks: ranked like context, still required for coverage. */
  story?: boolean;
  /**
   * A compound the corpus never uses whose last part (what the thing is) it never uses either, while it does know
   * a part before it ("tilmeldings|fristen", "budget|loftet"): a kind of thing the corpus does not have.
   */
  unknownHead?: boolean;
  /** A word of an everyday expression of several words ("vasken" of "gå i vasken"): never a topic the corpus lacks. */
  figurative?: boolean;
}

/** Everything retrieval derives from a question once. */
export interface QueryAnalysis {
  /** The question as analysed: spelling repaired (see `asked` for what was typed). */
  text: string;
  /** The question as typed. */
  asked: string;
  /** Words respelt before analysis. */
  corrections: Correction[];
  /** Words neither known nor correctable: probably misspelt, never reported as an uncovered topic. */
  unrecognised: string[];
  type: QuestionType;
  groups: TermGroup[];
  /** Weighted terms for the lexical leg (question, compounds, synonyms, glossary, context). */
  lexicalTerms: WeightedTerm[];
  /** Numbers written in the question. */
  numbers: string[];
  english: boolean;
  /** The idf of a word no chunk contains (the scale of group weights). */
  maxIdf: number;
  /** Eight or more content words: mostly story around the clause that asks. */
  long: boolean;
  /** The clause that asks: a long question's asking clause or last asking sentence, else the whole question. */
  asking: string;
  /** Proper names, acronyms and names of acts written in the question. */
  entities: string[];
  /** The same, in the asking clause only (a long question's story may name what the answer need not). */
  askingEntities: string[];
  /**
   * The people a follow-up's personal pronoun may point at ("hvad er *hendes* mail?"): the full names in the earlier
   * turns it depends on; empty without such a pronoun.
   */
  referredPeople: string[];
  /** What the asking clause asks about and the kind of fact it needs (see focus.ts). */
  focus: QuestionFocus | undefined;
  /** Only greetings, thanks or small talk about the help desk, or a request to write something. */
  smallTalk: boolean;
  /** The sub-questions of a question that asks several things at once (one part when it asks one). */
  parts: QuestionPart[];
  /** The list position the question points at ("punkt nummer tre"), if any. */
  nth: number | undefined;
  /** Hyphenated words as written, lower-cased (`opi-maxi`). */
  hyphenated: string[];
  /**
   * How much the question speaks the corpus's own language: the largest share of chunks that hold one of its
   * words (credit ≥ 0.7). Words the whole corpus is about ("opi", "samarbejde") score high; a word it uses once
   * ("parkere") low.
   */
  domain: number;
}

/** One sub-question of a question that asks several things ("Hvornår udkom den, og på hvilket forlag?"). */
export interface QuestionPart {
  text: string;
  type: QuestionType;
  /** Its tokens, to find the question's term groups it holds. */
  tokens: ReadonlySet<string>;
}

export interface QueryOptions {
  /** Use synonyms and the English→Danish glossary (the "query expansion" stage). */
  expand: boolean;
  /** Also match a word's thesaurus synonyms that the corpus uses (the "thesaurus" stage). */
  thesaurus?: Thesaurus;
  /** Also match the terms the corpus writes with a word's terms (the "relations" stage). */
  relations?: CorpusRelations;
  /** Text of earlier turns that the question depends on. */
  context?: string;
  /** Whether a word is a real word (the dictionary): a real word is never matched to a corpus word by typo tolerance. */
  isRealWord?: (token: string) => boolean;
  /** The proper name a lower-case word stands for (the dictionary's: "odense" → "Odense"), to find names typed in lower case. */
  nameOf?: (word: string) => string | undefined;
}

const CREDIT: Record<WeightedTerm['origin'], number> = {
  query: WEIGHTS.credit.word,
  glossary: WEIGHTS.credit.word,
  synonym: WEIGHTS.credit.synonym,
  compound: WEIGHTS.credit.compound,
  feedback: 0,
};
const EN_MARKERS = new Set('the what which who when where how does do is are of and to for with about can'.split(' '));
const DA_MARKERS = new Set(
  'hvad hvilke hvilken hvilket hvem hvornår hvor hvordan hvorfor er og til med om kan det den de en et af på i jeg vi man skal har ikke der som var blev hos fra også når eller men'.split(
    ' ',
  ),
);

/** A question for what abbreviations the conversation named stand for ("hvad står de forkortelser for?"). */
const POINTED_EXPANSION =
  /\b(?:hvad (?:står|betyder) (?:de|den|det|disse|denne|dette)(?:\s+(?:forkortelse\p{L}*|bogstaver))?\s+for|what (?:do|does) (?:they|those|these|it|that)(?:\s+(?:abbreviations?|acronyms?|letters))?\s+(?:stand for|mean))\b/iu;

/** The abbreviations written in capitals in a conversation's earlier turns, as an expansion focus. */
function contextAbbreviations(context: string): QuestionFocus | undefined {
  const words = [...new Set(context.match(/\b[A-ZÆØÅ]{2,6}\b/gu) ?? [])];
  return words.length > 0 ? { kind: 'expansion', words } : undefined;
}

/** Whether a question is (probably) written in English. */
export function isEnglish(tokens: string[]): boolean {
  let en = 0;
  let da = 0;
  for (const t of tokens) {
    if (EN_MARKERS.has(t)) en++;
    if (DA_MARKERS.has(t)) da++;
  }
  return en > da;
}

/** Analyze a question against an index: term groups for coverage, weighted terms for search. */
export function analyzeQuery(
  question: string,
  analyzer: Analyzer,
  index: RetrievalIndex,
  fuzzy: FuzzyVocabulary,
  options: QueryOptions,
): QueryAnalysis {
  const tokens = analyzer.tokens(question);
  const english = isEnglish(tokens);
  const n = index.stats().chunks;
  // the BM25 idf a word found in no chunk would have: the most informative weight there is
  const maxIdf = Math.log(1 + (n + 0.5) / 0.5);
  // the everyday expressions of a text's tokens, found once: its groups and the lexical leg both use them
  const expressionsIn = (words: string[]) => (options.expand && !english ? (analyzer.expressions?.(words) ?? []) : []);
  const expressions = expressionsIn(tokens);
  const groups = buildGroups(question, tokens, expressions, analyzer, index, fuzzy, options, english, maxIdf, false);
  const audience = AUDIENCE.test(question);
  if (audience) addAudienceGroup(groups, analyzer, index);
  if (options.context) {
    const own0 = groups.length;
    const own = new Set(groups.flatMap((g) => g.members.map((m) => m.term)));
    const contextTokens = analyzer.tokens(options.context);
    const contextExpressions = expressionsIn(contextTokens);
    const contextGroups = buildGroups(
      options.context,
      contextTokens,
      contextExpressions,
      analyzer,
      index,
      fuzzy,
      options,
      english,
      maxIdf,
      true,
    );
    for (const g of contextGroups) {
      if (g.known && !g.members.some((m) => own.has(m.term))) groups.push(g);
    }
    // a follow-up with no content words of its own ("Og hvem var med?") is about the earlier topic
    if (groups.slice(0, own0).every((g) => !g.known)) for (const g of groups) g.context = false;
  }
  const lexical = lexicalTermsOf(groups);
  // an everyday expression of several words ("gå i vasken") helps find passages with its plain words, never to
  // cover the question: its own words stay what they are (an unknown one still says the corpus may not know it)
  for (const m of expressions) {
    if (m.positions.length < 2) continue;
    for (const term of plainTerms(m.plain, analyzer))
      if (!lexical.has(term) && index.documentFrequency(term) > 0)
        lexical.set(term, { term, weight: WEIGHTS.credit.expression, origin: 'synonym' });
  }
  // thesaurus synonyms help find passages, never to cover the question: a lexical term, not a group member
  if (options.thesaurus && !english) {
    for (const g of groups) {
      if (g.context) continue;
      for (const term of thesaurusTerms(g.token, options.thesaurus, analyzer, index)) {
        if (!lexical.has(term)) lexical.set(term, { term, weight: WEIGHTS.credit.thesaurus, origin: 'synonym' });
      }
    }
  }
  // the corpus's own associations of a word help find passages, never to cover the question ("anlæg" → "drift")
  if (options.relations) {
    for (const g of groups) {
      if (g.context || !g.known) continue;
      for (const m of g.members) {
        if (m.credit < 1) continue;
        for (const r of options.relations.related(m.term)) {
          const weight = WEIGHTS.credit.relation * r.strength;
          if ((lexical.get(r.term)?.weight ?? 0) < weight)
            lexical.set(r.term, { term: r.term, weight, origin: 'synonym' });
        }
      }
    }
  }
  // a name typed in lower case, in a Danish question: a stop word is a word first ("andre" is not André); in an
  // English one, a word the glossary translates to a Danish name ("sweden" → "Sverige")
  const danishName = options.nameOf;
  const nameOf = !danishName
    ? undefined
    : english
      ? (w: string) =>
          analyzer
            .translations?.(w)
            .map(danishName)
            .find((name) => name !== undefined)
      : (w: string) => (analyzer.isStopWord(w) ? undefined : danishName(w));
  const long = groups.filter((g) => !g.context).length >= WEIGHTS.query.longQuestion;
  const asking = long ? askingPart(question) : question;
  if (asking !== question) {
    const askingWords = new Set(analyzer.tokens(asking));
    // only when the asking clause holds words of its own to rank by
    if (groups.some((g) => !g.context && askingWords.has(g.token)))
      for (const g of groups) if (!g.context && !g.token.split(' ').every((w) => askingWords.has(w))) g.story = true;
  }
  // "hvem er bogen skrevet til" asks for readers, not for a person who wrote it
  const asked = questionType(long ? asking : question);
  const type = audience && asked === 'who' ? 'other' : asked;
  // "hvad står de forkortelser for?" after an answer naming CFIA and VTU asks what those stand for
  const focus =
    questionFocus(asking) ??
    (options.context && POINTED_EXPANSION.test(asking) ? contextAbbreviations(options.context) : undefined);
  return {
    text: question,
    asked: question,
    corrections: [],
    unrecognised: [],
    // a long question's story may hold question words ("ingen ved, hvem de skal spørge"): its asking clause decides
    type,
    long,
    asking,
    entities: questionEntities(question, nameOf),
    askingEntities: questionEntities(asking, nameOf),
    referredPeople:
      options.context && tokens.some((t) => PERSON_PRONOUNS.has(t)) ? [...new Set(personNames(options.context))] : [],
    // ("hvad er lottes telefonnummer" asks for a number, not what "lottes" is: the contact gate checks whose it is)
    focus: type === 'contact' && focus?.kind === 'topic' ? undefined : focus,
    smallTalk: isSmallTalk(question, analyzer),
    // (a long question's story sentences are no sub-questions: "… de har spurgt, hvordan økonomien hænger sammen.")
    parts: subQuestions(asking).map((text) => ({
      text,
      type: questionType(text),
      tokens: new Set(analyzer.tokens(text)),
    })),
    nth: ordinalReference(question),
    hyphenated: [...question.toLowerCase().matchAll(/\p{L}+(?:-\p{L}+)+/gu)].map((m) => m[0]),
    groups,
    lexicalTerms: [...lexical.values()],
    numbers: question.match(/\d+/g) ?? [],
    english,
    maxIdf,
    domain: domainShare(groups, index, n),
  };
}

/**
 * The lexical leg's terms of some term groups: every member, weighted by its credit (halved for an earlier turn's
 * word), the best weight when several groups hold the same term.
 */
export function lexicalTermsOf(groups: readonly TermGroup[]): Map<string, WeightedTerm> {
  const lexical = new Map<string, WeightedTerm>();
  for (const g of groups) {
    for (const m of g.members) {
      const weight = m.credit * (g.context ? WEIGHTS.query.context : 1);
      const prev = lexical.get(m.term);
      if (!prev || prev.weight < weight) lexical.set(m.term, { term: m.term, weight, origin: 'query' });
    }
  }
  return lexical;
}

function domainShare(groups: readonly TermGroup[], index: RetrievalIndex, chunks: number): number {
  let best = 0;
  for (const g of groups) {
    if (g.context) continue;
    for (const m of g.members)
      if (m.credit >= WEIGHTS.credit.domain) best = Math.max(best, index.documentFrequency(m.term));
  }
  return chunks > 0 ? best / chunks : 0;
}

function buildGroups(
  text: string,
  /** The text's tokens (`analyzer.tokens`). */
  tokens: string[],
  /** The everyday expressions among the tokens (none when expansion is off or the text is English). */
  expressions: readonly ExpressionMatch[],
  analyzer: Analyzer,
  index: RetrievalIndex,
  fuzzy: FuzzyVocabulary,
  options: QueryOptions,
  english: boolean,
  maxIdf: number,
  context: boolean,
): TermGroup[] {
  const { expand } = options;
  const groups: TermGroup[] = [];
  const seen = new Set<string>();
  const englishDocs = index.hasEnglishChunks?.() ?? false;
  const frame = definitionFrame(tokens);
  // a one-word everyday expression ("bøvlet") also means its plain words (several words: the lexical leg only)
  const figurative = new Set(expressions.flatMap((m) => (m.positions.length > 1 ? m.positions : [])));
  for (const [at, token] of tokens.entries()) {
    if (QUERY_FILLER_WORDS.has(token) || seen.has(token) || frame.has(at)) continue;
    // an English document's own term for the word ("html", "over" are Danish stop words, not English ones)
    const englishTerm = englishDocs ? analyzer.englishTerm(token) : undefined;
    const englishMember =
      englishTerm !== undefined && index.documentFrequency(englishTerm) > 0 ? englishTerm : undefined;
    if (analyzer.isStopWord(token) && englishMember === undefined) continue;
    seen.add(token);
    const members = new Map<string, number>();
    // the glossary's translation of an English word is that word, however short its stem ("advice" → "råd")
    const translations = new Set<string>();
    const partSynonyms = new Set<string>();
    const ofPhrase = new Set<string>();
    /** The query terms of a word join the members, each at its origin's credit. */
    const addTerms = (word: string) => {
      for (const wt of analyzer.queryTerms(word)) {
        if (!expand && (wt.origin === 'synonym' || wt.origin === 'glossary')) continue;
        const credit = CREDIT[wt.origin];
        if (credit > (members.get(wt.term) ?? 0)) members.set(wt.term, credit);
        if (wt.origin === 'glossary') translations.add(wt.term);
        if (wt.part) partSynonyms.add(wt.term);
        if (wt.ofPhrase) ofPhrase.add(wt.term);
      }
    };
    if (!analyzer.isStopWord(token)) addTerms(token);
    // a translation whose term is the English word's own stem ("types" → "typer": both "typ") is a translation all
    // the same: queryTerms keeps such a term once, as the word's own
    if (expand && english)
      for (const danish of analyzer.translations?.(token) ?? [])
        for (const term of analyzer.terms(danish)) if (members.has(term)) translations.add(term);
    if (englishMember !== undefined) members.set(englishMember, 1);
    if (members.size === 0) continue;
    // a particle verb is also written as one word ("melde sig til" → "tilmelde", "arbejde sammen" → "samarbejde")
    const glued = english ? undefined : particleVerb(tokens, at, analyzer, index);
    if (glued && !members.has(glued)) members.set(glued, CREDIT.synonym);
    let knownNow = [...members.keys()].some((t) => index.documentFrequency(t) > 0);
    // the stemmer cuts some inflections to another stem than their base word ("virksomhederne" → "virksomhed", but
    // "virksomhed" → "virksom"): an inflection whose own stem is unknown is the word without its ending
    const base = knownNow || english || analyzer.isStopWord(token) ? undefined : uninflected(token, analyzer, index);
    if (base) {
      addTerms(base);
      knownNow = true;
    }
    if (!knownNow) {
      // typo tolerance is for misspellings: a real word ("morgen", "parkere") is matched only to another
      // inflection of itself (one stem begins the other), never to an unrelated word ("borg", "part")
      // (a Danish dictionary says nothing about an English question's words, as for spelling repair)
      const real = !english && (options.isRealWord?.(token) ?? false);
      // a short English word is an English word, not a Danish one misspelt ("main" is no "mail", "part" no "parti")
      const foreign = english && token.length < WEIGHTS.query.englishTypoLength;
      for (const term of foreign ? [] : [...members.keys()]) {
        for (const near of fuzzy.near(term)) {
          if (!members.has(near) && (!real || near.startsWith(term) || term.startsWith(near)))
            members.set(near, WEIGHTS.credit.typo);
        }
      }
    }
    // an English word no English document uses is as unknown as a Danish one: the discount is for Danish-only corpora
    const group = makeGroup(
      token,
      members,
      translations,
      partSynonyms,
      index,
      english && !englishDocs,
      maxIdf,
      context,
    );
    for (const m of group.members) if (ofPhrase.has(m.term) && m.credit < 1) m.ofPhrase = true;
    if (!group.known && !english && hasUnknownHead(token, analyzer, index)) group.unknownHead = true;
    if (figurative.has(at)) group.figurative = true;
    groups.push(group);
  }
  for (const m of expressions) {
    const own = m.positions.length === 1 ? groups.find((g) => g.token === tokens[m.positions[0]!]) : undefined;
    // (a word the corpus uses is read as written there: "rådhuset" is the town hall, not the council)
    if (!own || own.known) continue;
    const terms = plainTerms(m.plain, analyzer).filter((t) => !own.members.some((x) => x.term === t));
    for (const term of terms) own.members.push({ term, credit: CREDIT.synonym });
    own.known = terms.some((t) => index.documentFrequency(t) > 0);
  }
  if (expand) attachPhraseExpansions(text, analyzer, groups, index);
  return mergeDuplicateGroups(groups);
}

/** Tokens between the question word and a definition verb ("what does OPI mean": does, OPI). */
const FRAME_REACH = 4;
/** Tokens between the question word and a contact verb ("hvem skal jeg ringe": skal, jeg). */
const CONTACT_REACH = 3;
/** The question words a contact verb follows ("hvor kan man henvende sig", "how do I reach"). */
const CONTACT_ASKERS: ReadonlySet<string> = new Set(['hvem', 'hvor', 'who', 'whom', 'how']);
/** Tokens after a definition verb within which its particles must come ("hvad går det egentlig ud på"). */
const FRAME_PARTICLE_REACH = 6;

/**
 * Positions of the words that frame a question asking what something is: the verb right after "hvad" ("hvad
 * *betyder* …", "hvad *går* OPI *ud på*") or "mean" after "what (does) …", with the particles the verb needs
 * (`DEFINITION_FRAME_VERBS`). They say what kind of answer is wanted, not what it is about: "går" is not a word
 * to find ("Før et samarbejde *går* i gang"). Without its particles the verb is content ("hvad går galt?").
 */
export function definitionFrame(tokens: readonly string[]): Set<number> {
  const frame = new Set<number>();
  // "hvad tid (på dagen)", "hvilket tidspunkt/klokkeslæt": the words ask for a time, they name nothing to find
  for (let at = 1; at < tokens.length; at++) {
    const asks =
      (tokens[at] === 'tid' && tokens[at - 1] === 'hvad') ||
      ((tokens[at] === 'tidspunkt' || tokens[at] === 'klokkeslæt') && tokens[at - 1] === 'hvilket');
    if (!asks) continue;
    frame.add(at);
    if (tokens[at + 1] === 'på' && tokens[at + 2] === 'dagen') frame.add(at + 2);
  }
  // "hvis jeg vil *høre mere* om …": the wish to learn more names nothing to find either
  for (let at = 0; at + 1 < tokens.length; at++) {
    const next = tokens[at + 1];
    if (MORE_FRAME_VERBS.has(tokens[at]!) && (next === 'mere' || next === 'more')) frame.add(at).add(at + 1);
  }
  // "hvem skal jeg *ringe* til", "who can I *contact*": the verb asks for a contact, it names nothing to find
  for (let at = 1; at < tokens.length; at++) {
    if (!CONTACT_FRAME_VERBS.has(tokens[at]!)) continue;
    const before = tokens.slice(Math.max(0, at - CONTACT_REACH), at);
    if (before.some((t) => CONTACT_ASKERS.has(t))) frame.add(at);
  }
  for (let at = 1; at < tokens.length; at++) {
    const particles = DEFINITION_FRAME_VERBS[tokens[at]!];
    if (!particles) continue;
    const asked = tokens[at - 1] === 'hvad' || tokens.slice(Math.max(0, at - FRAME_REACH), at).includes('what');
    if (!asked) continue;
    const positions = [at];
    let from = at + 1;
    for (const particle of particles) {
      const found = tokens.indexOf(particle, from);
      if (found < 0 || found > at + FRAME_PARTICLE_REACH) break;
      positions.push(found);
      from = found + 1;
    }
    if (positions.length === particles.length + 1) for (const p of positions) frame.add(p);
  }
  return frame;
}

/**
 * Whether the corpus uses `term` as `word`'s term: it occurs, and is not a stem of three letters or less that is not
 * the word itself ("bager" → "bag" says little).
 */
function inCorpus(term: string, word: string, index: RetrievalIndex): boolean {
  return (
    index.documentFrequency(term) > 0 &&
    (term.length >= 4 || term === word || (word.startsWith(term) && SHORT_STEM_ENDINGS.test(word.slice(term.length))))
  );
}

/** Endings that inflect a short noun regularly ("dag|en", "råd|ene", "by|erne"): the word is its stem's. */
const SHORT_STEM_ENDINGS = /^(?:e|en|et|er|ene|erne|ne|s|n|t|ens|ets)$/u;

/** Danish inflection endings, longest first (`uninflected`). */
const INFLECTIONS = ['erne', 'ene', 'ens', 'ne', 'en', 'et', 'er', 'e', 's'];

/**
 * The word without its inflection ending whose stem the corpus knows ("virksomhederne" → "virksomhed"), when the
 * stemmer cut the inflected word to a stem of its own; undefined when no shorter form of four letters or more is known.
 */
function uninflected(token: string, analyzer: Analyzer, index: RetrievalIndex): string | undefined {
  for (const ending of INFLECTIONS) {
    if (!token.endsWith(ending) || token.length - ending.length < 4) continue;
    const base = token.slice(0, -ending.length);
    const stem = analyzer.stem(base);
    if (stem !== analyzer.stem(token) && index.documentFrequency(stem) > 0) return base;
  }
  return undefined;
}

/**
 * Whether a compound's last part is a word the corpus never uses, nor a synonym of it ("advokat|firma" is a
 * "virksomhed"), while a part before it is one the corpus uses.
 */
function hasUnknownHead(token: string, analyzer: Analyzer, index: RetrievalIndex): boolean {
  const parts = analyzer.compoundParts?.(token) ?? [];
  if (parts.length < 2) return false;
  const used = (part: string) =>
    inCorpus(analyzer.stem(part), part, index) ||
    analyzer.queryTerms(part).some((wt) => wt.origin === 'synonym' && !wt.part && inCorpus(wt.term, part, index));
  return !used(parts.at(-1)!) && parts.slice(0, -1).some(used);
}

/** Endings of the noun made from a particle verb (`tilmeld|ing`, `indfør|else`). */
const VERB_NOUN_ENDINGS = ['', 'ing', 'els', 'else'];

/**
 * The corpus term of a verb and the particle after it written as one word ("melde sig til" → `tilmeld`, or the
 * noun `tilmelding`), or undefined when the corpus has no such word.
 */
function particleVerb(tokens: string[], at: number, analyzer: Analyzer, index: RetrievalIndex): string | undefined {
  let next = at + 1;
  while (next < at + 3 && PARTICLE_VERB_GAP.has(tokens[next] ?? '')) next++;
  const particle = PARTICLES[tokens[next] ?? ''];
  if (!particle) return undefined;
  const glued = particle + analyzer.stem(tokens[at]!);
  return VERB_NOUN_ENDINGS.map((e) => glued + e).find((t) => index.documentFrequency(t) > 0);
}

/** A word's thesaurus synonyms that the corpus uses, as analyzed terms. */
function thesaurusTerms(token: string, thesaurus: Thesaurus, analyzer: Analyzer, index: RetrievalIndex): string[] {
  const out: string[] = [];
  for (const synonym of thesaurus.synonyms(token).slice(0, WEIGHTS.query.thesaurusLimit)) {
    if (analyzer.isStopWord(synonym)) continue;
    const term = analyzer.stem(synonym);
    if (term.length >= 4 && !out.includes(term) && index.documentFrequency(term) > 0) out.push(term);
  }
  return out;
}

function makeGroup(
  token: string,
  members: Map<string, number>,
  /** Members that translate the word (glossary): they are the word, whatever their length. */
  translations: ReadonlySet<string>,
  /** Synonyms of the word's compound parts: they match, but never make the word itself known. */
  partSynonyms: ReadonlySet<string>,
  index: RetrievalIndex,
  english: boolean,
  maxIdf: number,
  context: boolean,
): TermGroup {
  // known: a whole-word member occurs in the index, or every compound part does
  let best = 0;
  let whole = false;
  const parts: boolean[] = [];
  for (const [term, credit] of members) {
    const found = translations.has(term) ? index.documentFrequency(term) > 0 : inCorpus(term, token, index);
    if (credit === CREDIT.compound) parts.push(found);
    else if (found && !partSynonyms.has(term)) whole = true;
    if (found) best = Math.max(best, index.idf(term));
  }
  const known = whole || (parts.length > 0 && parts.every(Boolean));
  const weight = known ? best : maxIdf * (english ? WEIGHTS.query.unknownEnglishWord : WEIGHTS.query.unknownWord);
  return {
    token,
    members: [...members.entries()].map(([term, credit]) => ({ term, credit })),
    weight,
    known,
    whole,
    context,
  };
}

/**
 * A question asking whom a text is for: its verb ("skrevet") is the frame, and the words a passage says it with
 * ("målgruppe", "henvender sig til") are a group of their own, when the corpus uses them.
 */
function addAudienceGroup(groups: TermGroup[], analyzer: Analyzer, index: RetrievalIndex): void {
  for (let i = groups.length - 1; i >= 0; i--) if (AUDIENCE_VERBS.has(groups[i]!.token)) groups.splice(i, 1);
  const terms = [...new Set(AUDIENCE_WORDS.map((w) => analyzer.stem(w)))].filter((t) => index.documentFrequency(t) > 0);
  if (terms.length === 0) return;
  const members = terms.map((term) => ({ term, credit: CREDIT.synonym }));
  groups.push({
    token: AUDIENCE_WORDS[0]!,
    members,
    weight: Math.max(...terms.map((t) => index.idf(t))),
    known: true,
    whole: true,
    context: false,
  });
}

/** The stems of the plain words an expression means (stop words left out). */
function plainTerms(plain: readonly string[], analyzer: Analyzer): string[] {
  return [
    ...new Set(
      plain.flatMap((p) =>
        analyzer
          .queryTerms(p)
          .filter((wt) => wt.origin === 'query')
          .map((wt) => wt.term),
      ),
    ),
  ];
}

/** Multi-word synonyms and glossary phrases ("nursing home") expand the whole text, not one token. */
function attachPhraseExpansions(text: string, analyzer: Analyzer, groups: TermGroup[], index: RetrievalIndex): void {
  const inGroups = new Set(groups.flatMap((g) => g.members.map((m) => m.term)));
  const extra = analyzer
    .queryTerms(text)
    .filter((wt) => (wt.origin === 'glossary' || wt.origin === 'synonym') && !inGroups.has(wt.term))
    .filter((wt) => index.documentFrequency(wt.term) > 0);
  if (extra.length === 0) return;
  // a phrase of stop words only ("have ud af") has no word of its own to join: its synonyms are a group of their own
  const stopPhrases = new Map<string, WeightedTerm[]>();
  for (const wt of extra)
    if (wt.ofStopPhrase) stopPhrases.set(wt.ofStopPhrase, [...(stopPhrases.get(wt.ofStopPhrase) ?? []), wt]);
  for (const [phrase, terms] of stopPhrases) {
    const members = terms.map((wt) => ({ term: wt.term, credit: CREDIT[wt.origin] }));
    const weight = Math.max(...terms.map((wt) => index.idf(wt.term)));
    groups.push({ token: phrase, members, weight, known: true, whole: true, context: false });
  }
  const attached = extra.filter((wt) => !wt.ofStopPhrase);
  const targets = groups.filter((g) => !g.known);
  for (const g of targets) {
    for (const wt of attached)
      g.members.push({ term: wt.term, credit: CREDIT[wt.origin] * WEIGHTS.credit.phraseShare, phrase: true });
    // the phrase stands for its own words only: a word it does not hold ("maksimalt" beside "OPI-mini") stays unknown
    if (!inPhrase(g.token, text, attached, analyzer)) continue;
    g.known = true;
    g.weight = Math.max(...extra.map((wt) => index.idf(wt.term)));
  }
}

/** Whether a word is part of the phrase that expanded a text: without it, some expansion is lost. */
function inPhrase(token: string, text: string, extra: readonly WeightedTerm[], analyzer: Analyzer): boolean {
  const escaped = escapeRegExp(token);
  const without = new Set(
    analyzer
      .queryTerms(text.replace(new RegExp(`(?<![\\p{L}\\p{N}])${escaped}(?![\\p{L}\\p{N}])`, 'giu'), ' '))
      .map((wt) => wt.term),
  );
  return extra.some((wt) => !without.has(wt.term));
}

function mergeDuplicateGroups(groups: TermGroup[]): TermGroup[] {
  const byKey = new Map<string, TermGroup>();
  for (const g of groups) {
    const key = g.members
      .filter((m) => m.credit >= 1)
      .map((m) => m.term)
      .sort()
      .join('|');
    if (key && byKey.has(key)) continue;
    byKey.set(key || `#${g.token}`, g);
  }
  return [...byKey.values()];
}

/** Anything that can say whether it holds a term: a set of terms, or a chunk's `ChunkTerms`. */
export interface TermLookup {
  has(term: string): boolean;
}

/** Idf-weighted share of the groups matched in a set of terms (a group counts with its best member's credit). */
export function groupShare(groups: readonly TermGroup[], terms: TermLookup): number {
  let total = 0;
  let got = 0;
  for (const g of groups) {
    total += g.weight;
    let c = 0;
    for (const m of g.members) if (m.credit > c && terms.has(m.term)) c = m.credit;
    got += g.weight * c;
  }
  return total > 0 ? got / total : 0;
}
