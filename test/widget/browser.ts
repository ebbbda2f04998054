import { existsSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import axe from 'axe-core';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';

/** Debian's Chromium, installed by `.ci/run` (never downloaded by Playwright). */
export const CHROMIUM = '/usr/bin/chromium';

/** Why the browser tests are skipped, or undefined when they can run. */
export const skipReason = existsSync(CHROMIUM)
  ? undefined
  : `${CHROMIUM} mangler: installér Chromium (apt-get install -y chromium) for at køre browsertestene.`;

/** Launch headless Chromium with the flags that work in containers and CI. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-dev-shm-usage',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

/** A server for intranet host pages: another origin (port) on the loopback, like a real intranet. */
export interface HostServer {
  url: string;
  /** Serve `html` with `csp` at `/<name>` and return its URL. */
  put(name: string, page: { html: string; csp: string }): string;
  close(): Promise<void>;
}

/** Start a host-page server on 127.0.0.1 with a port of its own. */
export function startHostServer(): Promise<HostServer> {
  const pages = new Map<string, { html: string; csp: string }>();
  const server = createServer((req, res) => {
    const page = pages.get((req.url ?? '/').split('?')[0]!);
    if (!page) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    res
      .writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-security-policy': page.csp })
      .end(page.html);
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      resolve({
        url,
        put(name, page) {
          pages.set(`/${name}`, page);
          return `${url}/${name}`;
        },
        close: () =>
          new Promise<void>((done) => {
            server.closeAllConnections();
            server.close(() => done());
          }),
      });
    });
  });
}

/** CSS a careless or hostile intranet page might carry. */
export const HOSTILE_CSS = `
html { font-size: 40px !important; }
* { all: unset; font-size: 40px !important; color: red !important; line-height: 3 !important;
    font-family: "Comic Sans MS", cursive !important; letter-spacing: 6px !important; text-transform: uppercase !important; }
div, section, button, textarea, form, ul, li, p, h2, h3 { display: none !important; background: lime !important;
    border: 9px dashed blue !important; width: 1000px !important; padding: 50px !important; }
[data-opi-helpdesk] { display: none !important; opacity: 0 !important; }
svg { display: none !important; }
body { display: block !important; }
`;

/** Options of a host page that embeds the widget. */
export interface HostPageOptions {
  /** Extra `data-` attributes on the script tag (without the `data-` prefix). */
  data?: Record<string, string>;
  /** Hostile CSS on the host page (default: none). */
  css?: string;
  /** Extra HTML at the start of the host page's body (a cookie banner, a long article). */
  body?: string;
}

/** HTML of an intranet page embedding the widget with one script tag, under a CSP allowing only the server. */
export function hostPage(serverUrl: string, options: HostPageOptions = {}): { html: string; csp: string } {
  const attrs = Object.entries(options.data ?? {})
    .map(([k, v]) => ` data-${k}="${v.replace(/&/g, '&amp;').replace(/"/g, '&quot;')}"`)
    .join('');
  const html = `<!doctype html>
<html lang="da"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Intranet</title>${options.css ? `<style nonce="host">${options.css}</style>` : ''}</head>
<body>${options.body ?? ''}<header><h1>Kommunens intranet</h1></header><main><p>Velkommen til intranettet.</p><a href="#nyheder">Nyheder</a></main>
<script src="${serverUrl}/widget.js"${attrs} async></script>
</body></html>`;
  const csp = `default-src 'none'; script-src ${serverUrl}; connect-src ${serverUrl}; style-src 'nonce-host'; img-src 'none'; require-trusted-types-for 'script'; trusted-types 'none'`;
  return { html, csp };
}

let pageCounter = 0;

/** A fresh context and page showing a host page that embeds the widget, with CSP violations recorded. */
export async function openHostPage(
  browser: Browser,
  hosts: HostServer,
  serverUrl: string,
  options: HostPageOptions & {
    width?: number;
    height?: number;
    /** 2 with a 640 × 400 viewport is a 1280 × 800 screen at 200 % zoom. */
    zoom?: number;
    colorScheme?: 'light' | 'dark';
    /** Script run before any of the page's own (e.g. to remove an API the browser has). */
    init?: string;
  } = {},
): Promise<{ context: BrowserContext; page: Page; violations: string[] }> {
  const context = await browser.newContext({
    viewport: { width: options.width ?? 1280, height: options.height ?? 800 },
    deviceScaleFactor: options.zoom ?? 1,
    colorScheme: options.colorScheme ?? 'light',
  });
  context.setDefaultTimeout(10_000);
  if (options.init) await context.addInitScript(options.init);
  const page = await context.newPage();
  const violations = await recordCspViolations(page);
  const url = hosts.put(`host-${++pageCounter}`, hostPage(serverUrl, options));
  await page.goto(url);
  await page.waitForFunction(() => document.querySelector('[data-opi-helpdesk]')?.shadowRoot);
  return { context, page, violations };
}

/** Collects Content-Security-Policy violations and uncaught errors reported on `page`. */
export async function recordCspViolations(page: Page): Promise<string[]> {
  const violations: string[] = [];
  page.on('pageerror', (error) => violations.push(`pageerror: ${error.message}`));
  page.on('console', (msg) => {
    if (/Content Security Policy/i.test(msg.text())) violations.push(msg.text());
  });
  return violations;
}

/** Run axe-core on the whole page (open shadow roots included); the serious and critical violations. */
export async function axeViolations(page: Page): Promise<{ id: string; impact: string; targets: string[] }[]> {
  await page.evaluate(axe.source);
  return page.evaluate(async () => {
    const w = window as unknown as { axe: typeof axe };
    const result = await w.axe.run(document, { resultTypes: ['violations'] });
    return result.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => ({ id: v.id, impact: String(v.impact), targets: v.nodes.map((n) => JSON.stringify(n.target)) }));
  });
}

/** The class of the element focused inside the widget's shadow root ('' when focus is outside it). */
export function focusedInWidget(page: Page): Promise<string> {
  return page.evaluate(() => {
    const el = document.querySelector('[data-opi-helpdesk]')?.shadowRoot?.activeElement as HTMLElement | null;
    return el ? `${el.tagName.toLowerCase()}.${el.className}#${el.id}` : '';
  });
}
