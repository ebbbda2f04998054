import { DANISH_MARKERS, ENGLISH_MARKERS } from './lexicon.js';
import type { DocumentLanguage } from './types.js';

/** What `detectLanguage` decided and on how much evidence. */
export interface LanguageGuess {
  language: DocumentLanguage;
  /** Danish and English marker words counted (æ, ø and å count as Danish evidence too). */
  danish: number;
  english: number;
  /** False when fewer than `MIN_EVIDENCE` markers were seen and `fallback` was returned. */
  confident: boolean;
}

/** Marker words needed before the count is trusted over the fallback. */
const MIN_EVIDENCE = 4;
/** Words read at most: enough for a verdict, cheap for long files. */
const MAX_WORDS = 4000;

/**
 * Danish or English by the share of each language's function words (`og`, `ikke`, `hvordan` against
 * `the`, `is`, `which`) in `text`; words with æ, ø or å add to Danish. Ties and texts with too little
 * evidence give `fallback` (default `da`).
 */
export function detectLanguage(text: string, fallback: DocumentLanguage = 'da'): LanguageGuess {
  const words = text.toLowerCase().match(/[\p{L}]+/gu) ?? [];
  let danish = 0;
  let english = 0;
  for (const word of words.slice(0, MAX_WORDS)) {
    if (DANISH_MARKERS.has(word) || /[æøå]/.test(word)) danish++;
    else if (ENGLISH_MARKERS.has(word)) english++;
  }
  const confident = danish + english >= MIN_EVIDENCE && danish !== english;
  const language = confident ? (danish > english ? 'da' : 'en') : fallback;
  return { language, danish, english, confident };
}

/** `da`/`en` for a language tag such as `en`, `en-US`, `da_DK`, `Danish`; undefined for others. */
export function languageOfTag(tag: unknown): DocumentLanguage | undefined {
  if (typeof tag !== 'string') return undefined;
  const t = tag.trim().toLowerCase();
  if (/^(da|dan|danish|dansk)(?:[-_].*)?$/.test(t)) return 'da';
  if (/^(en|eng|english|engelsk)(?:[-_].*)?$/.test(t)) return 'en';
  return undefined;
}
