import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  axeViolations,
  HOSTILE_CSS,
  type HostServer,
  launchBrowser,
  openHostPage,
  recordCspViolations,
  skipReason,
  startHostServer,
} from './browser.js';
import { XSS_FLAG } from './fake-helpdesk.js';
import { RUNTIME_QUESTIONS, startRuntimeServer, type TestServer } from './server.js';

interface ApiCitation {
  id: number;
  chunkId: string;
  title: string;
  section: string;
  text: string;
  url: string;
}

/** Ask and wait until the answer is finished; returns every state the newest answer passed through. */
async function ask(page: Page, question: string): Promise<{ state: string; text: string }[]> {
  await page.evaluate(() => {
    const root = document.querySelector('[data-opi-helpdesk]')!.shadowRoot!;
    const states: { state: string; text: string }[] = [];
    (window as unknown as { __states: typeof states }).__states = states;
    new MutationObserver(() => {
      const bots = root.querySelectorAll<HTMLElement>('.log .msg.bot:not(.greeting)');
      const last = bots[bots.length - 1];
      if (last)
        states.push({ state: last.dataset.state ?? '', text: last.querySelector('.answer')?.textContent ?? '' });
    }).observe(root, { subtree: true, childList: true, characterData: true, attributes: true });
  });
  const before = await page.locator('.msg.bot[data-state=done]').count();
  await page.locator('#opi-q').fill(question);
  await page.locator('#opi-q').press('Enter');
  await page.locator('.msg.bot[data-state=done]').nth(before).waitFor();
  return page.evaluate(() => (window as unknown as { __states: { state: string; text: string }[] }).__states);
}

describe.skipIf(skipReason !== undefined)(
  `web widget against the real Node runtime${skipReason ? ` (${skipReason})` : ''}`,
  () => {
    let server: TestServer;
    let hosts: HostServer;
    let browser: Browser;

    beforeAll(async () => {
      [server, hosts, browser] = await Promise.all([startRuntimeServer(), startHostServer(), launchBrowser()]);
    });
    afterAll(async () => {
      await browser?.close();
      await Promise.all([server?.close(), hosts?.close()]);
    });

    /** The answer the server gives as JSON, to compare the widget's rendering with. */
    async function apiAnswer(
      question: string,
    ): Promise<{ answer: string; answered: boolean; citations: ApiCitation[] }> {
      const res = await fetch(`${server.url}/api/ask`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ question }),
      });
      expect(res.status).toBe(200);
      return res.json() as Promise<{ answer: string; answered: boolean; citations: ApiCitation[] }>;
    }

    it('answers from the corpus on a hostile host page: streamed text, chips, sources, exact passage, feedback', async () => {
      const expected = await apiAnswer(RUNTIME_QUESTIONS.answered);
      expect(expected.answered).toBe(true);
      const first = expected.citations[0]!;

      const { page, context, violations } = await openHostPage(browser, hosts, server.url, { css: HOSTILE_CSS });
      await page.locator('.launcher').click();
      const states = await ask(page, RUNTIME_QUESTIONS.answered);
      expect(states[0]?.state).toBe('waiting');
      const final = states.at(-1)!;
      expect(final.state).toBe('done');
      for (const s of states.filter((x) => x.state === 'streaming')) {
        expect(expected.answer.startsWith(s.text)).toBe(true);
      }

      const done = page.locator('.msg.bot[data-state=done]');
      const chipIds = (await done.locator('.answer .chip').allTextContents()).map(Number);
      expect(chipIds.length).toBeGreaterThan(0);
      expect(new Set(chipIds)).toEqual(
        new Set(expected.answer.match(/\[(\d+)\]/g)!.map((m) => Number(m.slice(1, -1)))),
      );
      await expect(done.locator('.sources li').count()).resolves.toBe(expected.citations.length);

      await done.locator('.answer .chip').first().click();
      const c = expected.citations.find((x) => x.id === chipIds[0])!;
      await expect(page.locator('.passage h3').textContent()).resolves.toBe(c.title);
      await expect(page.locator('.passage .passage-text').textContent()).resolves.toBe(c.text);
      await expect(page.locator('.passage a.open-source').getAttribute('href')).resolves.toBe(
        new URL(c.url, `${server.url}/`).href,
      );
      expect(c.url).toMatch(/^\/docs\//);
      const viewer = await fetch(new URL(c.url, `${server.url}/`));
      expect(viewer.status).toBe(200);
      await page.keyboard.press('Escape');

      await page.locator('.thumb[data-rating=up]').click();
      const [request, response] = await Promise.all([
        page.waitForRequest((r) => r.url().endsWith('/api/feedback')),
        page.waitForResponse((r) => r.url().endsWith('/api/feedback')),
        page.locator('.fb-form button[type=submit]').click(),
      ]);
      expect(response.status()).toBe(201);
      expect(request.postDataJSON()).toMatchObject({
        rating: 'up',
        channel: 'web',
        question: RUNTIME_QUESTIONS.answered,
      });
      expect(request.postDataJSON().citedChunkIds).toContain(first.chunkId);
      await expect(page.locator('.feedback [role=status]').textContent()).resolves.toBe('Tak for din tilbagemelding!');
      expect(violations).toEqual([]);
      await context.close();
    });

    it('offers an OPI adviser for an off-topic question and stores the escalation', async () => {
      const { page, context } = await openHostPage(browser, hosts, server.url);
      await page.locator('.launcher').click();
      await ask(page, RUNTIME_QUESTIONS.unanswered);
      await page.locator('.msg.bot.unanswered .contact-btn').click();
      const form = page.locator('.contact form');
      await form.locator('input[autocomplete=name]').fill('Mette Jensen');
      await form.locator('input[type=email]').fill('mette@kommune.dk');
      const [response] = await Promise.all([
        page.waitForResponse((r) => r.url().endsWith('/api/escalations')),
        form.locator('button[type=submit]').click(),
      ]);
      expect(response.status()).toBe(201);
      await expect(page.locator('.contact .ok').textContent()).resolves.toMatch(
        /^Tak! Dit spørgsmål er sendt til en OPI-rådgiver/,
      );
      expect(await axeViolations(page)).toEqual([]);
      await context.close();
    });

    it('cites a corpus document full of script and event-handler payloads without running any of them', async () => {
      const expected = await apiAnswer(RUNTIME_QUESTIONS.xss);
      expect(expected.citations[0]?.title).toContain('<img src=x onerror=');

      const { page, context, violations } = await openHostPage(browser, hosts, server.url);
      await page.locator('.launcher').click();
      await ask(page, RUNTIME_QUESTIONS.xss);
      await page.locator('.msg.bot[data-state=done] .answer .chip').first().click();
      await expect(page.locator('.passage h3').textContent()).resolves.toBe(expected.citations[0]!.title);
      await expect(page.locator('.passage .passage-text').textContent()).resolves.toBe(expected.citations[0]!.text);
      await page.waitForTimeout(300);
      const dom = await page.evaluate((flag) => {
        const root = document.querySelector('[data-opi-helpdesk]')!.shadowRoot!;
        return {
          flag: (window as unknown as Record<string, unknown>)[flag],
          dangerous: root.querySelectorAll('img, script, iframe, object, embed, svg:not([aria-hidden=true])').length,
          handlers: [...root.querySelectorAll('*')].filter((el) =>
            [...el.attributes].some((a) => a.name.startsWith('on')),
          ).length,
          badLinks: [...root.querySelectorAll('a')].filter((a) => !/^https?:/.test(a.href)).length,
        };
      }, XSS_FLAG);
      expect(dom).toEqual({ flag: undefined, dangerous: 0, handlers: 0, badLinks: 0 });
      expect(violations).toEqual([]);
      await context.close();
    });

    it('serves the full-page chat at / that answers under its strict CSP', async () => {
      const context = await browser.newContext();
      const page = await context.newPage();
      const violations = await recordCspViolations(page);
      await page.goto(`${server.url}/`);
      await page.locator('h1#opi-title').waitFor();
      await ask(page, RUNTIME_QUESTIONS.answered);
      await expect(page.locator('.msg.bot[data-state=done] .chip').count()).resolves.toBeGreaterThan(0);
      expect(await axeViolations(page)).toEqual([]);
      expect(violations).toEqual([]);
      await context.close();
    });
  },
);
