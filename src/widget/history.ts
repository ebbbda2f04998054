import { type Turn, toAnswer, type WidgetAnswer } from './types.js';

/** One entry of the conversation as the widget shows and stores it. */
export type Entry =
  | { role: 'user'; content: string }
  | { role: 'assistant'; question: string; answer: WidgetAnswer; feedback?: 'up' | 'down' };

const MAX_ENTRIES = 40;
const MAX_TURN_CHARS = 8000;

/** The storage key of a conversation with the help desk at `apiBase`. */
export function storageKey(apiBase: string): string {
  return `opi-helpdesk:${apiBase}`;
}

/** The stored conversation of this tab, or an empty one when storage is blocked or holds garbage. */
export function loadEntries(storage: Storage | undefined, key: string): Entry[] {
  try {
    const raw: unknown = JSON.parse(storage?.getItem(key) ?? '[]');
    if (!Array.isArray(raw)) return [];
    const entries: Entry[] = [];
    for (const e of raw as Record<string, unknown>[]) {
      if (e?.role === 'user' && typeof e.content === 'string') entries.push({ role: 'user', content: e.content });
      if (e?.role === 'assistant' && typeof e.question === 'string') {
        const answer = toAnswer(e.answer);
        if (!answer) continue;
        const entry: Entry = { role: 'assistant', question: e.question, answer };
        if (e.feedback === 'up' || e.feedback === 'down') entry.feedback = e.feedback;
        entries.push(entry);
      }
    }
    return entries;
  } catch {
    return [];
  }
}

/** Store the conversation for this tab (the last entries only); ignores full or blocked storage. */
export function saveEntries(storage: Storage | undefined, key: string, entries: Entry[]): void {
  try {
    storage?.setItem(key, JSON.stringify(entries.slice(-MAX_ENTRIES)));
  } catch {
    // storage full or blocked: the conversation simply is not kept
  }
}

/** The conversation as API turns: the last `max` turns, each cut to the API's length limit. */
export function toTurns(entries: Entry[], max: number): Turn[] {
  return entries
    .map(
      (e): Turn => ({
        role: e.role,
        content: (e.role === 'user' ? e.content : e.answer.answer).slice(0, MAX_TURN_CHARS),
      }),
    )
    .filter((t) => t.content.trim() !== '')
    .slice(-max);
}

/** The chunk ids the conversation's last answer cited (at most `max`). */
export function lastCitedChunkIds(entries: Entry[], max = 50): string[] {
  for (let i = entries.length - 1; i >= 0; i--) {
    const e = entries[i]!;
    if (e.role === 'assistant')
      return e.answer.citations
        .map((c) => c.chunkId)
        .filter(Boolean)
        .slice(0, max);
  }
  return [];
}
