import type { Frontmatter } from './frontmatter.js';

/** A raw file handed to the loader: a corpus-relative path and its text. */
export interface SourceFile {
  /** Path relative to the corpus root, with `/` separators, e.g. `case/aalborg-medicin.md`. */
  path: string;
  content: string;
  /** Why the file could not be read (e.g. a symbolic link that leaves the corpus); then `content` is empty. */
  problem?: string;
}

/** A parsed, valid corpus document. */
export interface Document {
  /** Stable id: the file's slug (file name without `.md`), unique across the corpus. */
  docId: string;
  /** Path relative to the corpus root. */
  path: string;
  meta: Frontmatter;
  /** Markdown body without the frontmatter. */
  body: string;
  /** Line of the source file where `body` starts (1-based); chunk lines are counted from here. Default 1. */
  bodyLine?: number;
  /** Content hash of the whole file (hex), used for incremental indexing. */
  hash: string;
}

/** One retrievable passage of a document. */
export interface Chunk {
  /** Stable id `<docId>#<anchor>`. */
  id: string;
  docId: string;
  /** Anchor inside the rendered document (also the HTML id), e.g. `fem-raad--2`. */
  anchor: string;
  /** Position of the chunk in its document, 0-based. */
  ordinal: number;
  /** Document title. */
  title: string;
  kind: Frontmatter['kind'];
  /** Heading texts from the top-level section down to this chunk's section (without the H1 title). */
  sectionPath: string[];
  /** `sectionPath` joined with ` › `; empty string for text before the first heading. */
  section: string;
  /** The passage as shown to users and cited (plain text; table rows as readable lines: `Label – Header: value; …`). */
  text: string;
  /** Line in the source file where the chunk starts (1-based), for messages. */
  line: number;
  /** The document's language (frontmatter `language`); absent means Danish. */
  language?: 'da' | 'en';
}

/** A problem found while loading the corpus. The file is left out; the rest still loads. */
export interface LoadIssue {
  path: string;
  /** The failing frontmatter field, if any. */
  field?: string;
  line?: number;
  message: string;
  severity: 'error' | 'warning';
}

export interface LoadResult {
  documents: Document[];
  issues: LoadIssue[];
}
