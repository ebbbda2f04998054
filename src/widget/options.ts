import { normalizeHex } from './color.js';
import type { SiteWidgetTexts, WidgetSite } from './site.js';
import { textsFor } from './texts.js';

/** The widget's settings, read from its `<script>` tag's `data-` attributes. */
export interface WidgetOptions {
  /** Absolute base URL of the help-desk API, ending with `/`. */
  apiBase: string;
  title: string;
  greeting: string;
  /** Brand colour `#rrggbb`. */
  color: string;
  position: 'right' | 'left';
  lang: 'da' | 'en';
  /** `popup`: launcher button and floating panel; `page`: the panel fills its container. */
  mode: 'popup' | 'page';
  starters: string[];
  /** Id of the element to render into (page mode); defaults to `<body>`. */
  target?: string;
  /** The site's own words in `lang`, when the server gave them (`site.ts`). */
  site?: SiteWidgetTexts;
}

/** The default brand colour (meets AA with white text). */
export const DEFAULT_COLOR = '#0b5394';

function httpBase(value: string | undefined, relativeTo: string): string | undefined {
  if (!value) return undefined;
  try {
    const url = new URL(value, relativeTo);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
    url.search = '';
    url.hash = '';
    if (!url.pathname.endsWith('/')) url.pathname += '/';
    return url.href;
  } catch {
    return undefined;
  }
}

function parseStarters(value: string | undefined): string[] | undefined {
  if (!value) return undefined;
  try {
    const parsed: unknown = JSON.parse(value);
    if (!Array.isArray(parsed)) return undefined;
    return parsed
      .filter((s): s is string => typeof s === 'string' && s.trim() !== '')
      .map((s) => s.trim().slice(0, 300))
      .slice(0, 6);
  } catch {
    return undefined;
  }
}

/**
 * Widget options from a script's `dataset`, the script's own `src`, the page URL and the site the server
 * described (`site`: its default language and texts). The API base defaults to the folder the script was
 * served from (its origin for `/widget.js`); the language to `data-lang`, else the site's.
 */
export function parseOptions(
  data: Record<string, string | undefined>,
  scriptSrc: string | undefined,
  pageUrl: string,
  site?: WidgetSite,
): WidgetOptions {
  const lang = data.lang === 'en' || data.lang === 'da' ? data.lang : (site?.lang ?? 'da');
  const siteTexts = site?.[lang];
  const texts = textsFor(lang, siteTexts);
  const scriptDir = scriptSrc ? httpBase(new URL('.', new URL(scriptSrc, pageUrl)).href, pageUrl) : undefined;
  const options: WidgetOptions = {
    apiBase: httpBase(data.apiBase, pageUrl) ?? scriptDir ?? httpBase('/', pageUrl) ?? '/',
    title: data.title?.trim() || texts.title,
    greeting: data.greeting?.trim() || texts.greeting,
    color: normalizeHex(data.color) ?? DEFAULT_COLOR,
    position: data.position === 'left' ? 'left' : 'right',
    lang,
    mode: data.mode === 'page' ? 'page' : 'popup',
    starters: parseStarters(data.starters) ?? texts.starters,
  };
  if (data.target) options.target = data.target;
  if (siteTexts) options.site = siteTexts;
  return options;
}
