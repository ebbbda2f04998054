import type { WidgetApi } from './api.js';
import type { Entry } from './history.js';
import type { WidgetOptions } from './options.js';
import type { WidgetTexts } from './texts.js';
import type { WidgetCitation } from './types.js';

/** What the widget's views share: settings, texts, the API and the navigation between views. */
export interface WidgetContext {
  options: WidgetOptions;
  texts: WidgetTexts;
  api: WidgetApi;
  /** Heading tag for headings inside the panel (one level below the panel title). */
  subHeading: 'h2' | 'h3';
  entries: Entry[];
  /** Save `entries` for this tab. */
  persist(): void;
  /** Say `text` through the ARIA live region. */
  announce(text: string): void;
  /** Show a citation's passage; focus returns to `opener` when it closes. */
  openPassage(citation: WidgetCitation, opener: HTMLElement): void;
  /** Show the contact form with `question` prefilled; focus returns to `opener` when it closes. */
  openContact(question: string, opener: HTMLElement): void;
}
