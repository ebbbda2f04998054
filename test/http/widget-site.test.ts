import { describe, expect, it } from 'vitest';
import { buildWidget } from '../../scripts/build-widget.js';
import { DEFAULT_SITE, parseSite } from '../../src/answer/site.js';
import { createApp } from '../../src/http/app.js';
import { WIDGET_SITE_SLOT, widgetWithSite } from '../../src/http/widget-site.js';
import { parseOptions } from '../../src/widget/options.js';
import { readSite, SITE_SLOT } from '../../src/widget/site.js';
import { textsFor } from '../../src/widget/texts.js';
import { testDeps } from '../support/http.js';

const PAGE = 'https://intranet.example.dk/side';
const VEJ = parseSite('name: Vejhjælpen\ntopic: vejarbejde\nadvisor: en vejrådgiver\nstarters: [Må vi grave?]\n').site;

/** The site as the served widget reads it: the JSON string literal the server put where `built` has the slot. */
function servedSite(built: string, served: string) {
  const at = built.indexOf(`"${SITE_SLOT}"`);
  let end = at + 1;
  while (served[end] !== '"') end += served[end] === '\\' ? 2 : 1;
  return readSite(JSON.parse(served.slice(at, end + 1)) as string);
}

describe('the site in widget.js', () => {
  it('uses the same slot in the widget and the server, and the build keeps it as one string literal', async () => {
    expect(WIDGET_SITE_SLOT).toBe(SITE_SLOT);
    const js = await buildWidget();
    expect(js.split(`"${SITE_SLOT}"`).length - 1).toBe(1);
  });

  it('GET /widget.js writes the site in, so the widget names it and its adviser; another site, another widget', async () => {
    const js = await buildWidget();
    let site = VEJ;
    const app = createApp(testDeps({ assets: { widgetJs: js }, site: () => site }));
    const first = await (await app.request('/widget.js')).text();
    expect(first).not.toContain(`"${SITE_SLOT}"`);
    expect(first).not.toMatch(/OPI|offentlig-privat|public-private/);
    const read = servedSite(js, first);
    expect(read?.lang).toBe('da');
    expect(read?.da).toEqual({
      name: 'Vejhjælpen',
      greeting: expect.stringContaining('vejarbejde'),
      advisor: 'en vejrådgiver',
      starters: ['Må vi grave?'],
    });
    const options = parseOptions({}, 'https://helpdesk.example.dk/widget.js', PAGE, read);
    expect(options).toMatchObject({ title: 'Vejhjælpen', lang: 'da', starters: ['Må vi grave?'] });
    expect(textsFor(options.lang, options.site)).toMatchObject({
      launcherOpen: 'Åbn Vejhjælpen',
      contactAdvisor: 'Kontakt en vejrådgiver',
    });

    site = DEFAULT_SITE;
    const second = await app.request('/widget.js');
    expect(servedSite(js, await second.text())?.da?.name).toBe('OPI Helpdesk');
  });

  it('an English site gives the widget an English UI by default; data-lang still chooses', () => {
    const en = parseSite('language: en\nname: Docs Desk\ntopic: the Widget toolkit\n').site;
    const read = readSite(JSON.parse(widgetWithSite(`x="${SITE_SLOT}"`, en).slice(2)) as string);
    const options = parseOptions({}, undefined, PAGE, read);
    expect(options.lang).toBe('en');
    const texts = textsFor(options.lang, options.site);
    expect(texts).toMatchObject({
      title: 'Docs Desk',
      launcherOpen: 'Open Docs Desk',
      send: 'Send',
      inputLabel: 'Your question',
    });
    expect(texts.greeting).toBe(
      'Hi! Ask me about the Widget toolkit. I answer from the knowledge base and always show the sources.',
    );
    expect(parseOptions({ lang: 'da' }, undefined, PAGE, read)).toMatchObject({ lang: 'da', title: 'Docs Desk' });
  });

  it("a widget whose slot was not filled uses neutral texts, never another site's", () => {
    expect(readSite(SITE_SLOT)).toBeUndefined();
    const options = parseOptions({}, undefined, PAGE, readSite(SITE_SLOT));
    expect(options).toMatchObject({ title: 'Helpdesk', starters: [] });
    expect(textsFor('da').contactAdvisor).toBe('Kontakt en rådgiver');
  });
});
