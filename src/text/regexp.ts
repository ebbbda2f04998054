/** `text` with the characters a regular expression gives a meaning escaped, to match it as written. */
export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Whether `word` stands in `text` where a word begins (and, if `whole`, ends there too). */
export function wordIn(text: string, word: string, whole: boolean): boolean {
  return new RegExp(`(?<![\\p{L}\\p{N}])${escapeRegExp(word)}${whole ? '(?![\\p{L}\\p{N}])' : ''}`, 'u').test(text);
}
