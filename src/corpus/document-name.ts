/** The file name endings of Markdown documents (compared without case). */
const DOCUMENT_EXTENSION = /\.(?:md|markdown)$/i;

/** True when a file name ends like a Markdown document: `.md` or `.markdown`, in any case. */
export function hasDocumentExtension(name: string): boolean {
  return DOCUMENT_EXTENSION.test(name);
}

/** A document file name without its `.md`/`.markdown` ending. */
export function withoutDocumentExtension(name: string): string {
  return name.replace(DOCUMENT_EXTENSION, '');
}
