import type { Analyzer } from '../text/types.js';
import type { Turn } from '../conversation.js';

/** A question made retrievable on its own. */
export interface Condensed {
  /** The question plus the topic it refers back to, readable by people and chat models. */
  standalone: string;
  /** Earlier user turns (and the last answer's first sentence) the question depends on (absent when it stands alone). */
  context?: string;
  /**
   * The question to retrieve for instead of the one asked, when the follow-up is the last question asked again about
   * another party or place ("og hos kommunerne?" after "hvor hurtigt beslutter man hos virksomheder?").
   */
  rewritten?: string;
}

const OPENERS = /^(og|men|så|hvad med|hvad så med|også|and|but|what about|how about|also)\b/iu;
const ANAPHORA = new Set(
  'den det de dem deres dens dets denne dette disse der her hun han hans hendes it they them their that those this these there he she his her'.split(
    ' ',
  ),
);

/** An elliptic follow-up that asks the same about another party or place ("og hos kommunerne?", "what about in Odense?"). */
const CONTRAST =
  /^(?:og|men|hvad med|hvad så med|and|but|what about|how about)\s+(hos|for|i|på|ved|blandt|in|at|for|among)\s+([^\s?]+(?:\s+[^\s?]+)?)\s*\??$/iu;

const PLACE_PREPOSITIONS = new Set(['i', 'på', 'in', 'at']);

/**
 * An elliptic follow-up naming only another party, without a preposition ("og kommunerne?", "and the public side?",
 * "hvad med de private virksomheder?"): the same question about that party when the last question named one.
 */
const PARTY_CONTRAST =
  /^(?:og|men|hvad med|hvad så med|and|but|what about|how about)\s+(?:(?:de|den|det|the)\s+)?([\p{L}-]+(?:\s+[\p{L}-]+){0,2})\s*\??$/iu;

/** Words naming a party of a collaboration (the public side, companies, citizens …), in Danish and English. */
const PARTY =
  /^(?:virksomhed|firma|private?|offentlig|kommun|region|stat(?:en|s)?$|politiker|borger|medarbejder|forvaltning|aktør|part(?:en|erne|er)?$|side|sektor|compan|business|firm|public|municipal|citizen|politician|government|actor|sector|party|parties)/iu;

export const PERSON_PRONOUNS: ReadonlySet<string> = new Set('han hun hans hendes ham he she his her him'.split(' '));

/** "den første (af dem)", "den sidste", "the second one": one of several things the last answer named. */
const ORDINAL_PICK =
  /\b(?:den|det|the)\s+(første|anden|andet|tredje|sidste|first|second|third|last)(?:\s+(?:one|af dem|of them))?\b/iu;

function pickNamed(names: string[], ordinal: string): string | undefined {
  const at: Record<string, number> = { første: 0, first: 0, anden: 1, andet: 1, second: 1, tredje: 2, third: 2 };
  return ordinal === 'sidste' || ordinal === 'last' ? names.at(-1) : names[at[ordinal] ?? -1];
}

/** Full personal names in a text: two or more capitalised words in a row ("Lotte Rømer Grove"). */
export function personNames(text: string): string[] {
  return [...text.matchAll(/(?<![\p{L}])\p{Lu}\p{Ll}+(?:\s+\p{Lu}\p{Ll}+)+/gu)]
    .map((m) => m[0].replace(SENTENCE_OPENER, ''))
    .filter((name) => /\s/u.test(name));
}

/** A word that opens a sentence before a name ("*Kontakt* Lotte Rømer Grove …"), not part of it. */
const SENTENCE_OPENER = /^(?:Kontakt|Ring|Skriv|Spørg|Send|Se|Læs|Det|Den|Du|Hun|Han|Contact|Call|Ask|Write|It)\s+/u;

/**
 * Decide whether a question leans on earlier turns (an elliptic follow-up such as
 * "Og hvilken kommune var det?") and, if so, carry the topic of the last two user turns and the first
 * sentence of the last answer.
 * Lexical and model-free; a chat model can replace it when configured.
 */
export function condenseQuestion(question: string, history: Turn[], analyzer: Analyzer): Condensed {
  const earlier = history
    .filter((t) => t.role === 'user')
    .slice(-2)
    .map((t) => t.content.trim());
  if (earlier.length === 0) return { standalone: question };
  const tokens = analyzer.tokens(question);
  const content = tokens.filter((t) => !analyzer.isStopWord(t) && t.length > 2);
  const followUp = OPENERS.test(question.trim()) || tokens.some((t) => ANAPHORA.has(t)) || content.length <= 3;
  if (!followUp) return { standalone: question };
  // "hendes"/"his" points at a person: most likely one the last answer named ("Det er Lotte Rømer Grove.")
  const lastAnswer = history.filter((t) => t.role === 'assistant').at(-1)?.content ?? '';
  // "den første af dem" / "den anden" is one of the people the last answer named, in order: the question is asked
  // about that person by name ("hvad er nummeret til Lotte Rømer Grove?")
  const named = personNames(lastAnswer);
  const ordinal = ORDINAL_PICK.exec(question);
  const picked = ordinal ? pickNamed(named, ordinal[1]!.toLowerCase()) : undefined;
  if (picked) {
    const rewritten = question.replace(ORDINAL_PICK, picked);
    return { standalone: rewritten, rewritten, context: earlier.join(' ') };
  }
  const names = tokens.some((t) => PERSON_PRONOUNS.has(t)) ? named : [];
  // the last answer's first sentence says what the conversation turned to ("CFIA og VTU samlede de vigtigste
  // aktører …" before "hvilke afdelinger kom folk fra?")
  // "og hos kommunerne?" after "… hos virksomheder?": the same question about another party — the earlier party and
  // the answer about it are left out
  const contrast = CONTRAST.exec(question.trim());
  if (contrast) {
    const [, prep, party] = contrast as unknown as [string, string, string];
    const last = earlier.at(-1)!;
    // after a preposition of place the earlier place is a name ("i Aalborg"), not the topic ("i OPI")
    const word = PLACE_PREPOSITIONS.has(prep.toLowerCase()) ? '\\p{Lu}\\p{Ll}[\\p{L}-]*' : '\\p{L}[\\p{L}-]*';
    // (an adjective goes with its noun: "hos offentlige aktører" is one party)
    const other = new RegExp(`\\b${prep}\\s+(?:(?:de|den|det|the)\\s+)?(?:\\p{Ll}+e\\s+(?=\\p{L}))?${word}`, 'u');
    const rewritten = other.test(last)
      ? last.replace(other, `${prep} ${party}`)
      : `${last.replace(/\?\s*$/u, '')} ${prep} ${party}`;
    return { standalone: rewritten, rewritten };
  }
  const party = partyContrast(question, earlier.at(-1)!);
  if (party) return { standalone: party, rewritten: party };
  const topic = [...earlier, answerLead(lastAnswer), ...names].filter(Boolean);
  return { standalone: `${question} (${topic.join(' / ')})`, context: topic.join(' ') };
}

/**
 * "og kommunerne?" after "hvor hurtigt beslutter virksomhederne?": the last question with its party (the first run
 * of party words, "private company", "offentlige aktører") replaced by the one asked about; undefined unless the
 * follow-up names only a party and the last question names one.
 */
function partyContrast(question: string, last: string): string | undefined {
  const m = PARTY_CONTRAST.exec(question.trim());
  if (!m) return undefined;
  const asked = m[1]!;
  if (!asked.split(/\s+/u).some((w) => PARTY.test(w))) return undefined;
  const words = [...last.matchAll(/[\p{L}-]+/gu)];
  const first = words.findIndex((w) => PARTY.test(w[0]));
  if (first < 0) return undefined;
  let end = first;
  while (end + 1 < words.length && PARTY.test(words[end + 1]![0])) end++;
  // an adjective alone replaces the adjective and keeps the noun ("de offentlige?" after "private aktører")
  if (!/\s/u.test(asked) && /e$/iu.test(asked) && /e$/iu.test(words[first]![0])) end = first;
  const from = words[first]!.index!;
  const to = words[end]!.index! + words[end]![0].length;
  return `${last.slice(0, from)}${asked}${last.slice(to)}`;
}

/** The first sentence of an answer, without citation markers: what the conversation turned to. */
function answerLead(answer: string): string {
  const text = answer
    .replace(/\[\d+\]/g, ' ')
    .replace(/^\(.*?\)\s*/u, '')
    .trim();
  return (text.split(/(?<=[.!?])\s/u)[0] ?? '').slice(0, 300);
}
