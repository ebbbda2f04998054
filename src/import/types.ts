import type { DocumentKind } from '../corpus/frontmatter.js';

/** The languages a corpus document can be written in (frontmatter `language`). */
export type DocumentLanguage = 'da' | 'en';

/** One file handed to the importer: its path inside the source and its bytes. */
export interface ImportFile {
  /** Path relative to the source root, `/`-separated, e.g. `guides/install/index.md`. */
  path: string;
  bytes: Uint8Array;
  /** The file's modification date `YYYY-MM-DD`, used for `updated` when the file names none. */
  modified?: string;
}

/** A source to import: a folder (its files) or a single file (a one-file source). */
export interface ImportSource {
  /** The source's name (the folder or file name without extension), e.g. `docs`. */
  name: string;
  files: ImportFile[];
}

/** What a converter found in a file's own metadata, already mapped to corpus field names. */
export interface ConvertedMeta {
  title?: string;
  summary?: string;
  tags: string[];
  /** `YYYY-MM-DD`. */
  updated?: string;
  /** The original's date, `YYYY-MM-DD` (becomes `source.date`). */
  date?: string;
  language?: DocumentLanguage;
  kind?: DocumentKind;
  /** Organisation named by the file itself (`source.organisation`). */
  organisation?: string;
  /** Title of the original text, when the file names one apart from its own title. */
  sourceTitle?: string;
  /** An absolute http(s) URL of the original. */
  url?: string;
  /** True for a draft (`draft: true`): it is skipped. */
  draft?: boolean;
  /** True for a page the source tool never shows on its own (`headless: true`, `_build: {render: never}`): skipped. */
  headless?: boolean;
}

/** One file converted to Markdown: the body (without frontmatter), its metadata and what was lost on the way. */
export interface Converted {
  meta: ConvertedMeta;
  /** Markdown body; relative links are still the source's own. */
  markdown: string;
  /** Danish texts for the operator, e.g. "shortcode `{{< gist >}}` fjernet (2 gange)". */
  warnings: string[];
}

/** A document ready to be written: file name, full text (frontmatter and body) and its warnings. */
export interface ImportedDocument {
  /** The corpus document id (the file name without `.md`). */
  id: string;
  /** The file's path inside its source. */
  sourcePath: string;
  title: string;
  language: DocumentLanguage;
  /** The whole file: YAML frontmatter and Markdown body. */
  content: string;
  warnings: string[];
}

/** A source file that did not become a document, with the reason in Danish. */
export interface SkippedFile {
  sourcePath: string;
  reason: string;
}

/** The outcome of importing one source. */
export interface ImportResult {
  documents: ImportedDocument[];
  skipped: SkippedFile[];
}
