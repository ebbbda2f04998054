/** One sentence of a model's answer, with the `[n]` markers it carried. */
export interface AnswerSentence {
  /** The sentence without markers. */
  text: string;
  /** Marker numbers as written (1-based), unique, in order of appearance. */
  markers: number[];
}

/** One line of an answer: an optional list or heading prefix and its sentences. */
export interface AnswerBlock {
  /** `- `, `1. `, `## ` or '' — kept when the block survives. */
  prefix: string;
  sentences: AnswerSentence[];
}

/** A marker group: `[1]`, `[1, 2]`, `[1-3]`, `[1][2]`. */
const MARKER = /\[\s*\d+(?:\s*(?:[,;–-]|\]\s*\[)\s*\d+)*\s*\]/g;
const LEADING_MARKERS = /^(?:\s*\[\s*\d+(?:\s*(?:[,;–-]|\]\s*\[)\s*\d+)*\s*\])+/;
const PREFIX = /^\s*(?:#{1,6}|[-*•]|\d+[.)])\s+/;
const BOUNDARY = /[.!?…]+["'»”)]*\s+/g;
const ABBREVIATIONS = new Set(
  'f.eks bl.a ca jf mv dvs nr kr mio mia pga osv inkl evt iflg hhv ift vedr stk mht pct ang e.g i.e etc vs ff'.split(
    ' ',
  ),
);

/** Largest marker number ever expanded; a model's answer never needs more (passages are capped far below). */
export const MAX_MARKER = 1000;

/**
 * Marker numbers of one group, ranges expanded (`[2-4]` → 2, 3, 4; at most 50 numbers per range).
 * A number that is not a safe integer is dropped; one outside 1..`limit` is returned as written but never
 * expanded into a range, so no loop runs over a range a model chose.
 * @param group the marker text, e.g. `[1, 3-4]`
 * @param limit the highest valid marker (the number of passages; `MAX_MARKER` by default)
 */
export function markerNumbers(group: string, limit = MAX_MARKER): number[] {
  const out = new Set<number>();
  const cap = Math.min(limit, MAX_MARKER);
  for (const part of group.matchAll(/(\d+)(?:\s*[–-]\s*(\d+))?/g)) {
    const from = safeNumber(part[1]!);
    if (from === undefined) continue;
    if (from < 1 || from > cap) {
      out.add(from);
      continue;
    }
    const end = part[2] === undefined ? from : (safeNumber(part[2]) ?? Number.POSITIVE_INFINITY);
    const to = Math.min(end, cap, from + 50);
    for (let n = from; n <= to; n++) out.add(n);
  }
  return [...out];
}

function safeNumber(digits: string): number | undefined {
  if (digits.length > 15) return undefined;
  const n = Number(digits);
  return Number.isSafeInteger(n) ? n : undefined;
}

/** What one sentence-sized piece of a line holds: markers that belong to the sentence before it, its own markers and text. */
export interface PieceParts {
  leading: number[];
  markers: number[];
  text: string;
}

/**
 * Splits a model's answer into lines and sentences, moving each marker to the sentence it follows.
 * @param answer the model's text
 * @param limit the highest valid marker (see `markerNumbers`)
 * @param pieces a memo of pieces already read, for a caller that segments a growing text again and
 *   again (a streamed answer): each piece is then read once, not once per call
 */
export function segmentAnswer(
  answer: string,
  limit = MAX_MARKER,
  pieces: Map<string, PieceParts> = new Map(),
): AnswerBlock[] {
  const blocks: AnswerBlock[] = [];
  for (const line of answer.split(/\n+/)) {
    if (line.trim() === '') continue;
    const prefix = line.match(PREFIX)?.[0] ?? '';
    const sentences: AnswerSentence[] = [];
    for (const piece of splitSentences(line.slice(prefix.length))) {
      const key = `${sentences.length > 0 ? 1 : 0}${piece}`;
      let parts = pieces.get(key);
      if (!parts) {
        parts = pieceParts(piece, sentences.length > 0, limit);
        pieces.set(key, parts);
      }
      const previous = sentences[sentences.length - 1];
      if (previous) for (const n of parts.leading) if (!previous.markers.includes(n)) previous.markers.push(n);
      if (parts.text !== '' || parts.markers.length > 0)
        sentences.push({ text: parts.text, markers: [...parts.markers] });
    }
    if (sentences.length > 0) blocks.push({ prefix: prefix.trimStart(), sentences });
  }
  return blocks;
}

/** A piece's parts; its leading markers go to the sentence before it when there is one (`follows`). */
function pieceParts(piece: string, follows: boolean, limit: number): PieceParts {
  const leading = follows ? piece.match(LEADING_MARKERS)?.[0] : undefined;
  const rest = leading ? piece.slice(leading.length) : piece;
  return {
    leading: leading ? collectMarkers(leading, limit) : [],
    markers: collectMarkers(rest, limit),
    text: stripMarkers(rest),
  };
}

/** Renders a sentence with markers placed before its final punctuation: `Tekst [1][2].` */
export function renderSentence(text: string, markers: number[]): string {
  if (markers.length === 0) return text;
  const tags = markers.map((n) => `[${n}]`).join('');
  const end = text.match(/[.!?…:;]+["'»”)]*$/)?.[0] ?? '';
  return `${text.slice(0, text.length - end.length).trimEnd()} ${tags}${end}`;
}

function collectMarkers(text: string, limit: number): number[] {
  const out = new Set<number>();
  for (const m of text.matchAll(MARKER)) for (const n of markerNumbers(m[0], limit)) out.add(n);
  return [...out];
}

function stripMarkers(text: string): string {
  return text
    .replace(MARKER, '')
    .replace(/\s+([.,;:!?…])/g, '$1')
    .replace(/[,;]+([.!?…])/g, '$1')
    .replace(/\(\s*\)/g, '')
    .replace(/\s{2,}/g, ' ')
    .trim();
}

function splitSentences(line: string): string[] {
  const out: string[] = [];
  let start = 0;
  for (const end of sentenceEnds(line)) {
    out.push(line.slice(start, end).trim());
    start = end;
  }
  const rest = line.slice(start).trim();
  if (rest) out.push(rest);
  return out;
}

/** Where the sentences of a line end (each end is where the next sentence starts). */
function sentenceEnds(line: string): number[] {
  const ends: number[] = [];
  let start = 0;
  for (const m of line.matchAll(BOUNDARY)) {
    const end = m.index + m[0].length;
    if (!/[\p{Lu}\p{N}"'«„“[(]/u.test(line[end] ?? '')) continue;
    const lastWord = wordBefore(line, m.index, start).toLowerCase();
    if (m[0].startsWith('.') && (ABBREVIATIONS.has(lastWord) || /^\p{L}$/u.test(lastWord))) continue;
    ends.push(end);
    start = end;
  }
  return ends;
}

/**
 * The word that ends at `end` (no further back than `start`). Scans back over that word only: a
 * line of many boundaries that do not split (`f.eks. A…`) is not re-read from its start each time.
 */
function wordBefore(line: string, end: number, start: number): string {
  let from = end;
  while (from > start && !/\s/.test(line[from - 1]!)) from--;
  return line.slice(from, end);
}

/**
 * How much of a streamed answer is settled: more text can no longer change how it splits into
 * sentences or which markers each sentence carries. That is every whole line, then each sentence
 * of the last line once the next sentence has begun with text (its leading markers, which belong
 * to the sentence before, included).
 * @param partial the model's text so far
 */
export function settledLength(partial: string): number {
  const lineStart = partial.lastIndexOf('\n') + 1;
  const line = partial.slice(lineStart);
  const bodyStart = lineStart + (line.match(PREFIX)?.[0].length ?? 0);
  const body = partial.slice(bodyStart);
  const ends = sentenceEnds(body);
  let settled = lineStart;
  for (let k = 0; k < ends.length; k++) {
    const next = body.slice(ends[k], ends[k + 1] ?? body.length);
    const leading = next.match(LEADING_MARKERS)?.[0] ?? '';
    const rest = next.slice(leading.length).trimStart();
    if (k + 1 === ends.length && (rest === '' || rest.startsWith('['))) break;
    settled = bodyStart + ends[k]! + leading.length;
  }
  return settled;
}
