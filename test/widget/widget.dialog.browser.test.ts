import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  axeViolations,
  focusedInWidget,
  HOSTILE_CSS,
  type HostServer,
  launchBrowser,
  openHostPage,
  recordCspViolations,
  skipReason,
  startHostServer,
} from './browser.js';
import { LONG_ANSWER_START, WIDGET_QUESTIONS } from './fake-helpdesk.js';
import { startTestServer, type TestServer } from './server.js';

const ARTIFACTS = resolve(dirname(fileURLToPath(import.meta.url)), '../../test-artifacts');

/** A host page whose `body` has a transform (fixed positioning becomes relative to the body) and is 3,000 px tall. */
const TRANSFORMED_BODY = 'body{transform:translateZ(0);margin:0} main{display:block;height:3000px}';

/** A cookie banner over the bottom of the window at the highest z-index there is. */
const BANNER_CSS =
  '.cookie{position:fixed;left:0;right:0;bottom:0;height:150px;z-index:2147483647;background:#222;color:#fff;padding:16px;font:16px sans-serif}';
const BANNER = '<div class="cookie" role="region" aria-label="Cookies">Vi bruger cookies. <button>OK</button></div>';

/** Type a question into the open widget, send it with Enter, and wait for the finished answer. */
async function ask(page: Page, question: string): Promise<void> {
  const before = await page.locator('.msg.bot[data-state=done]').count();
  await page.locator('#opi-q').fill(question);
  await page.locator('#opi-q').press('Enter');
  await page.locator('.msg.bot[data-state=done]').nth(before).waitFor();
}

/** Whether the widget is what the host page has on top at the middle of `target` (what a click would hit). */
async function onTop(page: Page, target: Locator): Promise<boolean> {
  const box = (await target.boundingBox())!;
  return page.evaluate(
    ([x, y]) => document.elementFromPoint(x!, y!)?.hasAttribute('data-opi-helpdesk') ?? false,
    [box.x + box.width / 2, box.y + box.height / 2],
  );
}

/** The tooltip text `el` shows now ('' when its tooltip is hidden). */
function tooltip(el: Locator): Promise<string> {
  return el.evaluate((node) => {
    const after = getComputedStyle(node, '::after');
    return after.display === 'none' ? '' : after.content.replace(/^"|"$/g, '');
  });
}

/** Tab until `target` (a `focusedInWidget` description) has focus, at most `max` times. */
async function tabTo(page: Page, target: string, max = 8): Promise<void> {
  for (let i = 0; i < max && (await focusedInWidget(page)) !== target; i++) await page.keyboard.press('Tab');
  await expect(focusedInWidget(page)).resolves.toBe(target);
}

describe.skipIf(skipReason !== undefined)(`widget dialog in Chromium${skipReason ? ` (${skipReason})` : ''}`, () => {
  let server: TestServer;
  let hosts: HostServer;
  let browser: Browser;

  beforeAll(async () => {
    [server, hosts, browser] = await Promise.all([startTestServer(), startHostServer(), launchBrowser()]);
    mkdirSync(ARTIFACTS, { recursive: true });
  });
  afterAll(async () => {
    await browser?.close();
    await Promise.all([server?.close(), hosts?.close()]);
  });

  describe('focus stays in the open dialog', () => {
    it('wraps Tab and Shift+Tab inside the panel at 360 px and returns focus to the launcher on Escape', async () => {
      const { page, context } = await openHostPage(browser, hosts, server.url, { width: 360, height: 740 });
      await tabTo(page, 'button.launcher#');
      await page.keyboard.press('Enter');
      await expect(page.locator('.panel').getAttribute('aria-modal')).resolves.toBe('true');
      await expect(focusedInWidget(page)).resolves.toBe('textarea.#opi-q');

      await tabTo(page, 'button.link-btn#', 3);
      await page.keyboard.press('Tab');
      await expect(focusedInWidget(page)).resolves.toBe('button.icon-btn#');
      await page.keyboard.press('Shift+Tab');
      await expect(focusedInWidget(page)).resolves.toBe('button.link-btn#');
      const visited: string[] = [];
      for (let i = 0; i < 20; i++) {
        await page.keyboard.press('Tab');
        visited.push(await focusedInWidget(page));
      }
      expect(visited.filter((v) => v === '' || v === 'button.launcher#')).toEqual([]);
      expect(await axeViolations(page)).toEqual([]);

      await page.locator('#opi-q').focus();
      await page.keyboard.press('Escape');
      await expect(page.locator('.panel').isHidden()).resolves.toBe(true);
      await expect(focusedInWidget(page)).resolves.toBe('button.launcher#');
      await context.close();
    });

    it('returns focus to the host page element that opened it with opiHelpdesk.open()', async () => {
      const { page, context } = await openHostPage(browser, hosts, server.url, { css: HOSTILE_CSS });
      await page.locator('a[href="#nyheder"]').focus();
      await page.evaluate(() => (window as unknown as { opiHelpdesk: { open(): void } }).opiHelpdesk.open());
      await expect(focusedInWidget(page)).resolves.toBe('textarea.#opi-q');
      await page.locator('.head .icon-btn').nth(1).click();
      await expect(page.locator('.panel').isHidden()).resolves.toBe(true);
      await expect(page.evaluate(() => document.activeElement?.getAttribute('href'))).resolves.toBe('#nyheder');
      await context.close();
    });
  });

  describe('always on top (top layer)', () => {
    it('keeps the launcher and the panel in the window on a page with a transformed, 3,000 px tall body', async () => {
      const { page, context, violations } = await openHostPage(browser, hosts, server.url, { css: TRANSFORMED_BODY });
      const launcher = page.locator('.launcher');
      expect(await launcher.boundingBox()).toEqual({ x: 1280 - 20 - 56, y: 800 - 20 - 56, width: 56, height: 56 });
      await expect(onTop(page, launcher)).resolves.toBe(true);
      await launcher.click();
      const panel = (await page.locator('.panel').boundingBox())!;
      expect(panel.y).toBeGreaterThanOrEqual(0);
      expect(panel.y + panel.height).toBeLessThanOrEqual(800);
      await ask(page, WIDGET_QUESTIONS.answered);
      await expect(onTop(page, page.locator('.answer'))).resolves.toBe(true);
      expect(await axeViolations(page)).toEqual([]);
      expect(violations).toEqual([]);
      await context.close();
    });

    it('stays above a cookie banner at z-index 2147483647 that the page adds after the widget', async () => {
      const { page, context } = await openHostPage(browser, hosts, server.url, { css: BANNER_CSS, body: BANNER });
      // Banner scripts run late: move the banner after the widget, where equal z-indexes let it win.
      await page.evaluate(() => document.body.append(document.querySelector('.cookie')!));
      const launcher = page.locator('.launcher');
      await expect(onTop(page, launcher)).resolves.toBe(true);
      await launcher.click();
      await ask(page, WIDGET_QUESTIONS.answered);
      await expect(onTop(page, page.locator('#opi-q'))).resolves.toBe(true);
      await page.locator('#opi-q').click();
      await page.mouse.move(0, 0);
      expect(await axeViolations(page)).toEqual([]);
      await page.screenshot({ path: resolve(ARTIFACTS, 'widget-banner.png') });
      await context.close();
    });

    it('falls back to a fixed launcher at the highest z-index in browsers without the Popover API', async () => {
      const { page, context } = await openHostPage(browser, hosts, server.url, {
        css: BANNER_CSS,
        body: BANNER,
        init: 'delete HTMLElement.prototype.showPopover',
      });
      const launcher = page.locator('.launcher');
      await expect(launcher.getAttribute('popover')).resolves.toBeNull();
      await expect(launcher.evaluate((el) => getComputedStyle(el).zIndex)).resolves.toBe('2147483647');
      await expect(onTop(page, launcher)).resolves.toBe(true);
      await launcher.click();
      await expect(page.locator('.panel').isVisible()).resolves.toBe(true);
      await expect(onTop(page, page.locator('#opi-q'))).resolves.toBe(true);
      await page.keyboard.press('Escape');
      await expect(page.locator('.panel').isHidden()).resolves.toBe(true);
      await context.close();
    });
  });

  describe('Escape closes the innermost open thing first', () => {
    it('closes the feedback comment, then the thumb tooltip, then the panel', async () => {
      const { page, context } = await openHostPage(browser, hosts, server.url, { css: HOSTILE_CSS });
      await page.locator('.launcher').click();
      await ask(page, WIDGET_QUESTIONS.answered);
      await page.locator('.thumb[data-rating=down]').click();
      await page.locator('.fb-form textarea').fill('Halvt skrevet');
      await expect(focusedInWidget(page)).resolves.toMatch(/^textarea\./);

      await page.keyboard.press('Escape');
      await expect(page.locator('.fb-form').count()).resolves.toBe(0);
      await expect(page.locator('.panel').isVisible()).resolves.toBe(true);
      await expect(focusedInWidget(page)).resolves.toBe('button.thumb#');
      await expect(page.locator('.thumb[data-rating=down]').getAttribute('aria-pressed')).resolves.toBe('false');
      await expect(tooltip(page.locator('.thumb[data-rating=down]'))).resolves.toBe('Nej, svaret var ikke nyttigt');

      await page.keyboard.press('Escape');
      await expect(tooltip(page.locator('.thumb[data-rating=down]'))).resolves.toBe('');
      await expect(page.locator('.panel').isVisible()).resolves.toBe(true);

      await page.keyboard.press('Escape');
      await expect(page.locator('.panel').isHidden()).resolves.toBe(true);
      await expect(focusedInWidget(page)).resolves.toBe('button.launcher#');
      await context.close();
    });

    it('closes the contact form from one of its fields before the panel', async () => {
      const { page, context } = await openHostPage(browser, hosts, server.url);
      await page.locator('.launcher').click();
      await page.locator('.foot .link-btn').click();
      await page.locator('.contact input[type=email]').fill('mette@kommune.dk');
      await page.keyboard.press('Escape');
      await expect(page.locator('.contact').count()).resolves.toBe(0);
      await expect(page.locator('.panel').isVisible()).resolves.toBe(true);
      await expect(focusedInWidget(page)).resolves.toBe('button.link-btn#');
      await page.keyboard.press('Escape');
      await expect(page.locator('.panel').isHidden()).resolves.toBe(true);
      await context.close();
    });
  });

  describe('full screen on a small window', () => {
    it('fills a 640 × 400 window (200 % zoom) with room for messages and the contact form', async () => {
      const { page, context } = await openHostPage(browser, hosts, server.url, {
        width: 640,
        height: 400,
        zoom: 2,
        css: TRANSFORMED_BODY,
      });
      await page.emulateMedia({ reducedMotion: 'reduce' });
      await page.locator('.launcher').click();
      await ask(page, WIDGET_QUESTIONS.answered);
      expect(await page.locator('.panel').boundingBox()).toEqual({ x: 0, y: 0, width: 640, height: 400 });
      const body = page.locator('.body');
      expect(await body.evaluate((el) => el.clientHeight)).toBeGreaterThanOrEqual(220);
      await expect(body.evaluate((el) => el.scrollWidth - el.clientWidth)).resolves.toBe(0);
      expect(await axeViolations(page)).toEqual([]);
      await page.mouse.move(0, 0);
      await page.screenshot({ path: resolve(ARTIFACTS, 'widget-zoom-200.png') });

      await page.locator('.foot .link-btn').click();
      const shown = await page.locator('.contact').evaluate((view) => {
        const area = view.closest('.body')!.getBoundingClientRect();
        return [...view.querySelectorAll('.field')].filter((f) => {
          const r = f.getBoundingClientRect();
          return r.top >= area.top && r.bottom <= area.bottom;
        }).length;
      });
      expect(shown).toBeGreaterThanOrEqual(3);
      expect(await axeViolations(page)).toEqual([]);
      await page.screenshot({ path: resolve(ARTIFACTS, 'widget-zoom-200-contact.png') });
      await context.close();
    });

    it('fills a 360 px wide window, too, and shows the launcher again when closed', async () => {
      const { page, context } = await openHostPage(browser, hosts, server.url, { width: 360, height: 740 });
      await page.emulateMedia({ reducedMotion: 'reduce' });
      await page.locator('.launcher').click();
      expect(await page.locator('.panel').boundingBox()).toEqual({ x: 0, y: 0, width: 360, height: 740 });
      await page.locator('.head .icon-btn').nth(1).click();
      await expect(onTop(page, page.locator('.launcher'))).resolves.toBe(true);
      await context.close();
    });
  });

  describe('escalation reference', () => {
    it("shows the escalation's short reference in the receipt instead of its id", async () => {
      const { page, context } = await openHostPage(browser, hosts, server.url);
      await page.route('**/api/escalations', (route) =>
        route.fulfill({
          status: 201,
          contentType: 'application/json',
          headers: { 'access-control-allow-origin': '*' },
          body: JSON.stringify({
            id: 'f954f434-2c1e-4f7e-9a51-0d2b8f1c9e77',
            reference: 'OPI-2026-0042',
            status: 'open',
          }),
        }),
      );
      await page.locator('.launcher').click();
      await page.locator('.foot .link-btn').click();
      const form = page.locator('.contact form');
      await form.locator('textarea').first().fill('Hvem ejer rettighederne?');
      await form.locator('input[type=email]').fill('mette@kommune.dk');
      await form.locator('button[type=submit]').click();
      await expect(page.locator('.contact .ok').textContent()).resolves.toBe(
        'Tak! Dit spørgsmål er sendt til en OPI-rådgiver, som svarer dig på e-mail (sagsnummer OPI-2026-0042).',
      );
      expect(await axeViolations(page)).toEqual([]);
      await context.close();
    });
  });

  describe('rough edges', () => {
    it('names every icon-only button in a tooltip on hover and on keyboard focus', async () => {
      const { page, context } = await openHostPage(browser, hosts, server.url, { css: HOSTILE_CSS });
      const launcher = page.locator('.launcher');
      await launcher.hover();
      await expect(tooltip(launcher)).resolves.toBe('Åbn OPI Helpdesk');
      await launcher.click();
      await expect(tooltip(launcher)).resolves.toBe('Luk OPI Helpdesk');
      await ask(page, WIDGET_QUESTIONS.answered);
      const expected: [Locator, string][] = [
        [page.locator('.head .icon-btn').nth(0), 'Ny samtale'],
        [page.locator('.head .icon-btn').nth(1), 'Luk'],
        [page.locator('.send'), 'Send'],
        [page.locator('.thumb[data-rating=up]'), 'Ja, svaret var nyttigt'],
        [page.locator('.thumb[data-rating=down]'), 'Nej, svaret var ikke nyttigt'],
      ];
      for (const [button, text] of expected) {
        await button.hover();
        await expect(tooltip(button)).resolves.toBe(text);
      }
      await page.locator('#opi-q').focus();
      await page.keyboard.press('Tab');
      await page.mouse.move(0, 0);
      await expect(tooltip(page.locator('.send'))).resolves.toBe('Send');
      await page.screenshot({ path: resolve(ARTIFACTS, 'widget-tooltip.png') });
      expect(await axeViolations(page)).toEqual([]);
      await context.close();
    });

    it('"Ny samtale" clears the conversation with an undo that brings it back', async () => {
      const { page, context } = await openHostPage(browser, hosts, server.url);
      await page.locator('.launcher').click();
      await ask(page, WIDGET_QUESTIONS.answered);
      const stored = () => page.evaluate(() => Object.values(sessionStorage).join(''));
      await page.locator('.head .icon-btn').first().click();
      await expect(page.locator('.msg.user').count()).resolves.toBe(0);
      await expect(stored()).resolves.toBe('[]');
      await expect(page.locator('.undo').textContent()).resolves.toBe('Samtalen er slettet. Fortryd');
      await expect(focusedInWidget(page)).resolves.toBe('textarea.#opi-q');
      await page.keyboard.press('Shift+Tab');
      await expect(focusedInWidget(page)).resolves.toBe('button.link-btn#');
      expect(await axeViolations(page)).toEqual([]);

      await page.keyboard.press('Enter');
      await expect(page.locator('.msg.user').count()).resolves.toBe(1);
      await expect(page.locator('.msg.bot[data-state=done] .chip').count()).resolves.toBe(2);
      await expect(stored()).resolves.toContain(WIDGET_QUESTIONS.answered);
      await expect(page.locator('.undo').count()).resolves.toBe(0);

      // A new question after clearing ends the chance to undo.
      await page.locator('.head .icon-btn').first().click();
      await ask(page, WIDGET_QUESTIONS.unanswered);
      await expect(page.locator('.undo').count()).resolves.toBe(0);
      await expect(page.locator('.msg.user').count()).resolves.toBe(1);
      await context.close();
    });

    it('keeps a failed question in the input, ready to send again', async () => {
      const { page, context } = await openHostPage(browser, hosts, server.url);
      await page.route('**/api/ask', (route) =>
        route.fulfill({
          status: 503,
          contentType: 'application/json',
          headers: { 'access-control-allow-origin': '*' },
          body: JSON.stringify({ error: { code: 'unavailable', message: 'x' } }),
        }),
      );
      await page.locator('.launcher').click();
      await page.locator('#opi-q').fill('Hvem ejer rettighederne?');
      await page.locator('#opi-q').press('Enter');
      await page.locator('.msg.error').waitFor();
      await expect(page.locator('#opi-q').inputValue()).resolves.toBe('Hvem ejer rettighederne?');
      expect(await axeViolations(page)).toEqual([]);
      await page.unroute('**/api/ask');
      await page.locator('#opi-q').press('Enter');
      await page.locator('.msg.bot[data-state=done]').waitFor();
      await expect(page.locator('#opi-q').inputValue()).resolves.toBe('');
      await context.close();
    });

    it('scrolls to the start of a long answer, not to its end', async () => {
      const { page, context } = await openHostPage(browser, hosts, server.url, { width: 640, height: 400, zoom: 2 });
      await page.emulateMedia({ reducedMotion: 'reduce' });
      await page.locator('.launcher').click();
      await ask(page, WIDGET_QUESTIONS.long);
      const answer = page.locator('.msg.bot[data-state=done]');
      const place = await answer.evaluate((el) => {
        const body = el.closest('.body')!;
        return {
          top: el.getBoundingClientRect().top - body.getBoundingClientRect().top,
          below: body.scrollHeight - body.scrollTop - body.clientHeight,
        };
      });
      expect(place.top).toBeGreaterThanOrEqual(0);
      expect(place.top).toBeLessThan(20);
      expect(place.below).toBeGreaterThan(100);
      await expect(answer.locator('.answer p').first().textContent()).resolves.toMatch(
        new RegExp(`^${LONG_ANSWER_START}`),
      );
      await page.mouse.move(0, 0);
      await page.screenshot({ path: resolve(ARTIFACTS, 'widget-long-answer.png') });
      await context.close();
    });
  });

  describe('dark mode', () => {
    it('follows prefers-color-scheme: dark with AA contrast in every state', async () => {
      const { page, context } = await openHostPage(browser, hosts, server.url, {
        colorScheme: 'dark',
        css: HOSTILE_CSS,
      });
      await page.locator('.launcher').click();
      await expect(page.locator('.panel').evaluate((el) => getComputedStyle(el).backgroundColor)).resolves.toBe(
        'rgb(28, 30, 34)',
      );
      expect(await axeViolations(page)).toEqual([]);
      await ask(page, WIDGET_QUESTIONS.answered);
      await expect(page.locator('.answer p').evaluate((el) => getComputedStyle(el).color)).resolves.toBe(
        'rgb(236, 236, 236)',
      );
      await page.locator('.thumb[data-rating=up]').click();
      expect(await axeViolations(page)).toEqual([]);
      await page.emulateMedia({ reducedMotion: 'reduce' });
      await page.mouse.move(0, 0);
      await page.screenshot({ path: resolve(ARTIFACTS, 'widget-dark.png') });
      await page.locator('.fb-form button[type=submit]').click();
      await page.locator('.feedback [role=status]').waitFor();
      await ask(page, WIDGET_QUESTIONS.unanswered);
      expect(await axeViolations(page)).toEqual([]);
      await page.locator('.chip').first().click();
      expect(await axeViolations(page)).toEqual([]);
      await page.keyboard.press('Escape');
      await page.locator('.msg.bot.unanswered .contact-btn').click();
      await page.locator('.contact button[type=submit]').click();
      expect(await axeViolations(page)).toEqual([]);
      await page.screenshot({ path: resolve(ARTIFACTS, 'widget-dark-contact.png') });
      await context.close();
    });

    it('keeps a light brand colour readable in the dark', async () => {
      const { page, context } = await openHostPage(browser, hosts, server.url, {
        colorScheme: 'dark',
        data: { color: '#ffeb3b' },
      });
      await page.locator('.launcher').click();
      await ask(page, WIDGET_QUESTIONS.answered);
      expect(await axeViolations(page)).toEqual([]);
      await context.close();
    });

    it('darkens the full-page chat at /, too', async () => {
      const context = await browser.newContext({ viewport: { width: 1024, height: 768 }, colorScheme: 'dark' });
      const page = await context.newPage();
      const violations = await recordCspViolations(page);
      await page.goto(`${server.url}/`);
      await page.emulateMedia({ reducedMotion: 'reduce' });
      await page.locator('h1#opi-title').waitFor();
      await expect(
        page.locator('[data-opi-helpdesk]').evaluate((el) => getComputedStyle(el).backgroundColor),
      ).resolves.toBe('rgb(17, 19, 22)');
      await page.locator('#opi-q').focus();
      await ask(page, WIDGET_QUESTIONS.answered);
      expect(await axeViolations(page)).toEqual([]);
      await page.screenshot({ path: resolve(ARTIFACTS, 'widget-page-dark.png') });
      expect(violations).toEqual([]);
      await context.close();
    });
  });
});
