import type { Helpdesk } from '../../answer/helpdesk.js';

/** A passage an escalated answer cited, as the index holds it now. */
export interface CitedPassage {
  chunkId: string;
  docId: string;
  /** The document's title. */
  title: string;
  section: string;
  text: string;
  /** Opens the passage in the source viewer. */
  url: string;
}

/**
 * The passages behind `chunkIds` (`docId#anchor`), looked up in the current index, in the order
 * given; `missing` lists the ids no longer in it (the document was changed or removed since).
 */
export async function citedPassages(
  helpdesk: Pick<Helpdesk, 'document'>,
  chunkIds: readonly string[],
): Promise<{ passages: CitedPassage[]; missing: string[] }> {
  const passages: CitedPassage[] = [];
  const missing: string[] = [];
  for (const chunkId of new Set(chunkIds)) {
    const hash = chunkId.lastIndexOf('#');
    const doc = hash > 0 ? await helpdesk.document(chunkId.slice(0, hash)) : undefined;
    const section = doc?.sections.find((s) => s.chunkId === chunkId);
    if (!doc || !section) {
      missing.push(chunkId);
      continue;
    }
    passages.push({
      chunkId,
      docId: doc.docId,
      title: doc.title,
      section: section.section,
      text: section.text,
      url: section.url,
    });
  }
  return { passages, missing };
}
