/** Abbreviations after which a dot never ends a sentence (compared lower-case, without the final dot). */
const NEVER_END = new Set([
  'fx',
  'f.eks',
  'bl.a',
  'ca',
  'kl',
  'tlf',
  'nr',
  'dvs',
  'jf',
  'jvf',
  'mio',
  'mia',
  'evt',
  'inkl',
  'ekskl',
  'bl',
  'f',
  'eks',
  'pga',
  'ift',
  'iht',
  'mht',
  'vha',
  'hhv',
  'vedr',
  'iflg',
  'ang',
  'stk',
  'pkt',
  'kap',
  'afs',
  'ref',
  'dr',
  'prof',
  'st',
  'sct',
  'pct',
  'gl',
  'jan',
  'feb',
  'mar',
  'apr',
  'jun',
  'jul',
  'aug',
  'sep',
  'sept',
  'okt',
  'nov',
  'dec',
  'e.g',
  'i.e',
  'vs',
  'no',
]);

/** Abbreviations that often end a sentence: a dot after them ends one when a capital letter follows. */
const MAY_END = new Set(['osv', 'mv', 'm.v', 'm.fl', 'mfl', 'etc', 'kr', 'o.l', 'ol', 'm.m', 'mm']);

const MONTHS = new Set([
  'januar',
  'februar',
  'marts',
  'april',
  'maj',
  'juni',
  'juli',
  'august',
  'september',
  'oktober',
  'november',
  'december',
]);

const CLOSERS = '"\'”’»)]';
const LIST_MARKER_RE = /^(?:[-*+•–]\s|\d{1,3}[.)]\s)/;
const UPPER_RE = /\p{Lu}/u;
const LOWER_RE = /\p{Ll}/u;
const WORDCHAR_RE = /[\p{L}\p{N}.]/u;
const INITIALS_RE = /^(?:\p{L}\.)*\p{L}$/u;

/**
 * Split Danish text into sentences. Each sentence is a trimmed substring of the input, in order.
 *
 * A sentence ends at `.`, `!`, `?` or `…` (with any closing quotes/brackets) followed by the end, a line
 * break, or a space and a capital letter, digit or opening quote/bracket. A dot does not end a sentence
 * after a known abbreviation (`fx.`, `f.eks.`, `bl.a.`, `ca.`, `kl.`, `nr.`, `mio.` …), an initial
 * (`H.C.`), a list number at the start of a line, or an ordinal before a month (`3. Oktober`);
 * `osv.`, `mv.` and `kr.` end one only before a capital letter. Blank lines always separate; a single
 * line break separates unless the next line continues in lower case (a soft wrap), and list items always
 * separate.
 */
export function splitSentences(text: string): string[] {
  const out: string[] = [];
  const n = text.length;
  let start = 0;
  const cut = (end: number, next: number) => {
    const s = text.slice(start, end).trim();
    if (s) out.push(s);
    start = next;
  };
  for (let i = 0; i < n; i++) {
    const c = text[i]!;
    if (c === '\n') {
      if (isLineBreakBoundary(text, i)) cut(i, i + 1);
      continue;
    }
    if (c !== '.' && c !== '!' && c !== '?' && c !== '…') continue;
    let j = i + 1;
    while (j < n && (text[j] === '.' || text[j] === '!' || text[j] === '?' || text[j] === '…')) j++;
    while (j < n && CLOSERS.includes(text[j]!)) j++;
    if (j < n && !isBlank(text[j]!)) {
      i = j - 1;
      continue;
    }
    let k = j;
    while (k < n && (text[k] === ' ' || text[k] === '\t' || text[k] === '\u00a0')) k++;
    const atLineEnd = k >= n || text[k] === '\n' || text[k] === '\r';
    if (!atLineEnd && !startsSentence(text[k]!)) {
      i = j - 1;
      continue;
    }
    if (c === '.' && j === i + 1 && !dotEndsSentence(text, i, k, atLineEnd)) continue;
    cut(j, j);
    i = j - 1;
  }
  cut(n, n);
  return out;
}

function isBlank(c: string): boolean {
  return c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === '\u00a0';
}

function startsSentence(c: string): boolean {
  if (c >= '0' && c <= '9') return true;
  if ('"\'“”„«»([-–•*'.includes(c)) return true;
  return UPPER_RE.test(c);
}

/** Whether the dot at `dot` ends a sentence; `next` is the index of the next non-space character. */
function dotEndsSentence(text: string, dot: number, next: number, atLineEnd: boolean): boolean {
  let b = dot;
  while (b > 0 && WORDCHAR_RE.test(text[b - 1]!)) b--;
  const word = text.slice(b, dot).toLowerCase();
  if (!word) return true;
  if (NEVER_END.has(word)) return false;
  if (MAY_END.has(word)) return true;
  // Initials ("H.C. Andersen", "A. Jensen") end a sentence only at the end of a line.
  if (INITIALS_RE.test(word)) return atLineEnd;
  if (/^\d+$/.test(word)) {
    // A list number at the start of a line: "1. Første punkt".
    let l = b;
    while (l > 0 && (text[l - 1] === ' ' || text[l - 1] === '\t')) l--;
    if (l === 0 || text[l - 1] === '\n') return false;
    // An ordinal date: "3. Oktober".
    const m = /^[\p{L}]+/u.exec(text.slice(next, next + 12));
    if (m && MONTHS.has(m[0].toLowerCase())) return false;
  }
  return true;
}

/** Whether the line break at `i` separates sentences. */
function isLineBreakBoundary(text: string, i: number): boolean {
  let k = i + 1;
  while (k < text.length && (text[k] === ' ' || text[k] === '\t' || text[k] === '\r')) k++;
  if (k >= text.length || text[k] === '\n') return true;
  if (LIST_MARKER_RE.test(text.slice(k, k + 8))) return true;
  return !LOWER_RE.test(text[k]!);
}
