/** A document whose title must be unique in the corpus. */
export interface TitleEntry {
  /** Document id (the key of the result). */
  id: string;
  title: string;
  /** Title of the section (folder page) the document sits in, or its folder's name. */
  context: string;
  /** Source path, the last resort to tell two titles apart. */
  path: string;
}

/** The key `corpus:check` compares titles by. */
export function titleKey(title: string): string {
  return title.trim().toLocaleLowerCase('da').replace(/\s+/g, ' ');
}

/**
 * Titles that are unique among `entries` and `reserved` (as `corpus:check` requires): a title used
 * once stays; a repeated one gets its section in brackets ("Configuration (Guides)"), then its path,
 * then a number. Returns the title per id.
 */
export function uniqueTitles(entries: readonly TitleEntry[], reserved: Iterable<string>): Map<string, string> {
  const used = new Set([...reserved].map(titleKey));
  const counts = new Map<string, number>();
  for (const e of entries) counts.set(titleKey(e.title), (counts.get(titleKey(e.title)) ?? 0) + 1);
  const out = new Map<string, string>();
  for (const e of entries) {
    const repeated = (counts.get(titleKey(e.title)) ?? 0) > 1 || used.has(titleKey(e.title));
    const choices = [
      ...(repeated ? [] : [e.title]),
      ...(e.context && titleKey(e.context) !== titleKey(e.title) ? [`${e.title} (${e.context})`] : []),
      `${e.title} (${e.path})`,
    ];
    let title = choices.find((c) => !used.has(titleKey(c)));
    for (let n = 2; title === undefined; n++) {
      const candidate = `${e.title} (${e.path}, ${n})`;
      if (!used.has(titleKey(candidate))) title = candidate;
    }
    used.add(titleKey(title));
    out.set(e.id, title);
  }
  return out;
}
