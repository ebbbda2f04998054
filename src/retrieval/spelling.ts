import { danishRespellings } from '../text/orthography.js';
import { QUERY_FILLER_WORDS } from '../text/lexicon-da.js';
import { danishStopWords, questionWords } from '../text/stopwords.js';
import type { Analyzer } from '../text/types.js';
import type { WordList } from '../text/word-list.js';
import { editDistance, type FuzzyVocabulary } from './fuzzy.js';

/** One word of a question changed by `respell`. */
export interface Correction {
  from: string;
  to: string;
  /** `orthography`: æ/ø/å typed as ae/oe/aa or dropped; `typo`: within one or two edits of a corpus word. */
  kind: 'orthography' | 'typo';
}

/** A question with its spelling repaired, for analysis only (people still see what they typed). */
export interface Respelled {
  text: string;
  corrections: Correction[];
  /**
   * Words that are neither in the corpus nor in the (complete) dictionary and could not be corrected: probably
   * misspelt. Empty without a dictionary, or while it loads.
   */
  unrecognised: string[];
}

/** What respelling looks words up in. */
export interface SpellingSources {
  analyzer: Analyzer;
  /** Chunks holding an analyzed term (the corpus's own vocabulary). */
  documentFrequency(term: string): number;
  /** Typo neighbours among the corpus's analyzed terms. */
  fuzzy: FuzzyVocabulary;
  /** Real Danish words (a hunspell dictionary); without it only the corpus and the stop words count as known. */
  words?: WordList;
}

const WORD = /\p{L}+/gu;
const QUESTION_WORDS = [...questionWords];
/**
 * Fillers and stop words long enough to guess a typo of ("egenlig" → "egentlig", "overhovdet" → "overhovedet"):
 * uncorrected, a misspelt filler is an unknown content word that outweighs the question's topic.
 */
const FILLER_WORDS = [...new Set([...QUERY_FILLER_WORDS, ...danishStopWords])].filter((w) => w.length >= 6);

/**
 * Repairs the spelling of a Danish question against the corpus's own vocabulary: a word that is neither a
 * stop word, nor in the corpus, nor in the dictionary is respelt with æ/ø/å (`hvornaar` → `hvornår`,
 * `abne` → `åbne`), or else corrected to a corpus word (or question word) within one edit (two for long
 * words). Real words are never changed. English questions are left alone.
 * @param question the question as typed
 * @param sources the vocabularies to check against
 */
export function respell(question: string, sources: SpellingSources): Respelled {
  const { analyzer, words } = sources;
  const inCorpus = (w: string) => sources.documentFrequency(analyzer.stem(w)) > 0;
  const known = (w: string) => analyzer.isStopWord(w) || inCorpus(w) || (words?.has(w) ?? false);
  const corrections: Correction[] = [];
  const unrecognised: string[] = [];
  const edits = { left: MAX_EDITED_WORDS };
  const text = question.replace(WORD, (token) => {
    const w = token.toLowerCase();
    if (w.length < 2 || analyzer.isStopWord(w)) return token;
    // a misspelt filler can stem to a corpus word ("egenlig" → "egen"): a word that is no base word of the
    // dictionary and is one edit from a filler is that filler
    const filler = words?.complete && !words.hasBase(w) ? fillerTypo(w) : undefined;
    if (filler) {
      corrections.push({ from: w, to: filler, kind: 'typo' });
      return recase(token, filler);
    }
    if (inCorpus(w)) return token;
    // ae/oe/aa for æ/ø/å first: the dictionary holds old spellings ("raad") the corpus writes with å ("råd")
    const folded = /aa|ae|oe/.test(w) ? orthographic(w, analyzer, inCorpus, undefined, true) : undefined;
    if (folded) {
      corrections.push({ from: w, to: folded.word, kind: folded.kind });
      return recase(token, folded.word);
    }
    // a word the dictionary knows only as an inflection ("formalet": "formale" + t) that the corpus writes with
    // æ/ø/å ("formålet") was typed without them; a base word ("mode", "rad") is left as it is
    if (known(w)) {
      const accented =
        words && !analyzer.isStopWord(w) && !words.hasBase(w)
          ? orthographic(w, analyzer, inCorpus, undefined)
          : undefined;
      if (!accented) return token;
      corrections.push({ from: w, to: accented.word, kind: accented.kind });
      return recase(token, accented.word);
    }
    const to = orthographic(w, analyzer, inCorpus, words) ?? typo(w, sources, edits);
    if (!to) {
      // only a complete dictionary can tell a misspelling from a real word the corpus lacks (a compound of
      // real words is real: "prækommercielt" is a term the corpus does not have, not a typo)
      if (words?.complete && !words.isCompound(w)) unrecognised.push(w);
      return token;
    }
    corrections.push({ from: w, to: to.word, kind: to.kind });
    return recase(token, to.word);
  });
  return { text, corrections, unrecognised };
}

/** The filler or stop word one edit from `w` (5 letters or more), if any. */
function fillerTypo(w: string): string | undefined {
  return w.length >= 5 ? FILLER_WORDS.find((f) => editDistance(w, f, 1) <= 1) : undefined;
}

/** `word` with the first letter of `token` in upper case when it was typed so. */
function recase(token: string, word: string): string {
  return token[0] === token[0]!.toUpperCase() ? word[0]!.toUpperCase() + word.slice(1) : word;
}

function orthographic(
  w: string,
  analyzer: Analyzer,
  inCorpus: (w: string) => boolean,
  words: WordList | undefined,
  digraphsOnly = false,
): { word: string; kind: 'orthography' } | undefined {
  // a typed-out letter (aa → å) shortens the word; a dropped accent (o → ø) does not
  const variants = danishRespellings(w).filter((v) => !digraphsOnly || v.length < w.length);
  // the corpus and the stop words first: they are what the question can match
  const found =
    variants.find((v) => analyzer.isStopWord(v) || inCorpus(v)) ??
    (words ? variants.find((v) => words.has(v)) : undefined);
  return found ? { word: found, kind: 'orthography' } : undefined;
}

function typo(
  w: string,
  sources: SpellingSources,
  edits: { left: number },
): { word: string; kind: 'typo' } | undefined {
  if (w.length < 4) return undefined;
  const question = QUESTION_WORDS.find((q) => q.length >= 4 && editDistance(w, q, 1) <= 1);
  if (question) return { word: question, kind: 'typo' };
  // a whole word first: it keeps the inflection that was typed ("arbejdspldser" → "arbejdspladser", not the stem)
  const edited = edits.left-- > 0 ? oneEditFromCorpus(w, sources) : undefined;
  if (edited) return { word: edited, kind: 'typo' };
  const { analyzer } = sources;
  const stem = analyzer.stem(w);
  const near = sources.fuzzy.near(stem, 1)[0] ?? sources.fuzzy.near(w, 1)[0];
  return near ? { word: inflectedLike(near, w, stem, analyzer), kind: 'typo' } : undefined;
}

/**
 * A corpus term (a stem) with the typed word's ending put back ("arbejdsplads" + "er" for "arbejdspldser"), when
 * the result stems to the term again: analysed once more, a bare stem can lose a letter ("arbejdsplads" →
 * "arbejdsplad") and match nothing. The term itself otherwise.
 */
function inflectedLike(term: string, typed: string, typedStem: string, analyzer: Analyzer): string {
  if (analyzer.stem(term) === term || !typed.startsWith(typedStem)) return term;
  const word = term + typed.slice(typedStem.length);
  return analyzer.stem(word) === term ? word : term;
}

/** Letters a typo may have dropped (`oneEditFromCorpus`). */
const LETTERS = 'abcdefghijklmnopqrstuvwxyzæøå';
/**
 * Words of one question that `oneEditFromCorpus` tries (each costs ~30 stems per letter): a person makes a few typos,
 * and a question of 2,000 characters of non-words must not cost more than a few milliseconds.
 */
const MAX_EDITED_WORDS = 6;
/** Shortest word `oneEditFromCorpus` tries: a short word has too many one-edit neighbours to guess from. */
const MIN_EDIT_WORD = 6;
/** Longest word it tries: its candidates grow with the word's length times the alphabet (a long token is noise). */
const MAX_EDIT_WORD = 30;

/**
 * The corpus word one dropped letter or one swap of neighbours away from `w` ("deltagrne" → "deltagerne",
 * "virksomhde" → "virksomhed"), the most used when several are: found by editing the typed word, because the
 * stem of a misspelt inflection ("deltagrn") can be two edits from the corpus's stem ("deltag") where the word is
 * one. Undefined when none is, or the word is short.
 */
function oneEditFromCorpus(w: string, sources: SpellingSources): string | undefined {
  if (w.length < MIN_EDIT_WORD || w.length > MAX_EDIT_WORD) return undefined;
  const candidates = new Set<string>();
  for (let i = 0; i + 1 < w.length; i++) candidates.add(w.slice(0, i) + w[i + 1] + w[i] + w.slice(i + 2));
  for (let i = 1; i <= w.length; i++) for (const c of LETTERS) candidates.add(w.slice(0, i) + c + w.slice(i));
  let best: { word: string; df: number } | undefined;
  for (const candidate of candidates) {
    const df = sources.documentFrequency(sources.analyzer.stem(candidate));
    if (df > (best?.df ?? 0)) best = { word: candidate, df };
  }
  return best?.word;
}
