import { existsSync, mkdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSqliteStore } from '../../src/adapters/node/sqlite-store.js';
import { type RunningServer, startServer } from '../../src/runtime/node.js';
import { nodeStorePath } from '../../src/runtime/node-store.js';
import { cleanEnv, copyCorpus, removeTemps, tempDir, waitFor } from '../runtime/helpers.js';
import { startFakeOidcProvider } from '../support/fake-oidc-provider.js';
import { RecordingLogger } from '../support/recording-logger.js';
import { axeViolations, launchBrowser, recordCspViolations, skipReason } from '../widget/browser.js';

const ARTIFACTS = resolve('test-artifacts');
const TOKEN = 'console-browser-token-0123456789';
const QUESTION = 'Hvor mange elever testede cykelhjelmen?';
const DAY = 86_400_000;
/** Questions logged before the server starts: [days ago, how many, how many answered]. */
const SEEDED_DAYS: [number, number, number][] = [
  [9, 3, 2],
  [6, 7, 5],
  [5, 2, 2],
  [2, 9, 6],
  [1, 4, 4],
];

async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(ARTIFACTS, `admin-${name}.png`), fullPage: true });
}

async function expectAxeClean(page: Page, where: string): Promise<void> {
  expect(await axeViolations(page), where).toEqual([]);
}

describe.skipIf(skipReason)('the console at /admin in Chromium', () => {
  let server: RunningServer;
  let browser: Browser;
  let corpus: string;
  let provider: Awaited<ReturnType<typeof startFakeOidcProvider>>;

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    corpus = copyCorpus();
    // the organisation's login on http://localhost:<port>: another site than the console on 127.0.0.1
    provider = await startFakeOidcProvider();
    // questions of the last days, so the overview's chart per day has something to show
    const dataDir = tempDir('opi-console-browser-');
    let at = Date.now() - 9 * DAY;
    const seeded = await openSqliteStore(nodeStorePath(dataDir), { now: () => new Date(at) });
    for (const [daysAgo, count, answered] of SEEDED_DAYS) {
      at = Date.now() - daysAgo * DAY;
      for (let i = 0; i < count; i++) {
        await seeded.logQuestion({
          question: `Spørgsmål ${daysAgo}-${i}`,
          channel: i % 3 === 0 ? 'slack' : 'web',
          answered: i < answered,
          topScore: 0.5,
          citedChunkIds: [],
          latencyMs: 10,
        });
      }
    }
    await seeded.close();
    server = await startServer({
      env: cleanEnv({
        CORPUS_DIR: corpus,
        DATA_DIR: dataDir,
        PORT: '0',
        HOST: '127.0.0.1',
        WATCH_CORPUS: 'true',
        RATE_LIMIT_PER_MINUTE: '0',
        ADMIN_TOKEN: TOKEN,
        ADMIN_OIDC_ISSUER: provider.issuer,
        ADMIN_OIDC_CLIENT_ID: provider.clientId,
        ADMIN_OIDC_CLIENT_SECRET: provider.clientSecret,
        ADMIN_OIDC_ALLOWED_DOMAINS: 'kommune.dk',
        ADMIN_OIDC_BUTTON_TEXT: 'Log ind med Microsoft',
      }),
      logger: new RecordingLogger(),
    });
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await provider?.close();
    removeTemps();
  });

  const ask = async (): Promise<string> => {
    const res = await fetch(`${server.url}/api/ask`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ question: QUESTION }),
    });
    return ((await res.json()) as { answer: string }).answer;
  };

  it('signs in, edits a document and the answer changes within 5 s, works an escalation, imports a Word file, deletes it after a confirmation and signs out — axe-clean, no CSP violations', async () => {
    // an escalation from the widget carries the chunk ids its answer cited
    const asked = (await (
      await fetch(`${server.url}/api/ask`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ question: QUESTION }),
      })
    ).json()) as { answer: string; citations: { chunkId: string; title: string }[] };
    expect(asked.citations.length).toBeGreaterThan(0);
    const citedTitle = asked.citations[0]!.title;
    const escalation = await fetch(`${server.url}/api/escalations`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        question: 'Må vi købe cykelhjelme uden udbud?',
        name: 'Lise',
        email: 'lise@example.dk',
        conversation: [
          { role: 'user', content: QUESTION },
          { role: 'assistant', content: asked.answer },
        ],
        citedChunkIds: asked.citations.map((c) => c.chunkId),
      }),
    });
    const { reference } = (await escalation.json()) as { reference: string };
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'da-DK' });
    context.setDefaultTimeout(10_000);
    const page = await context.newPage();
    const violations = await recordCspViolations(page);
    const csp = (await page.goto(`${server.url}/admin`))?.headers()['content-security-policy'];
    expect(csp).toMatch(/script-src 'self'/);
    expect(csp).not.toMatch(/unsafe-inline/);

    // sign in (keyboard only)
    await page.getByRole('heading', { name: 'Log ind' }).waitFor();
    await page.getByRole('link', { name: 'Log ind med Microsoft' }).waitFor();
    await expectAxeClean(page, 'sign-in');
    await shot(page, 'signin');
    await page.getByLabel('Admin-token').fill('forkert');
    await page.getByLabel('Dit navn').fill('Mette Sekretariat');
    await page.keyboard.press('Enter');
    await page.getByRole('alert').filter({ hasText: 'Forkert admin-token' }).waitFor();
    await page.getByLabel('Admin-token').fill(TOKEN);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Oversigt' }).waitFor();
    await page.getByText(/spørgsmål, .* besvaret/).waitFor();
    await expectAxeClean(page, 'overview');
    const cookies = await context.cookies();
    expect(cookies.find((c) => c.name === 'helpdesk_admin')).toMatchObject({ httpOnly: true, sameSite: 'Strict' });

    // documents and the editor
    await page.getByRole('button', { name: 'Dokumenter' }).click();
    await page.getByRole('button', { name: 'Cykelhjelme til skolebørn i Sorø' }).waitFor();
    await expectAxeClean(page, 'documents');
    await shot(page, 'documents');
    expect(await ask()).toMatch(/240/);
    await page.getByRole('button', { name: 'Cykelhjelme til skolebørn i Sorø' }).click();
    const body = page.getByLabel('Tekst (Markdown)');
    await body.waitFor();
    await page.locator('.chunk').first().waitFor();
    await body.fill((await body.inputValue()).replace('240 elever', '315 elever'));
    await page.locator('.chunk', { hasText: '315 elever' }).waitFor();
    await expectAxeClean(page, 'editor');
    await shot(page, 'editor');
    await page.getByRole('button', { name: 'Gem' }).click();
    await page.getByText(/Gemt som case\/cykelhjelm\.md/).waitFor();
    expect(await readFile(join(corpus, 'case/cykelhjelm.md'), 'utf8')).toMatch(/315 elever/);
    const saved = Date.now();
    await waitFor('the new number in the answer', async () => /315/.test(await ask()), 5000, 100);
    expect(Date.now() - saved).toBeLessThan(5000);

    // an invalid save is refused with its line, and nothing is written
    await page.getByLabel('Resumé').fill('');
    await page.getByRole('button', { name: 'Gem' }).click();
    await page.getByRole('alert').filter({ hasText: 'summary' }).waitFor();
    expect(await readFile(join(corpus, 'case/cykelhjelm.md'), 'utf8')).toMatch(/Sorø Kommune udviklede/);

    // an escalation: assign, note, status
    await page.getByRole('button', { name: 'Henvendelser' }).click();
    await page.getByRole('button', { name: reference }).click();
    await page.getByRole('heading', { name: 'Kilder i svaret' }).waitFor();
    const cited = page.locator('.cited .chunk').first();
    await expect(cited.textContent()).resolves.toContain(citedTitle);
    const [viewer] = await Promise.all([
      context.waitForEvent('page'),
      cited.getByRole('link', { name: /Åbn i kildevisningen/ }).click(),
    ]);
    await viewer.waitForLoadState();
    expect(viewer.url()).toMatch(new RegExp(`^${server.url}/docs/[^#]+#.+`));
    await expect(viewer.title()).resolves.toContain(citedTitle);
    await viewer.close();
    await page.getByLabel('Status').selectOption('assigned');
    await page.getByLabel('Tildelt rådgiver').fill('Jonas Rådgiver');
    await page.getByLabel('Intern note').fill('Ringer i morgen.');
    await expectAxeClean(page, 'escalation');
    await shot(page, 'escalation');
    await page.getByRole('button', { name: 'Gem' }).click();
    await page.getByText('Gemt. Status: Tildelt.').waitFor();
    const worked = await fetch(`${server.url}/api/admin/escalations?status=assigned`, {
      headers: { authorization: `Bearer ${TOKEN}` },
    });
    expect((await worked.json()).escalations[0]).toMatchObject({
      reference,
      assignee: 'Jonas Rådgiver',
      notes: 'Ringer i morgen.',
    });

    // the overview now counts the questions asked above
    await page.getByRole('button', { name: 'Oversigt' }).click();
    await page.getByText(/^[1-9]\d* spørgsmål/).waitFor();
    await page.locator('figure svg').first().waitFor();
    // 25 seeded questions plus those asked above, over the 30 days; the busiest day is two days ago
    const daily = page.getByRole('img', {
      name: /^Spørgsmål pr\. dag: (2[6-9]|3\d) i alt over 3[01] dage, flest \(9\)/,
    });
    await daily.waitFor();
    expect(await daily.locator('rect').count()).toBeGreaterThanOrEqual(2 * 30);
    await shot(page, 'overview');
    await page.getByText('Vis tallene pr. dag').click();
    await page.getByRole('table', { name: 'Spørgsmål pr. dag' }).waitFor();
    await expectAxeClean(page, 'overview with data');

    // import a Word file into a draft, and save it as a new document
    await page.getByRole('button', { name: 'Importér' }).click();
    await page.getByLabel('Fil').setInputFiles(resolve('test/fixtures/import/case-report.docx'));
    await expectAxeClean(page, 'import');
    await page.getByRole('button', { name: 'Konvertér til udkast' }).click();
    await page.getByRole('heading', { name: 'Nyt dokument' }).waitFor();
    await page.getByText('Udkast fra importen', { exact: false }).waitFor();
    const docId = await page.getByLabel('Dokument-id').inputValue();
    expect(docId).toMatch(/^[a-z0-9-]+$/);
    await page.locator('.chunk').first().waitFor();
    await shot(page, 'import-draft');
    await page.getByLabel('Organisation').fill('Testkommunen');
    await page.getByRole('button', { name: 'Gem' }).click();
    await page.getByRole('heading', { name: 'Redigér dokument' }).waitFor();
    await page.getByText(/oprettet af Mette Sekretariat/).waitFor();
    expect(await readFile(join(corpus, `guide/${docId}.md`), 'utf8')).toMatch(/^---\ntitle: /);

    // delete it again, after a confirmation dialog that starts on "Annullér" and closes with Escape
    await page.getByRole('button', { name: 'Slet' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.waitFor();
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Annullér');
    await expectAxeClean(page, 'confirmation');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    expect(existsSync(join(corpus, `guide/${docId}.md`))).toBe(true);
    await page.getByRole('button', { name: 'Slet' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Slet' }).click();
    await page.getByRole('heading', { name: 'Dokumenter' }).waitFor();
    expect(existsSync(join(corpus, `guide/${docId}.md`))).toBe(false);

    // sign out: the cookie no longer works
    await page.getByRole('button', { name: 'Log ud' }).click();
    await page.getByRole('heading', { name: 'Log ind' }).waitFor();
    const after = await page.evaluate(async () => (await fetch('/api/admin/documents')).status);
    expect(after).toBe(401);
    expect(violations).toEqual([]);
    await context.close();
  }, 90_000);

  it('signs in through the organisation’s login (OpenID Connect), shows the name from the ID token, and refuses a user outside the allowed domains', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'da-DK' });
    context.setDefaultTimeout(10_000);
    const page = await context.newPage();
    const violations = await recordCspViolations(page);

    // a user of another domain comes back refused, with a Danish message and no session
    provider.user = { sub: 'eve', name: 'Eve Udefra', email: 'eve@gmail.com' };
    await page.goto(`${server.url}/admin`);
    await page.getByRole('link', { name: 'Log ind med Microsoft' }).click();
    await page.getByRole('alert').filter({ hasText: 'Din bruger har ikke adgang til konsollen' }).waitFor();
    expect(new URL(page.url()).search).toBe('');
    expect((await context.cookies()).some((c) => c.name === 'helpdesk_admin')).toBe(false);
    await expectAxeClean(page, 'single sign-on refused');
    await shot(page, 'sso-refused');

    // an allowed user is signed in with the name from the ID token, and it goes into the history
    provider.user = { sub: 'mette', name: 'Mette Hansen', email: 'mette.hansen@kommune.dk' };
    await page.getByRole('link', { name: 'Log ind med Microsoft' }).click();
    await page.getByRole('heading', { name: 'Oversigt' }).waitFor();
    await page.getByText('Logget ind som Mette Hansen').waitFor();
    expect(provider.authorizations.at(-1)?.codeChallengeMethod).toBe('S256');
    const cookies = await context.cookies();
    expect(cookies.find((c) => c.name === 'helpdesk_admin')).toMatchObject({ httpOnly: true, sameSite: 'Strict' });
    expect(cookies.some((c) => c.name === 'helpdesk_oidc')).toBe(false);
    await page.getByRole('img', { name: /^Spørgsmål pr\. dag/ }).waitFor();
    await expectAxeClean(page, 'overview after single sign-on');
    await shot(page, 'sso-overview');
    await page.getByRole('button', { name: 'Dokumenter' }).click();
    await page.getByRole('button', { name: 'Cykelhjelme til skolebørn i Sorø' }).click();
    await page.getByLabel('Resumé').fill('Sorø Kommune afprøvede cykelhjelme med elever (rettet via single sign-on).');
    await page.getByRole('button', { name: 'Gem' }).click();
    await page.getByText(/Gemt som case\/cykelhjelm\.md/).waitFor();
    await page.getByRole('button', { name: 'Dokumenter' }).click();
    await page.getByRole('button', { name: 'Cykelhjelme til skolebørn i Sorø' }).click();
    await page.getByText(/rettet af Mette Hansen/).waitFor();

    // signing out ends the session here too
    await page.getByRole('button', { name: 'Log ud' }).click();
    await page.getByRole('heading', { name: 'Log ind' }).waitFor();
    expect(await page.evaluate(async () => (await fetch('/api/admin/documents')).status)).toBe(401);
    expect(violations).toEqual([]);
    await context.close();
  }, 60_000);
});
