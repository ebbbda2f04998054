/** A token with how it arose: `joined` marks the glued form of a hyphenated word. */
export interface Token {
  /** Lower-cased, NFC-normalised word or number. */
  text: string;
  /** True for the glued form of a hyphenated word (`opi-projekt` → `opiprojekt`); false for plain words and the parts. */
  joined: boolean;
}

// Letters/digits, optionally glued by hyphens, apostrophes, dots or commas; or a lone per cent sign.
const TOKEN_RE = /[\p{L}\p{N}\p{M}]+(?:[-‐‑–'’.,][\p{L}\p{N}\p{M}]+)*|%/gu;
const THOUSANDS_RE = /^\d{1,3}(?:\.\d{3})+(?:,\d+)?$/;
const NUMBER_RE = /^\d+(?:[.,]\d+)*$/;
const HAS_LETTER_RE = /\p{L}/u;

/**
 * Tokens of a text, in order, with the glued form of hyphenated words flagged.
 *
 * Rules (documented so index and query agree):
 * - NFC-normalised and lower-cased; letters of any script are kept (æ, ø, å, é, ü …).
 * - Punctuation separates tokens; a per cent sign becomes the token `procent`.
 * - Hyphenated words give their parts and then, when a part has a letter, the glued form:
 *   `OPI-mini` → `opi`, `mini`, `opimini` (joined). Number ranges give only the numbers: `15-16` → `15`, `16`.
 * - Numbers stay whole: `2015`, `2,5`, `10.30`; Danish thousands separators are dropped: `1.000.000` → `1000000`.
 * - Dots and apostrophes between letters separate (`bl.a.` → `bl`, `a`; `OPI'en` → `opi`, `en`), so URLs and
 *   e-mail addresses fall apart into their words (`info@opi.dk` → `info`, `opi`, `dk`).
 */
export function tokenizeDetailed(text: string): Token[] {
  const out: Token[] = [];
  eachToken(text, (token, joined) => out.push({ text: token, joined }));
  return out;
}

/** Plain tokens of a text (see `tokenizeDetailed` for the rules), glued hyphen forms included. */
export function tokenize(text: string): string[] {
  const out: string[] = [];
  eachToken(text, (token) => out.push(token));
  return out;
}

/** Calls `emit` with each token of a text in order (the rules of `tokenizeDetailed`). */
function eachToken(text: string, emit: (token: string, joined: boolean) => void): void {
  // one `match` call gives every raw token at once (cheaper than iterating `matchAll`)
  for (const raw of text.normalize('NFC').toLowerCase().match(TOKEN_RE) ?? []) {
    if (raw === '%') emit('procent', false);
    else if (isPlain(raw)) emit(raw, false);
    else pushComplex(raw, emit);
  }
}

function isPlain(raw: string): boolean {
  for (let i = 0; i < raw.length; i++) {
    const c = raw.charCodeAt(i);
    // - ' , . ‐ ‑ – ’
    if (c === 45 || c === 39 || c === 44 || c === 46 || c === 0x2010 || c === 0x2011 || c === 0x2013 || c === 0x2019) {
      return false;
    }
  }
  return true;
}

function pushComplex(raw: string, emit: (token: string, joined: boolean) => void): void {
  for (const piece of raw.split(/['’]/)) {
    if (!piece) continue;
    const hyphenParts = piece.split(/[-‐‑–]/).filter((p) => p.length > 0);
    const simple: string[] = [];
    for (const part of hyphenParts) {
      if (NUMBER_RE.test(part)) {
        const num = THOUSANDS_RE.test(part) ? part.replace(/\./g, '') : part;
        simple.push(num);
        emit(num, false);
      } else {
        for (const sub of part.split(/[.,]/)) {
          if (!sub) continue;
          simple.push(sub);
          emit(sub, false);
        }
      }
    }
    if (hyphenParts.length > 1 && simple.length > 1 && simple.some((p) => HAS_LETTER_RE.test(p))) {
      emit(simple.join(''), true);
    }
  }
}
