import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { HelpdeskError } from '../errors.js';
import { IRREGULAR_VERB_FORMS } from './lexicon-da.js';
import type { ExpressionMatch } from './types.js';

const Phrase = z.union([z.string(), z.number()]).transform((v) => String(v).trim());

/** The synonym file as written (`corpus/_meta/synonyms.yaml`). */
export const SynonymFile = z.object({
  /** Groups of Danish words/phrases that match each other. */
  synonyms: z.array(z.array(Phrase).min(2, 'en gruppe skal have mindst to ord')).nullish(),
  /** English term/phrase → Danish term/phrase (or a list of them). */
  glossary: z.record(z.string(), z.union([Phrase, z.array(Phrase).min(1)])).nullish(),
  /** Everyday Danish expression → the plain word(s) it means ("gå i vasken" → "mislykkes"); one way only. */
  expressions: z.record(z.string(), z.union([Phrase, z.array(Phrase).min(1)])).nullish(),
});

/** Synonym groups and the English→Danish glossary, normalised. */
export interface SynonymTable {
  /** Each group: phrases (lower-cased, trimmed) that match each other. */
  groups: string[][];
  /** English phrase (lower-cased) → Danish phrases. */
  glossary: Array<{ from: string; to: string[] }>;
  /** Everyday Danish expression (lower-cased, dictionary form) → the plain words it means. */
  expressions?: Array<{ from: string; to: string[] }>;
}

/** A table with no synonyms and no glossary. */
export const emptySynonyms: SynonymTable = { groups: [], glossary: [] };

/**
 * Parse and validate a synonym file. Throws `HelpdeskError('corpus_invalid')` naming the file
 * and the problem (YAML syntax with its line, or the failing entry).
 */
export function parseSynonyms(yamlText: string, path = 'synonyms.yaml'): SynonymTable {
  let raw: unknown;
  try {
    raw = parseYaml(yamlText.replace(/^\uFEFF/, ''), { prettyErrors: true });
  } catch (cause) {
    const message = cause instanceof Error ? cause.message.split('\n')[0] : String(cause);
    throw new HelpdeskError('corpus_invalid', `${path}: YAML-syntaksfejl: ${message}. Ret filen og indlæs igen.`, {
      cause,
      details: { path },
    });
  }
  if (raw === null || raw === undefined) return emptySynonyms;
  const parsed = SynonymFile.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const where = issue.path.length ? `\`${issue.path.join('.')}\`` : 'filen';
    const reason = issue.code === 'invalid_type' ? `har forkert type (${issue.message})` : issue.message;
    throw new HelpdeskError(
      'corpus_invalid',
      `${path}: ${where} ${reason}. Forventet: \`synonyms:\` (liste af lister af ord), \`glossary:\` (engelsk: dansk) og \`expressions:\` (udtryk: almindelige ord).`,
      { details: { path, field: issue.path.join('.') } },
    );
  }
  const norm = (s: string) => s.normalize('NFC').toLowerCase().replace(/\s+/g, ' ').trim();
  const groups = (parsed.data.synonyms ?? [])
    .map((g) => [...new Set(g.map(norm).filter(Boolean))])
    .filter((g) => g.length >= 2);
  const pairs = (record: Record<string, string | string[]> | null | undefined) =>
    Object.entries(record ?? {})
      .map(([from, to]) => ({ from: norm(from), to: (Array.isArray(to) ? to : [to]).map(norm).filter(Boolean) }))
      .filter((e) => e.from && e.to.length > 0);
  const glossary = pairs(parsed.data.glossary);
  const expressions = pairs(parsed.data.expressions);
  return expressions.length > 0 ? { groups, glossary, expressions } : { groups, glossary };
}

/** One expansion found in a query: a phrase to add, and how much it counts. */
export interface Expansion {
  phrase: string;
  weight: number;
  origin: 'synonym' | 'glossary';
  /** The words of the query it was found for ("have ud af"). */
  matched?: string;
}

/** Weight of a synonym's terms relative to the question's own terms. */
export const SYNONYM_WEIGHT = 0.6;
/** Weight of an English→Danish glossary term. */
export const GLOSSARY_WEIGHT = 0.8;

interface Entry {
  keys: string[];
  /** Index into groups (synonym) or glossary (glossary). */
  target: number;
  /** The phrase itself (not re-added for a synonym group). */
  phrase: string;
}

/** A synonym table compiled for matching against token sequences. */
export interface SynonymMatcher {
  /**
   * Expansions for a sequence of tokens (plain words, glued hyphen forms left out).
   * `extraKeys` are stems that also count as single-word matches (e.g. compound parts).
   */
  expand(tokens: readonly string[], extraKeys?: ReadonlySet<string>): Expansion[];
  /** The Danish words and phrases the glossary gives for one English word ("sweden" → "sverige"). */
  translations(token: string): readonly string[];
  /**
   * The everyday expressions in a question's tokens (all words, stop words included), longest first, none
   * overlapping: "hvorfor går samarbejder nogle gange i vasken" holds "gå i vasken" at positions 1, 5, 6.
   */
  expressions(tokens: readonly string[]): ExpressionMatch[];
}

/** Words that may stand between an expression's verb and the rest of it ("går *samarbejdet ofte* i vasken"). */
const EXPRESSION_GAP = 5;
/** Endings of an inflected form of a listed word ("styre" → "styrer", "styrede"; "ild" → "ilden"). */
const INFLECTIONS: ReadonlySet<string> = new Set([
  '',
  'r',
  's',
  'e',
  'n',
  't',
  'de',
  'te',
  'et',
  'en',
  'er',
  'es',
  'ne',
  'ede',
  'ene',
  'ens',
  'ets',
  'ende',
  'ers',
  'erne',
]);

/** Whether a question's token is a form of an expression's word: itself, inflected, or an irregular verb form. */
function formOf(token: string, word: string): boolean {
  if (token === word) return true;
  if (IRREGULAR_VERB_FORMS.get(token) === word) return true;
  // short words (prepositions, "ud", "op") only as they are
  if (word.length < 3) return false;
  if (token.startsWith(word) && INFLECTIONS.has(token.slice(word.length))) return true;
  // an infinitive's -e goes before some endings ("holde" → "holdt", "hold")
  const base = word.endsWith('e') ? word.slice(0, -1) : '';
  return base.length >= 3 && token.startsWith(base) && INFLECTIONS.has(token.slice(base.length));
}

/**
 * Compile a table: synonym phrases are matched on stems (`stem`), glossary phrases on
 * crude English singulars, both over whole-token sequences.
 */
export function compileSynonyms(
  table: SynonymTable,
  tokenize: (text: string) => string[],
  stem: (token: string) => string,
): SynonymMatcher {
  const synIndex = new Map<string, Entry[]>();
  const glossIndex = new Map<string, Entry[]>();
  const add = (index: Map<string, Entry[]>, keys: string[], target: number, phrase: string) => {
    if (keys.length === 0) return;
    const list = index.get(keys[0]!) ?? [];
    list.push({ keys, target, phrase });
    index.set(keys[0]!, list);
  };
  table.groups.forEach((group, gi) => {
    for (const phrase of group) add(synIndex, tokenize(phrase).map(stem), gi, phrase);
  });
  table.glossary.forEach((entry, ei) => {
    add(glossIndex, tokenize(entry.from).map(englishKey), ei, entry.from);
  });
  // by the first two letters of their first word: a form of a word begins with them, or is an irregular form
  const expressionsByStart = new Map<string, Array<{ from: string; to: string[]; words: string[] }>>();
  for (const e of table.expressions ?? []) {
    const words = tokenize(e.from);
    if (words.length === 0) continue;
    const key = words[0]!.slice(0, 2);
    expressionsByStart.set(key, [...(expressionsByStart.get(key) ?? []), { ...e, words }]);
  }

  const matches = (index: Map<string, Entry[]>, keys: string[], extra?: ReadonlySet<string>): Entry[] => {
    const found: Entry[] = [];
    for (let i = 0; i < keys.length; i++) {
      for (const e of index.get(keys[i]!) ?? []) {
        if (e.keys.every((k, j) => keys[i + j] === k)) found.push(e);
      }
    }
    if (extra) {
      for (const k of extra) for (const e of index.get(k) ?? []) if (e.keys.length === 1) found.push(e);
    }
    return found;
  };

  const synonymsOf = (keys: string[], weight: number, extra?: ReadonlySet<string>): Expansion[] => {
    const out: Expansion[] = [];
    for (const e of matches(synIndex, keys, extra)) {
      for (const phrase of table.groups[e.target]!) {
        if (phrase !== e.phrase) out.push({ phrase, weight, origin: 'synonym', matched: e.phrase });
      }
    }
    return out;
  };

  return {
    expand(tokens, extraKeys) {
      if (synIndex.size === 0 && glossIndex.size === 0) return [];
      const out = synonymsOf(tokens.map(stem), SYNONYM_WEIGHT, extraKeys);
      for (const e of matches(glossIndex, tokens.map(englishKey))) {
        for (const phrase of table.glossary[e.target]!.to) {
          out.push({ phrase, weight: GLOSSARY_WEIGHT, origin: 'glossary' });
          out.push(...synonymsOf(tokenize(phrase).map(stem), GLOSSARY_WEIGHT * SYNONYM_WEIGHT));
        }
      }
      return out;
    },
    translations(token) {
      return (glossIndex.get(englishKey(token)) ?? [])
        .filter((e) => e.keys.length === 1)
        .flatMap((e) => table.glossary[e.target]!.to);
    },
    expressions(tokens) {
      const found: ExpressionMatch[] = [];
      const seen = new Set<string>();
      for (let i = 0; i < tokens.length; i++) {
        const token = tokens[i]!;
        const irregular = IRREGULAR_VERB_FORMS.get(token);
        const keys = new Set([token.slice(0, 2), ...(irregular ? [irregular.slice(0, 2)] : [])]);
        for (const key of keys) {
          for (const e of expressionsByStart.get(key) ?? []) {
            const [first, ...rest] = e.words;
            if (seen.has(e.from) || !formOf(token, first!)) continue;
            const at = rest.length === 0 ? i + 1 : followedAt(tokens, i + 1, rest);
            if (at < 0) continue;
            seen.add(e.from);
            found.push({ phrase: e.from, positions: [i, ...rest.map((_, k) => at + k)], plain: e.to });
          }
        }
      }
      // longest first; an expression inside a longer one's words is that one's part ("gå i" of "gå i vasken")
      found.sort((a, b) => b.positions.length - a.positions.length);
      const taken = new Set<number>();
      return found.filter((m) => {
        if (m.positions.some((p) => taken.has(p))) return false;
        for (const p of m.positions) taken.add(p);
        return true;
      });
    },
  };
}

/** Where `words` follow one another in `tokens`, starting at most `EXPRESSION_GAP` tokens from `from`; -1 if not. */
function followedAt(tokens: readonly string[], from: number, words: readonly string[]): number {
  for (let at = from; at <= from + EXPRESSION_GAP && at + words.length <= tokens.length; at++)
    if (words.every((w, k) => formOf(tokens[at + k]!, w))) return at;
  return -1;
}

/** A crude English singular used for glossary matching: `municipalities` → `municipality`, `actors` → `actor`. */
export function englishKey(token: string): string {
  if (token.length > 4 && token.endsWith('ies')) return `${token.slice(0, -3)}y`;
  if (token.length > 3 && token.endsWith('s') && !token.endsWith('ss') && !token.endsWith('us')) {
    return token.slice(0, -1);
  }
  return token;
}
