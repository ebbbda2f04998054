import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RenderedDocument } from '../../src/answer/helpdesk.js';
import { createApp } from '../../src/http/app.js';
import { FAKE_DOCUMENTS } from '../support/fake-helpdesk.js';
import { axeViolations, launchBrowser, recordCspViolations, skipReason } from '../widget/browser.js';
import { testDeps } from '../support/http.js';

const HOSTILE: RenderedDocument = {
  ...FAKE_DOCUMENTS[1]!,
  docId: 'ond',
  title: '<script>window.pwned = 1</script>Ond titel',
  summary: '<img src=x onerror="window.pwned = 2">',
  source: { organisation: 'Org', title: 'Kilde', url: 'javascript:window.pwned=3' },
  sections: [
    {
      chunkId: 'ond#a',
      anchor: 'a',
      url: '/docs/ond#a',
      section: 'Afsnit',
      sectionPath: ['Afsnit'],
      text: '<a href="javascript:window.pwned=4" id="lure">klik</a><script>window.pwned = 5</script>',
    },
  ],
};

describe.skipIf(skipReason !== undefined)(`source viewer in Chromium${skipReason ? ` (${skipReason})` : ''}`, () => {
  let browser: Browser;
  let url: string;
  let close: () => Promise<void>;

  beforeAll(async () => {
    const app = createApp(testDeps({ helpdesk: { documents: [...FAKE_DOCUMENTS, HOSTILE] } }));
    await new Promise<void>((resolve) => {
      const server = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 }, (info: AddressInfo) => {
        url = `http://127.0.0.1:${info.port}`;
        close = () =>
          new Promise<void>((done) => {
            if ('closeAllConnections' in server) server.closeAllConnections();
            server.close(() => done());
          });
        resolve();
      });
    });
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await close?.();
  });

  it('has no serious accessibility violations on the viewer pages, light and dark', async () => {
    const page = await browser.newPage();
    for (const colorScheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme });
      for (const path of ['/docs/opi-guide#samarbejdsaftale', '/docs', '/docs/findes-ikke']) {
        await page.goto(`${url}${path}`);
        expect({ colorScheme, path, violations: await axeViolations(page) }).toEqual({
          colorScheme,
          path,
          violations: [],
        });
      }
    }
    await page.close();
  }, 90_000);

  it('highlights the targeted passage', async () => {
    const page = await browser.newPage();
    await page.goto(`${url}/docs/opi-guide#samarbejdsaftale`);
    const backgrounds = await page.evaluate(() =>
      [...document.querySelectorAll('section')].map((s) => [s.id, getComputedStyle(s).backgroundColor]),
    );
    const target = backgrounds.find(([id]) => id === 'samarbejdsaftale')?.[1];
    const other = backgrounds.find(([id]) => id === 'forberedelse')?.[1];
    expect(target).toBeDefined();
    expect(target).not.toBe(other);
    await page.close();
  });

  it('runs no corpus script and makes no javascript: link', async () => {
    const page = await browser.newPage();
    const problems = await recordCspViolations(page);
    const dialogs: string[] = [];
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    await page.goto(`${url}/docs/ond`);
    expect(await page.evaluate(() => (window as unknown as { pwned?: number }).pwned)).toBeUndefined();
    expect(await page.locator('script').count()).toBe(0);
    expect(await page.locator('img').count()).toBe(0);
    expect(await page.locator('a[href^="javascript:" i]').count()).toBe(0);
    expect(await page.locator('#lure').count()).toBe(0);
    expect(await page.locator('h1').textContent()).toBe('<script>window.pwned = 1</script>Ond titel');
    expect(dialogs).toEqual([]);
    expect(problems).toEqual([]);
    await page.close();
  });
});
