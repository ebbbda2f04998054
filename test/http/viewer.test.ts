import { describe, expect, it } from 'vitest';
import type { RenderedDocument } from '../../src/answer/helpdesk.js';
import { createApp } from '../../src/http/app.js';
import { escapeHtml, safeHttpUrl, VIEWER_CSP } from '../../src/http/viewer.js';
import { FAKE_DOCUMENTS } from '../support/fake-helpdesk.js';
import { get, testDeps } from '../support/http.js';

const HOSTILE: RenderedDocument = {
  ...FAKE_DOCUMENTS[0]!,
  docId: 'ond',
  title: 'Titel <script>alert("titel")</script>',
  summary: '<img src=x onerror=alert(1)> & "citat"',
  source: {
    organisation: '<b>Org</b>',
    title: "Kilde' onmouseover='alert(2)",
    url: 'javascript:alert(3)',
  },
  sections: [
    {
      chunkId: 'ond#a"><script>alert(4)</script>',
      anchor: 'a"><script>alert(4)</script>',
      url: '/docs/ond#x',
      section: '<script>alert(5)</script>',
      sectionPath: ['<script>alert(5)</script>'],
      text: 'Klik [her](javascript:alert(6)) eller <a href="javascript:alert(7)">her</a>.\n<script>alert(8)</script>',
    },
  ],
};

describe('GET /docs/:docId (source viewer)', () => {
  it('renders a Danish page with title, summary, source and every chunk as an anchored section', async () => {
    const res = await createApp(testDeps()).request(get('/docs/opi-guide'));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    const html = await res.text();
    expect(html).toMatch(/<html lang="da">/);
    expect(html).toContain('<h1>Sådan kommer I i gang med OPI</h1>');
    expect(html).toContain('En kort vejledning i at starte et samarbejde');
    expect(html).toContain('Erhvervsstyrelsen');
    expect(html).toContain('Guide til offentlig-privat innovation');
    expect(html).toContain('<a href="https://example.org/opi-guide" rel="noopener noreferrer external">');
    expect(html).toContain('<time datetime="2023-05-01">');
    expect(html).toContain('<section id="forberedelse">');
    expect(html).toContain('<section id="samarbejdsaftale">');
    expect(html).toContain('<h2>Forberedelse › Samarbejdsaftale</h2>');
    expect(html).toContain('Aftal rettigheder og roller skriftligt');
    expect(html).toMatch(/section:target\{/);
    expect(html).toContain('href="../docs"');
  });

  it('renders blank-line separated text as paragraphs', async () => {
    const html = await (await createApp(testDeps()).request(get('/docs/aalborg-case'))).text();
    expect(html).toContain('<p>Projektet sparede tid i hjemmeplejen.</p>\n<p>Borgerne var tilfredse.</p>');
  });

  it('sends the strict Content-Security-Policy and security headers', async () => {
    const res = await createApp(testDeps()).request(get('/docs/opi-guide'));
    expect(res.headers.get('content-security-policy')).toBe(VIEWER_CSP);
    expect(VIEWER_CSP).toContain("default-src 'none'");
    expect(VIEWER_CSP).not.toMatch(/script-src/);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
  });

  it('escapes all corpus text so markup and javascript: links stay inert', async () => {
    const deps = testDeps({ helpdesk: { documents: [HOSTILE] } });
    const html = await (await createApp(deps).request(get('/docs/ond'))).text();
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/<img/i);
    expect(html).not.toMatch(/<b>/);
    expect(html).not.toMatch(/href="javascript:/i);
    expect(html).not.toMatch(/onmouseover='/);
    expect(html).toContain('Titel &lt;script&gt;alert(&quot;titel&quot;)&lt;/script&gt;');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt; &amp; &quot;citat&quot;');
    expect(html).toContain('Kilde&#39; onmouseover=&#39;alert(2)');
    expect(html).toContain('<dd>javascript:alert(3)</dd>');
    expect(html).toContain('<section id="a&quot;&gt;&lt;script&gt;alert(4)&lt;/script&gt;">');
    expect(html).toContain('&lt;a href=&quot;javascript:alert(7)&quot;&gt;her&lt;/a&gt;');
  });

  it('answers an HTML 404 page for an unknown document, also with the CSP', async () => {
    const res = await createApp(testDeps()).request(get('/docs/findes-ikke'));
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    expect(res.headers.get('content-security-policy')).toBe(VIEWER_CSP);
    const html = await res.text();
    expect(html).toContain('Dokumentet findes ikke');
    expect(html).toContain('href="../docs"');
  });
});

describe('GET /docs (document list)', () => {
  it('links every document, sorted by Danish title', async () => {
    const res = await createApp(testDeps()).request(get('/docs'));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toBe(VIEWER_CSP);
    const html = await res.text();
    expect(html).toMatch(/<html lang="da">/);
    const guide = html.indexOf('href="docs/opi-guide"');
    const casePos = html.indexOf('href="docs/aalborg-case"');
    expect(guide).toBeGreaterThan(-1);
    expect(casePos).toBeGreaterThan(-1);
    expect(guide).toBeLessThan(casePos);
  });

  it('redirects /docs/ to the list', async () => {
    const res = await createApp(testDeps()).request(get('/docs/'));
    expect(res.status).toBe(301);
    expect(new URL(res.headers.get('location')!, 'http://localhost/docs/').pathname).toBe('/docs');
  });

  it('escapes titles and ids in the list', async () => {
    const deps = testDeps({ helpdesk: { documents: [HOSTILE] } });
    const html = await (await createApp(deps).request(get('/docs'))).text();
    expect(html).not.toMatch(/<script/i);
  });
});

describe('escapeHtml and safeHttpUrl', () => {
  it('escapes the five HTML-significant characters', () => {
    expect(escapeHtml(`<a href="x" title='y'>&</a>`)).toBe(
      '&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;',
    );
  });

  it.each([
    ['https://example.org/a?b=1', 'https://example.org/a?b=1'],
    ['http://example.org', 'http://example.org/'],
    ['javascript:alert(1)', undefined],
    ['JaVaScRiPt:alert(1)', undefined],
    ['data:text/html,<script>', undefined],
    ['/relativ', undefined],
    [undefined, undefined],
  ])('safeHttpUrl(%j) is %j', (input, expected) => {
    expect(safeHttpUrl(input)).toBe(expected);
  });
});
