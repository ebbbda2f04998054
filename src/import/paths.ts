/** Path helpers for `/`-separated source paths (no `node:path`: the core stays runtime-free). */

/** File extensions the importer reads, by format. */
export const FORMATS = {
  markdown: ['md', 'markdown', 'mdx', 'mdown', 'mkd'],
  docx: ['docx'],
  html: ['html', 'htm', 'xhtml'],
  pdf: ['pdf'],
  text: ['txt', 'text'],
} as const;
export type SourceFormat = keyof typeof FORMATS;

/** The lower-cased extension of a path without the dot (`''` when there is none). */
export function extensionOf(path: string): string {
  const name = baseName(path);
  const dot = name.lastIndexOf('.');
  return dot > 0 ? name.slice(dot + 1).toLowerCase() : '';
}

/** The format of a path by its extension, or undefined for files the importer does not read. */
export function formatOf(path: string): SourceFormat | undefined {
  const ext = extensionOf(path);
  return (Object.keys(FORMATS) as SourceFormat[]).find((f) => (FORMATS[f] as readonly string[]).includes(ext));
}

/** The last segment of a path. */
export function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

/** The folder part of a path (`''` for a top-level file). */
export function dirName(path: string): string {
  const cut = path.lastIndexOf('/');
  return cut === -1 ? '' : path.slice(0, cut);
}

/** A path without its extension (`a/b.md` → `a/b`). */
export function stripExtension(path: string): string {
  const name = baseName(path);
  const dot = name.lastIndexOf('.');
  return dot > 0 ? path.slice(0, path.length - (name.length - dot)) : path;
}

/** True for a folder's own page: `index`, `_index` or `README` with any extension. */
export function isIndexFile(path: string): boolean {
  return /^(?:_?index|readme)$/i.test(stripExtension(baseName(path)));
}

/** `target` resolved against folder `base`; `..` above the root gives undefined. */
export function joinPath(base: string, target: string): string | undefined {
  const parts = target.startsWith('/') || base === '' ? [] : base.split('/');
  for (const piece of target.split('/')) {
    if (piece === '' || piece === '.') continue;
    if (piece === '..') {
      if (parts.length === 0) return undefined;
      parts.pop();
    } else parts.push(piece);
  }
  return parts.join('/');
}

/** `getting-started_now` → `Getting started now`. */
export function humanise(name: string): string {
  const words = stripExtension(name).replace(/[-_]+/g, ' ').replace(/\s+/g, ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}
