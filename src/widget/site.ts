/** The site's own words for one UI language (from `corpus/_meta/site.yaml`, put into `widget.js` by the server). */
export interface SiteWidgetTexts {
  /** The product's name: panel title and launcher labels. */
  name: string;
  greeting: string;
  /** Who answers the contact form, with its article ("en rådgiver"). */
  advisor: string;
  starters: string[];
}

/** What the server tells the widget about the site: its default language and its texts per language. */
export interface WidgetSite {
  lang: 'da' | 'en';
  da?: SiteWidgetTexts;
  en?: SiteWidgetTexts;
}

/**
 * The string the server replaces with the site as a JSON string literal when it serves `widget.js`
 * (`src/http/widget-site.ts` uses the same value). Left as is, the widget uses its own neutral texts.
 */
export const SITE_SLOT = '__HELPDESK_SITE__';

function texts(value: unknown): SiteWidgetTexts | undefined {
  if (!value || typeof value !== 'object') return undefined;
  const t = value as Record<string, unknown>;
  const str = (v: unknown) => (typeof v === 'string' && v.trim() !== '' ? v : undefined);
  const name = str(t.name);
  const greeting = str(t.greeting);
  const advisor = str(t.advisor);
  if (!name || !greeting || !advisor) return undefined;
  const starters = Array.isArray(t.starters) ? t.starters.filter((s): s is string => typeof s === 'string') : [];
  return { name, greeting, advisor, starters };
}

/** The site from the served slot's text; `undefined` when the slot was not filled or holds something else. */
export function readSite(slot: string): WidgetSite | undefined {
  // not `slot === SITE_SLOT`: both are the one constant the server rewrites
  if (!slot.startsWith('{')) return undefined;
  try {
    const raw = JSON.parse(slot) as Record<string, unknown>;
    const site: WidgetSite = { lang: raw.lang === 'en' ? 'en' : 'da' };
    const da = texts(raw.da);
    const en = texts(raw.en);
    if (da) site.da = da;
    if (en) site.en = en;
    return site;
  } catch {
    return undefined;
  }
}
