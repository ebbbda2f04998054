import { splitSentences } from '../text/sentences.js';
import type { Analyzer } from '../text/types.js';
import { editDistance } from './fuzzy.js';
import { groupShare, type QueryAnalysis } from './query.js';
import { typeFit } from './question-type.js';
import type { Passage } from './types.js';

/** Checks on the retrieved text that the answerability decision uses as hard gates. */
export interface Evidence {
  /** Names and acronyms of the question that no top passage mentions (e.g. a country the corpus never names). */
  missingEntities: string[];
  /** A sentence that answers the question's content also has the kind of answer asked for (always true for untyped questions). */
  typeOk: boolean;
}

const TYPED = new Set(['count', 'when', 'contact', 'name']);
/** Least share of the question a sentence (with its headings) must cover to count as answering it. */
const MIN_TYPED_COVERAGE = 0.25;
const ENTITY = /(?<!^|[.!?:]\s+|["«(]\s*)\b(?:[A-ZÆØÅ][a-zæøåé]+(?:-[A-ZÆØÅa-zæøå]+)*|[A-ZÆØÅ]{2,}\b)/gu;

/** Proper names and acronyms written inside the question (not its first word). */
export function questionEntities(question: string): string[] {
  return [...new Set([...question.trim().matchAll(ENTITY)].map((m) => m[0]))];
}

function mentions(words: Set<string>, entity: string): boolean {
  const needle = entity.toLowerCase();
  if (words.has(needle)) return true;
  for (const w of words) {
    // genitive forms (Aarhus', Odenses) and one typo in longer names
    if (w === `${needle}s` || w === `${needle}'` || w === `${needle}'s`) return true;
    if (needle.length >= 5 && Math.abs(w.length - needle.length) <= 1 && editDistance(w, needle, 1) <= 1) return true;
  }
  return false;
}

/** Gather the evidence from the top passages (best first). */
export function gatherEvidence(
  question: string,
  query: QueryAnalysis,
  passages: Passage[],
  analyzer: Analyzer,
): Evidence {
  const words = new Set(
    passages
      .slice(0, 10)
      .flatMap((p) => `${p.chunk.title} ${p.chunk.section} ${p.chunk.text}`.toLowerCase().split(/[^\p{L}\p{N}]+/u)),
  );
  const glossed = new Set(
    query.groups
      .filter((g) => g.members.some((m) => m.credit === 1 && !g.token.startsWith(m.term)))
      .map((g) => g.token),
  );
  const missingEntities = questionEntities(question).filter(
    (e) => !glossed.has(e.toLowerCase()) && !mentions(words, e),
  );
  if (!TYPED.has(query.type)) return { missingEntities, typeOk: true };
  const required = query.groups.filter((g) => !g.context);
  const sentences = passages.slice(0, 3).flatMap((p) => {
    const heading = analyzer.terms(`${p.chunk.title} ${p.chunk.sectionPath.join(' ')}`);
    return p.chunk.text
      .split('\n')
      .flatMap((line) => splitSentences(line))
      .filter((s) => s.trim().length > 0)
      .map((s) => {
        // the sentence must carry the answer; its headings only half-count
        const own = new Set(analyzer.terms(s));
        const withHeading = new Set([...heading, ...own]);
        return { s, cov: (groupShare(required, own) + groupShare(required, withHeading)) / 2 };
      });
  });
  const best = Math.max(0, ...sentences.map((x) => x.cov));
  // the answer must add something of the asked kind that the question does not already say
  const known = new Set(questionEntities(question).map((e) => e.toLowerCase()));
  const fresh = (s: string) => (query.type === 'name' ? stripKnown(s, known) : s);
  const typeOk = sentences.some(
    (x) => x.cov >= MIN_TYPED_COVERAGE && x.cov >= best * 0.5 && typeFit(query.type, fresh(x.s)) >= 0.5,
  );
  return { missingEntities, typeOk };
}

/** The sentence without the names the question already contains. */
export function stripKnown(sentence: string, known: Set<string>): string {
  let out = sentence;
  for (const name of known)
    out = out.replace(new RegExp(`\\b${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\b`, 'giu'), ' ');
  return out;
}
