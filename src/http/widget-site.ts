import type { Site, SiteLanguage } from '../answer/site.js';

/** The placeholder in the built `widget.js` that the site is written into (`src/widget/site.ts`'s `SITE_SLOT`). */
export const WIDGET_SITE_SLOT = '__HELPDESK_SITE__';

/** What the widget needs of the site: its default language and, per language, name, greeting, adviser and starters. */
export function widgetSite(site: Site): Record<string, unknown> {
  const texts = (lang: SiteLanguage) => {
    const t = site.texts[lang];
    return { name: t.name, greeting: t.greeting, advisor: t.advisor, starters: t.starters };
  };
  return { lang: site.language, da: texts('da'), en: texts('en') };
}

/** `value` as a JavaScript string literal in ASCII (every other character escaped), safe inside any script. */
function stringLiteral(value: string): string {
  return JSON.stringify(value).replace(
    /[\u007f-\uffff]/g,
    (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

/**
 * The built widget with `site` written into its slot, so it shows the site's name and texts without a
 * request of its own. A widget built without the slot is returned unchanged.
 */
export function widgetWithSite(js: string, site: Site): string {
  const slot = `"${WIDGET_SITE_SLOT}"`;
  const at = js.indexOf(slot);
  if (at < 0) return js;
  const payload = stringLiteral(JSON.stringify(widgetSite(site)));
  return js.slice(0, at) + payload + js.slice(at + slot.length);
}
