/** Words of related meaning: a thesaurus looked up by a word in any inflection. */
export interface Thesaurus {
  /** Synonyms of a lower-case word (looked up by its stem), most central sense first; empty when unknown. */
  synonyms(word: string): readonly string[];
  /** Number of head words. */
  readonly size: number;
}

/**
 * A thesaurus from lines `word|synonym|synonym|…` (src/text/data/thesaurus-da.txt), indexed by the stem of each
 * head word so that inflected forms find it; head words sharing a stem share their synonyms.
 * @param text the thesaurus file's text
 * @param stem the stemmer the index uses
 */
export function parseThesaurus(text: string, stem: (word: string) => string): Thesaurus {
  const byStem = new Map<string, string[]>();
  let size = 0;
  for (const line of text.split('\n')) {
    const [head, ...synonyms] = line.split('|');
    if (!head || synonyms.length === 0) continue;
    size++;
    const key = stem(head);
    const list = byStem.get(key);
    if (!list) {
      byStem.set(key, synonyms);
      continue;
    }
    for (const s of synonyms) if (!list.includes(s)) list.push(s);
  }
  return { synonyms: (word) => byStem.get(stem(word)) ?? [], size };
}
