import { HelpdeskError } from '../errors.js';
import { INDEX_FORMAT_VERSION, type IndexManifest } from './artifact.js';

/** What the running code needs an index to have been built with. */
export interface ExpectedIndex {
  analyzerId: string;
  embedderId: string;
  /** Default: the current `INDEX_FORMAT_VERSION`. */
  formatVersion?: number;
  dimensions?: number;
}

/**
 * Refuse an index built differently than `expected`: throws `index_incompatible` naming the field,
 * what was found and what was expected.
 * @param manifest the saved index's manifest
 * @param expected what the running code needs
 * @param where the index's place, for the message (a path)
 */
export function checkBuiltAs(manifest: IndexManifest, expected: ExpectedIndex, where: string): void {
  const formatVersion = expected.formatVersion ?? INDEX_FORMAT_VERSION;
  const mismatch = (what: string, found: string | number, wanted: string | number) =>
    new HelpdeskError(
      'index_incompatible',
      `Indekset i ${where} er bygget med ${what} ${found}; forventet ${wanted} — bygger igen.`,
      {
        details: { field: what, found, expected: wanted },
      },
    );
  const m = manifest;
  if (m.formatVersion !== formatVersion) throw mismatch('formatversion', m.formatVersion, formatVersion);
  if (m.analyzerId !== expected.analyzerId) throw mismatch('analyzer', m.analyzerId, expected.analyzerId);
  if (m.embedderId !== expected.embedderId) throw mismatch('embedder', m.embedderId, expected.embedderId);
  if (expected.dimensions !== undefined && m.dimensions !== expected.dimensions) {
    throw mismatch('dimensioner', m.dimensions, expected.dimensions);
  }
}
