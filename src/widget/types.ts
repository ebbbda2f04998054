/** The widget's own view of the HTTP contract (DESIGN.md); it imports nothing from the server. */

/** A numbered source of an answer. */
export interface WidgetCitation {
  id: number;
  docId: string;
  chunkId: string;
  title: string;
  section: string;
  text: string;
  url: string;
}

/** A finished answer as `done` (or the JSON response) carries it. */
export interface WidgetAnswer {
  answer: string;
  answered: boolean;
  citations: WidgetCitation[];
  escalation?: { offered: boolean; message: string; contact?: string; email?: string };
}

/** One turn of conversation as sent in `history`. */
export interface Turn {
  role: 'user' | 'assistant';
  content: string;
}

const str = (v: unknown): string => (typeof v === 'string' ? v : v === undefined || v === null ? '' : String(v));

/** Citations from untrusted JSON: keeps only well-formed entries, every field a string or number. */
export function toCitations(raw: unknown): WidgetCitation[] {
  if (!Array.isArray(raw)) return [];
  return raw
    .filter((c): c is Record<string, unknown> => typeof c === 'object' && c !== null)
    .map((c) => ({
      id: Number(c.id),
      docId: str(c.docId),
      chunkId: str(c.chunkId),
      title: str(c.title),
      section: str(c.section),
      text: str(c.text),
      url: str(c.url),
    }))
    .filter((c) => Number.isInteger(c.id) && c.id > 0);
}

/** An answer from untrusted JSON, or undefined when it has no answer text. */
export function toAnswer(raw: unknown): WidgetAnswer | undefined {
  if (typeof raw !== 'object' || raw === null) return undefined;
  const r = raw as Record<string, unknown>;
  if (typeof r.answer !== 'string') return undefined;
  const answer: WidgetAnswer = {
    answer: r.answer,
    answered: r.answered !== false,
    citations: toCitations(r.citations),
  };
  const e = r.escalation as Record<string, unknown> | undefined;
  if (e && typeof e === 'object') {
    answer.escalation = { offered: e.offered === true, message: str(e.message) };
    if (typeof e.contact === 'string') answer.escalation.contact = e.contact;
    if (typeof e.email === 'string') answer.escalation.email = e.email;
  }
  return answer;
}
