import type { DocumentForm } from './frontmatter.js';

/** The console's views, by name. */
export type View =
  | { name: 'overview' }
  | { name: 'documents' }
  | {
      name: 'editor';
      docId?: string;
      draft?: { markdown?: string; docId?: string; warnings?: string[]; form?: Partial<DocumentForm> };
    }
  | { name: 'escalations' }
  | { name: 'escalation'; id: string }
  | { name: 'import' };

/** What every view gets: where to draw, how to announce, navigate and confirm. */
export interface ConsoleContext {
  /** The `<main>` element the view draws into. */
  main: HTMLElement;
  /** Announces `message` in the polite live region. */
  announce(message: string): void;
  go(view: View): void;
  /** A modal yes/no question; resolves true for yes. */
  confirm(question: string, yes: string): Promise<boolean>;
  /** Today as `YYYY-MM-DD`. */
  today(): string;
}
