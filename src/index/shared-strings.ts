import type { Chunk } from '../corpus/types.js';
import type { IndexManifest, IndexedDocument } from './artifact.js';

/**
 * Makes the equal strings of a parsed index one string each. `JSON.parse` gives every chunk its
 * own copy of its document's id and title, its kind and its headings, and the manifest its own
 * copy of every chunk id; shared, they take a fifth less heap (100k chunks: ~25 MB). A chunk shares
 * with the chunk before it and the first chunk of a document with the document (chunks follow the
 * manifest's order), so no string is hashed. Only which string object holds a value changes,
 * never a value. Returns a `chunkIdSharer` over the chunks, for sharing further.
 */
export function shareParsedStrings(
  manifest: IndexManifest,
  documents: readonly IndexedDocument[],
  chunks: Chunk[],
): (id: string) => string {
  let doc = -1;
  let prev: Chunk | undefined;
  for (const chunk of chunks) {
    if (prev !== undefined && chunk.docId === prev.docId) {
      chunk.docId = prev.docId;
      if (chunk.title === prev.title) chunk.title = prev.title;
    } else {
      while (doc + 1 < documents.length && documents[doc + 1]!.docId !== chunk.docId) doc++;
      const owner = documents[doc + 1];
      if (owner !== undefined) {
        doc++;
        chunk.docId = owner.docId;
        if (chunk.title === owner.meta.title) chunk.title = owner.meta.title;
      }
    }
    if (prev !== undefined) {
      if (chunk.kind === prev.kind) chunk.kind = prev.kind;
      if (chunk.section === prev.section) chunk.section = prev.section;
      const path = chunk.sectionPath;
      const before = prev.sectionPath;
      for (let i = 0; i < path.length && i < before.length && path[i] === before[i]; i++) path[i] = before[i]!;
    }
    prev = chunk;
  }
  let row = 0;
  for (let d = 0; d < manifest.documents.length; d++) {
    const listed = manifest.documents[d]!;
    if (documents[d]?.docId === listed.docId) listed.docId = documents[d]!.docId;
    const ids = listed.chunkIds;
    for (let j = 0; j < ids.length; j++, row++) {
      const own = chunks[row]?.id;
      if (own !== undefined && own === ids[j]) ids[j] = own;
    }
  }
  return chunkIdSharer(chunks);
}

/** How far ahead of the last match `chunkIdSharer` looks for the next id (the chunks of an edit or two). */
const LOOKAHEAD = 64;

/**
 * For chunk ids read elsewhere in about chunk order (the lexical index, the vector graph's
 * labels), the chunks' own strings, so each id is held once. Each id is looked for among the next
 * few chunks after the last one found, so ids in chunk order cost a comparison each, ids of
 * removed chunks are skipped over, and an id out of order (a chunk added by a later edit) is kept
 * as it is: no string is hashed and no map is built.
 */
export function chunkIdSharer(chunks: readonly Chunk[]): (id: string) => string {
  let next = 0;
  return (id) => {
    const end = Math.min(chunks.length, next + LOOKAHEAD);
    for (let i = next; i < end; i++) {
      const own = chunks[i]!.id;
      if (own === id) {
        next = i + 1;
        return own;
      }
    }
    return id;
  };
}
