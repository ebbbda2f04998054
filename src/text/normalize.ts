/** Zero-width and invisible formatting characters that split words without showing (ZWSP, ZWNJ, ZWJ, WJ, BOM, soft hyphen). */
const INVISIBLE = /[\u00AD\u200B-\u200D\u2060\uFEFF]/gu;

/**
 * A question as the help desk reads it: NFKC-normalised (full-width and compatibility letters become plain ones:
 * "ＯＰＩ" → "OPI"), invisible characters removed ("O\u200BPI" → "OPI"), whitespace runs made one space.
 * @param text the question or an earlier turn as sent
 */
export function normalizeQuestion(text: string): string {
  return text.normalize('NFKC').replace(INVISIBLE, '').replace(/\s+/gu, ' ').trim();
}
