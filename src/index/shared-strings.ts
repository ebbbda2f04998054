import type { IndexManifest, IndexedDocument } from './artifact.js';

/**
 * Makes the equal strings of a parsed index one string each: the manifest's document ids become
 * the documents' own strings (documents follow the manifest's order, so no string is hashed). Only
 * which string object holds a value changes, never a value. Returns a `chunkIdSharer` over the
 * manifest's chunk ids, for sharing further (the lexical index, the vector graph's labels).
 */
export function shareParsedStrings(
  manifest: IndexManifest,
  documents: readonly IndexedDocument[],
): (id: string) => string {
  for (let d = 0; d < manifest.documents.length; d++) {
    const listed = manifest.documents[d]!;
    if (documents[d]?.docId === listed.docId) listed.docId = documents[d]!.docId;
  }
  return chunkIdSharer(manifest);
}

/** How far ahead of the last match `chunkIdSharer` looks for the next id (the chunks of an edit or two). */
const LOOKAHEAD = 64;

/**
 * For chunk ids read elsewhere in about chunk order (the lexical index, the vector graph's
 * labels), the manifest's own strings, so each id is held once. Each id is looked for among the
 * next few ids after the last one found, so ids in chunk order cost a comparison each, ids of
 * removed chunks are skipped over, and an id out of order (a chunk added by a later edit) is kept
 * as it is: no string is hashed and no map is built.
 */
export function chunkIdSharer(manifest: Pick<IndexManifest, 'documents'>): (id: string) => string {
  const ids: string[] = [];
  for (const doc of manifest.documents) for (const id of doc.chunkIds) ids.push(id);
  let next = 0;
  return (id) => {
    const end = Math.min(ids.length, next + LOOKAHEAD);
    for (let i = next; i < end; i++) {
      const own = ids[i]!;
      if (own === id) {
        next = i + 1;
        return own;
      }
    }
    return id;
  };
}
