import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
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
import { WIDGET_QUESTIONS, XSS_FLAG } from './fake-helpdesk.js';
import { startTestServer, type TestServer } from './server.js';

const ARTIFACTS = resolve(dirname(fileURLToPath(import.meta.url)), '../../test-artifacts');

/** Type a question into the open widget, send it with Enter, and wait for the finished answer. */
async function ask(page: Page, question: string): Promise<void> {
  const before = await page.locator('.msg.bot[data-state=done]').count();
  await page.locator('#opi-q').fill(question);
  await page.locator('#opi-q').press('Enter');
  await page.locator('.msg.bot[data-state=done]').nth(before).waitFor();
}

/** The `[data-state]` and text of the newest answer at every DOM change, recorded inside the page. */
async function recordAnswerStates(page: Page): Promise<() => Promise<{ state: string; text: string }[]>> {
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
  return () => page.evaluate(() => (window as unknown as { __states: { state: string; text: string }[] }).__states);
}

describe.skipIf(skipReason !== undefined)(`web widget in Chromium${skipReason ? ` (${skipReason})` : ''}`, () => {
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

  it('embeds with one script tag on a page with hostile CSS and a strict CSP, and keeps its own look', async () => {
    const { page, context, violations } = await openHostPage(browser, hosts, server.url, { css: HOSTILE_CSS });
    const launcher = page.locator('.launcher');
    await expect(launcher.isVisible()).resolves.toBe(true);
    const box = await launcher.boundingBox();
    expect(box?.width).toBe(56);
    expect(box!.x + box!.width).toBeGreaterThan(1280 - 100);
    await launcher.click();
    await ask(page, WIDGET_QUESTIONS.answered);
    const style = await page.locator('.msg.bot[data-state=done] .answer p').evaluate((el) => {
      const s = getComputedStyle(el);
      return { fontSize: s.fontSize, color: s.color, transform: s.textTransform, display: s.display };
    });
    expect(style).toEqual({ fontSize: '15px', color: 'rgb(26, 26, 26)', transform: 'none', display: 'block' });
    const panel = await page.locator('.panel').boundingBox();
    expect(panel?.width).toBe(390);
    expect(violations).toEqual([]);
    await context.close();
  });

  it('streams the answer, turns [n] into citation chips and shows the passage of a chip', async () => {
    const { page, context, violations } = await openHostPage(browser, hosts, server.url);
    await page.locator('.launcher').click();
    const states = await recordAnswerStates(page);
    await ask(page, WIDGET_QUESTIONS.answered);

    const final = 'Beskriv behovet og find partnere 1. Aftal roller skriftligt 2.';
    const seen = await states();
    const partial = seen.filter((s) => s.state === 'streaming' && s.text.length > 0);
    expect(partial.length).toBeGreaterThan(1);
    expect(partial[0]!.text.length).toBeLessThan('Beskriv behovet og find partnere [1].'.length);
    expect(seen.at(-1)).toEqual({ state: 'done', text: final });

    const chips = page.locator('.msg.bot[data-state=done] .answer .chip');
    await expect(chips.allTextContents()).resolves.toEqual(['1', '2']);
    await expect(chips.first().getAttribute('aria-label')).resolves.toBe('Kilde 1: Sådan kommer I i gang med OPI');
    await expect(page.locator('.sources li').allTextContents()).resolves.toEqual([
      '[1]Sådan kommer I i gang med OPI – Forberedelse',
      '[2]Sådan kommer I i gang med OPI – Forberedelse › Samarbejdsaftale',
    ]);

    await chips.nth(1).click();
    const passage = page.locator('.passage');
    await expect(passage.locator('h3').textContent()).resolves.toBe('Sådan kommer I i gang med OPI');
    await expect(passage.locator('.section').textContent()).resolves.toBe('Forberedelse › Samarbejdsaftale');
    await expect(passage.locator('.passage-text').textContent()).resolves.toBe(
      'Aftal rettigheder og roller skriftligt, før I går i gang.',
    );
    const link = passage.locator('a.open-source');
    await expect(link.textContent()).resolves.toBe('Åbn kilden');
    await expect(link.getAttribute('href')).resolves.toBe(`${server.url}/docs/opi-guide#samarbejdsaftale`);
    await expect(link.getAttribute('rel')).resolves.toBe('noopener noreferrer');

    await passage.locator('.back').click();
    await expect(page.locator('.log').isVisible()).resolves.toBe(true);
    await expect(focusedInWidget(page)).resolves.toBe('button.chip#');
    await expect(page.locator('[aria-live=polite]').textContent()).resolves.toBe(
      'Svar: Beskriv behovet og find partnere. Aftal roller skriftligt.',
    );
    expect(violations).toEqual([]);
    await context.close();
  });

  it('sends 👎 with a comment as feedback with the cited chunk ids', async () => {
    const { page, context } = await openHostPage(browser, hosts, server.url);
    await page.locator('.launcher').click();
    await ask(page, WIDGET_QUESTIONS.answered);
    await page.locator('.thumb[data-rating=down]').click();
    await expect(page.locator('.thumb[data-rating=down]').getAttribute('aria-pressed')).resolves.toBe('true');
    await page.locator('.fb-form textarea').fill('Mangler noget om økonomi.');
    const [request, response] = await Promise.all([
      page.waitForRequest((r) => r.url().endsWith('/api/feedback')),
      page.waitForResponse((r) => r.url().endsWith('/api/feedback')),
      page.locator('.fb-form button[type=submit]').click(),
    ]);
    expect(request.postDataJSON()).toEqual({
      question: WIDGET_QUESTIONS.answered,
      answer: 'Beskriv behovet og find partnere [1]. Aftal roller skriftligt [2].',
      rating: 'down',
      comment: 'Mangler noget om økonomi.',
      citedChunkIds: ['opi-guide#forberedelse', 'opi-guide#samarbejdsaftale'],
      channel: 'web',
    });
    expect(request.headers()['x-helpdesk-channel']).toBe('web');
    expect(response.status()).toBeLessThan(300);
    await expect(page.locator('.feedback [role=status]').textContent()).resolves.toBe('Tak for din tilbagemelding!');
    await context.close();
  });

  it('offers an OPI adviser for an off-topic question and posts the escalation', async () => {
    const { page, context } = await openHostPage(browser, hosts, server.url);
    await page.locator('.launcher').click();
    await ask(page, WIDGET_QUESTIONS.unanswered);
    const answer = page.locator('.msg.bot.unanswered');
    await expect(answer.locator('.chip').count()).resolves.toBe(0);
    await answer.locator('.contact-btn').click();

    const form = page.locator('.contact form');
    await expect(form.locator('textarea').first().inputValue()).resolves.toBe(WIDGET_QUESTIONS.unanswered);
    await expect(form.locator('textarea[readonly]').inputValue()).resolves.toContain(
      `Dig: ${WIDGET_QUESTIONS.unanswered}`,
    );
    await form.locator('input[type=email]').fill('ikke-en-adresse');
    await form.locator('button[type=submit]').click();
    await expect(form.locator('[role=alert]').textContent()).resolves.toBe(
      'Skriv en gyldig e-mailadresse, så rådgiveren kan svare dig.',
    );
    await expect(form.locator('input[type=email]').getAttribute('aria-invalid')).resolves.toBe('true');

    await form.locator('input[autocomplete=name]').fill('Mette Jensen');
    await form.locator('input[type=email]').fill('mette@kommune.dk');
    const [request, response] = await Promise.all([
      page.waitForRequest((r) => r.url().endsWith('/api/escalations')),
      page.waitForResponse((r) => r.url().endsWith('/api/escalations')),
      form.locator('button[type=submit]').click(),
    ]);
    const body = request.postDataJSON();
    expect(body).toMatchObject({
      question: WIDGET_QUESTIONS.unanswered,
      name: 'Mette Jensen',
      email: 'mette@kommune.dk',
      channel: 'web',
    });
    expect(body.conversation).toEqual([
      { role: 'user', content: WIDGET_QUESTIONS.unanswered },
      { role: 'assistant', content: expect.stringContaining('rådgiver') },
    ]);
    expect(response.status()).toBeLessThan(300);
    const saved = (await response.json()) as { id: string; reference?: string };
    const thanks = page.locator('.contact .ok');
    await expect(thanks.textContent()).resolves.toBe(
      `Tak! Dit spørgsmål er sendt til en OPI-rådgiver, som svarer dig på e-mail (sagsnummer ${saved.reference ?? saved.id}).`,
    );
    await expect(focusedInWidget(page)).resolves.toBe('p.ok#');
    await context.close();
  });

  it('works with the keyboard alone: open, ask, move through citations, Escape back and closed', async () => {
    const { page, context } = await openHostPage(browser, hosts, server.url, { css: HOSTILE_CSS });
    for (let i = 0; i < 5 && (await focusedInWidget(page)) !== 'button.launcher#'; i++)
      await page.keyboard.press('Tab');
    await expect(focusedInWidget(page)).resolves.toBe('button.launcher#');
    await page.keyboard.press('Enter');
    await expect(page.locator('.launcher').getAttribute('aria-expanded')).resolves.toBe('true');
    await expect(focusedInWidget(page)).resolves.toBe('textarea.#opi-q');

    await page.keyboard.type(WIDGET_QUESTIONS.answered);
    await page.keyboard.press('Enter');
    await page.locator('.msg.bot[data-state=done]').waitFor();

    // Backwards from the input: feedback thumbs, the sources, then the chips in the text.
    const visited: string[] = [];
    for (let i = 0; i < 12 && !visited.at(-1)?.startsWith('button.chip'); i++) {
      await page.keyboard.press('Shift+Tab');
      visited.push(await focusedInWidget(page));
    }
    expect(visited).toEqual(['button.thumb#', 'button.thumb#', 'button.src#', 'button.src#', 'button.chip#']);
    await page.keyboard.press('Enter');
    await expect(page.locator('.passage h3').isVisible()).resolves.toBe(true);
    await expect(focusedInWidget(page)).resolves.toBe('h3.#opi-passage-title');
    await page.keyboard.press('Tab');
    await expect(focusedInWidget(page)).resolves.toBe('a.open-source#');
    await page.keyboard.press('Escape');
    await expect(page.locator('.passage').count()).resolves.toBe(0);
    await expect(
      page
        .locator('.chip')
        .nth(1)
        .evaluate((el) => el === (el.getRootNode() as ShadowRoot).activeElement),
    ).resolves.toBe(true);

    await page.keyboard.press('Escape');
    await expect(page.locator('.panel').isHidden()).resolves.toBe(true);
    await expect(focusedInWidget(page)).resolves.toBe('button.launcher#');
    await page.keyboard.press('Space');
    await expect(page.locator('.panel').isVisible()).resolves.toBe(true);
    await expect(focusedInWidget(page)).resolves.toBe('textarea.#opi-q');
    await context.close();
  });

  it('keeps the conversation for the tab and sends it as history', async () => {
    const { page, context } = await openHostPage(browser, hosts, server.url);
    await page.locator('.launcher').click();
    await expect(page.locator('.starter').count()).resolves.toBe(4);
    await page.locator('.starter').first().click();
    await page.locator('.msg.bot[data-state=done]').waitFor();
    await expect(page.locator('.msg.user').textContent()).resolves.toBe('Dig: Hvad er et OPI-projekt?');

    await page.reload();
    await page.locator('.launcher').click();
    await expect(page.locator('.msg.user').count()).resolves.toBe(1);
    await expect(page.locator('.msg.bot[data-state=done] .chip').count()).resolves.toBe(2);
    await expect(page.locator('.starter').count()).resolves.toBe(0);

    const [request] = await Promise.all([
      page.waitForRequest((r) => r.url().endsWith('/api/ask')),
      ask(page, WIDGET_QUESTIONS.answered),
    ]);
    expect(request.headers().accept).toBe('text/event-stream');
    expect(request.postDataJSON()).toEqual({
      question: WIDGET_QUESTIONS.answered,
      history: [
        { role: 'user', content: 'Hvad er et OPI-projekt?' },
        { role: 'assistant', content: 'Beskriv behovet og find partnere [1]. Aftal roller skriftligt [2].' },
      ],
    });

    await page.locator('.head .icon-btn').first().click();
    await expect(page.locator('.msg.user').count()).resolves.toBe(0);
    await expect(page.locator('.starter').count()).resolves.toBe(4);
    await context.close();
  });

  it('renders script, event-handler and javascript: payloads in answers and citations as inert text', async () => {
    const { page, context, violations } = await openHostPage(browser, hosts, server.url);
    await page.locator('.launcher').click();
    await ask(page, WIDGET_QUESTIONS.xss);
    await expect(page.locator('.msg.bot[data-state=done] .answer').textContent()).resolves.toContain(
      `<img src=x onerror="window.${XSS_FLAG}=1">`,
    );
    await expect(page.locator('.answer strong').textContent()).resolves.toBe('Fed');
    await expect(page.locator('.answer li').count()).resolves.toBe(2);

    await page.locator('.chip').first().click();
    await expect(page.locator('.passage h3').textContent()).resolves.toBe(
      `<img src=x onerror="window.${XSS_FLAG}=4">Mistænkeligt dokument`,
    );
    await expect(page.locator('.passage a').count()).resolves.toBe(0);
    await expect(page.locator('.passage code').textContent()).resolves.toBe(`javascript:window.${XSS_FLAG}=8`);
    await page.locator('.passage .back').click();
    await page.locator('.src[data-source="2"]').click();
    await expect(page.locator('.passage a').count()).resolves.toBe(0);
    await page.locator('.passage .back').click();
    await page.locator('.src[data-source="3"]').click();
    await expect(page.locator('.passage a').getAttribute('href')).resolves.toBe(`${server.url}/docs/xss-dokument#ok`);

    await page.waitForTimeout(300);
    const dom = await page.evaluate((flag) => {
      const root = document.querySelector('[data-opi-helpdesk]')!.shadowRoot!;
      const all = [...root.querySelectorAll('*')];
      return {
        flag: (window as unknown as Record<string, unknown>)[flag],
        dangerous: root.querySelectorAll('img, script, iframe, object, embed, svg:not([aria-hidden=true])').length,
        handlers: all.filter((el) => [...el.attributes].some((a) => a.name.startsWith('on'))).length,
        hrefs: [...root.querySelectorAll('a')].map((a) => a.getAttribute('href')),
      };
    }, XSS_FLAG);
    expect(dom).toEqual({ flag: undefined, dangerous: 0, handlers: 0, hrefs: [`${server.url}/docs/xss-dokument#ok`] });
    expect(violations).toEqual([]);
    await context.close();
  });

  it('shows Danish error messages when the API refuses or the stream fails', async () => {
    const { page, context } = await openHostPage(browser, hosts, server.url);
    await page.route('**/api/ask', (route, request) =>
      request.method() === 'POST'
        ? route.fulfill({
            status: 429,
            contentType: 'application/json',
            headers: { 'access-control-allow-origin': '*' },
            body: JSON.stringify({ error: { code: 'rate_limited', message: 'For mange forespørgsler.' } }),
          })
        : route.continue(),
    );
    await page.locator('.launcher').click();
    await page.locator('#opi-q').fill('Et spørgsmål');
    await page.locator('#opi-q').press('Enter');
    await expect(page.locator('.msg.error .bubble').textContent()).resolves.toBe(
      'Der er stillet mange spørgsmål på kort tid. Vent et øjeblik, og prøv igen.',
    );
    await page.unroute('**/api/ask');
    await page.route('**/api/ask', (route) =>
      route.fulfill({
        status: 200,
        contentType: 'text/event-stream',
        headers: { 'access-control-allow-origin': '*' },
        body: 'event: delta\ndata: {"text":"Halvt "}\n\nevent: error\ndata: {"error":{"code":"upstream_failed","message":"x"}}\n\n',
      }),
    );
    await page.locator('#opi-q').fill('Et andet spørgsmål');
    await page.locator('#opi-q').press('Enter');
    await expect(page.locator('.msg.error .bubble').nth(1).textContent()).resolves.toBe(
      'Noget gik galt, så jeg kunne ikke svare. Prøv igen om lidt.',
    );
    await context.close();
  });

  it('follows its data- attributes: position, language, colour with readable contrast, title, greeting, starters', async () => {
    const { page, context } = await openHostPage(browser, hosts, server.url, {
      data: {
        position: 'left',
        lang: 'en',
        color: '#ffeb3b',
        title: 'Innovation help',
        greeting: 'Welcome aboard.',
        starters: JSON.stringify(['First question?', 'Second question?']),
      },
    });
    const launcher = page.locator('.launcher');
    expect((await launcher.boundingBox())!.x).toBeLessThan(100);
    await expect(launcher.getAttribute('aria-label')).resolves.toBe('Open OPI Helpdesk');
    await expect(launcher.evaluate((el) => getComputedStyle(el).color)).resolves.toBe('rgb(17, 17, 17)');
    await launcher.click();
    await expect(page.locator('#opi-title').textContent()).resolves.toBe('Innovation help');
    await expect(page.locator('.greeting').textContent()).resolves.toBe('Welcome aboard.');
    await expect(page.locator('.starter').allTextContents()).resolves.toEqual(['First question?', 'Second question?']);
    // Accent text on white is darkened until it meets AA.
    await expect(
      page
        .locator('.starter')
        .first()
        .evaluate((el) => getComputedStyle(el).color),
    ).resolves.not.toBe('rgb(255, 235, 59)');
    expect(await axeViolations(page)).toEqual([]);
    await context.close();
  });

  it('has no serious or critical axe violations with an answer, a passage and the contact form open', async () => {
    const { page, context } = await openHostPage(browser, hosts, server.url);
    await page.locator('.launcher').click();
    expect(await axeViolations(page)).toEqual([]);
    await ask(page, WIDGET_QUESTIONS.answered);
    await page.locator('.thumb[data-rating=up]').click();
    expect(await axeViolations(page)).toEqual([]);
    await page.locator('.chip').first().click();
    expect(await axeViolations(page)).toEqual([]);
    await page.keyboard.press('Escape');
    await page.locator('.foot .link-btn').click();
    expect(await axeViolations(page)).toEqual([]);
    await context.close();
  });

  it('respects prefers-reduced-motion', async () => {
    const { page, context } = await openHostPage(browser, hosts, server.url);
    await page.locator('.launcher').click();
    await expect(page.locator('.panel').evaluate((el) => getComputedStyle(el).animationName)).resolves.toBe('opi-in');
    await page.emulateMedia({ reducedMotion: 'reduce' });
    await expect(page.locator('.panel').evaluate((el) => getComputedStyle(el).animationName)).resolves.toBe('none');
    await context.close();
  });

  it('writes screenshots of the open widget at desktop width and at 360 px', async () => {
    for (const [name, width, height] of [
      ['widget-desktop', 1280, 800],
      ['widget-360', 360, 740],
    ] as const) {
      const { page, context } = await openHostPage(browser, hosts, server.url, { width, height });
      await page.emulateMedia({ reducedMotion: 'reduce' });
      await page.locator('.launcher').click();
      await ask(page, WIDGET_QUESTIONS.answered);
      const panel = (await page.locator('.panel').boundingBox())!;
      expect(panel.x).toBeGreaterThanOrEqual(0);
      expect(panel.x + panel.width).toBeLessThanOrEqual(width);
      const overflow = await page.locator('.body').evaluate((el) => el.scrollWidth - el.clientWidth);
      expect(overflow).toBe(0);
      await expect(page.locator('#opi-q').isVisible()).resolves.toBe(true);
      await page.mouse.move(0, 0);
      await page.screenshot({ path: resolve(ARTIFACTS, `${name}.png`) });
      await context.close();
    }
  });

  it('serves the full-page chat at / with a strict CSP, using the same widget in page mode', async () => {
    const context = await browser.newContext({ viewport: { width: 1024, height: 768 } });
    const page = await context.newPage();
    const violations = await recordCspViolations(page);
    const response = await page.goto(`${server.url}/`);
    expect(response?.headers()['content-security-policy']).toContain("script-src 'self'");
    await page.locator('h1#opi-title').waitFor();
    await expect(page.locator('.launcher').count()).resolves.toBe(0);
    await expect(page.locator('.head').evaluate((el) => getComputedStyle(el).backgroundColor)).resolves.toBe(
      'rgb(11, 83, 148)',
    );
    await page.locator('#opi-q').focus();
    await ask(page, WIDGET_QUESTIONS.answered);
    await expect(page.locator('.msg.bot[data-state=done] .chip').count()).resolves.toBe(2);
    await page.keyboard.press('Escape');
    await expect(page.locator('.panel').isVisible()).resolves.toBe(true);
    expect(await axeViolations(page)).toEqual([]);
    await page.screenshot({ path: resolve(ARTIFACTS, 'widget-page.png') });
    expect(violations).toEqual([]);
    await context.close();
  });
});
