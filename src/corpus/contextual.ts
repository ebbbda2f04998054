import type { Chunk } from './types.js';

/**
 * The text to index for a chunk: document title, section path and the chunk's text, one per line,
 * so that a passage is found by its headings too. Citations show `chunk.text` only.
 */
export function contextualText(chunk: Pick<Chunk, 'title' | 'sectionPath' | 'text'>): string {
  const lines = [chunk.title];
  if (chunk.sectionPath.length) lines.push(chunk.sectionPath.join(' › '));
  lines.push(chunk.text);
  return lines.join('\n');
}
