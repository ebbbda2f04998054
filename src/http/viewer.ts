import type { DocumentMeta, RenderedDocument } from '../answer/helpdesk.js';
import { DEFAULT_SITE, type Site } from '../answer/site.js';

/** The viewer's Content-Security-Policy: no scripts, no external resources, inline styles only. */
export const VIEWER_CSP =
  "default-src 'none'; style-src 'unsafe-inline'; img-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'self'";

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text made safe for HTML element content and quoted attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => ESCAPES[ch] ?? ch);
}

/** `url` if it is an absolute http(s) URL, else undefined (so `javascript:` and friends never become links). */
export function safeHttpUrl(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.href : undefined;
  } catch {
    return undefined;
  }
}

const KIND_LABEL: Record<DocumentMeta['kind'], string> = {
  guide: 'Vejledning',
  case: 'Case',
  advice: 'Råd',
  event: 'Arrangement',
  faq: 'Spørgsmål og svar',
};

const STYLE = `
:root{color-scheme:light dark;--bg:#fff;--fg:#1a1a1a;--accent:#0b5394;--muted:#4d4d4d;--mark:#fff3b0;--mark-text:#1a1a1a}
html{background:var(--bg);color:var(--fg)}
body{font:1.0625rem/1.6 system-ui,-apple-system,"Segoe UI",sans-serif;max-width:46rem;margin:0 auto;padding:1rem 1.25rem 3rem}
a{color:var(--accent)}
@media (prefers-color-scheme:dark){:root{--bg:#121212;--fg:#ececec;--accent:#8ab4f8;--muted:#c8c8c8;--mark:#4a3f00;--mark-text:#fff}}
.skip{position:absolute;left:-999px}.skip:focus{left:1rem;top:1rem;background:var(--bg);padding:.5rem}
.meta{color:var(--muted);margin-top:-.5rem}
.summary{font-size:1.125rem}
.source{border-left:4px solid var(--accent);padding:.25rem 1rem;margin:1.5rem 0}
.source dl{display:grid;grid-template-columns:max-content 1fr;gap:.25rem 1rem;margin:.5rem 0}
.source dt{font-weight:600}.source dd{margin:0;overflow-wrap:anywhere}
section{padding:.5rem 1rem;margin:0 -1rem;border-radius:6px;scroll-margin-top:1rem}
section:target{background:var(--mark);color:var(--mark-text);outline:3px solid #b58900}
section:target h2::after{content:" (henvist afsnit)";font-weight:400;font-size:.875rem}
.permalink{font-size:.875rem}
ul.docs{padding-left:1.25rem}ul.docs li{margin:.75rem 0}
`;

/** The viewer's pages are Danish; they name the product and its topic in Danish (`site.yaml`). */
function page(title: string, body: string, site: Site): string {
  return `<!doctype html>
<html lang="da">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${escapeHtml(title)} – ${escapeHtml(site.texts.da.name)}</title>
<style>${STYLE}</style>
</head>
<body>
<a class="skip" href="#indhold">Spring til indhold</a>
${body}
</body>
</html>
`;
}

function formatDate(iso: string): string {
  const date = new Date(`${iso}T00:00:00Z`);
  if (Number.isNaN(date.getTime())) return iso;
  try {
    return new Intl.DateTimeFormat('da-DK', { dateStyle: 'long', timeZone: 'UTC' }).format(date);
  } catch {
    return iso;
  }
}

function time(iso: string): string {
  return `<time datetime="${escapeHtml(iso)}">${escapeHtml(formatDate(iso))}</time>`;
}

/** Plain passage text as paragraphs: blank lines separate paragraphs, single newlines become line breaks. */
function paragraphs(text: string): string {
  return text
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter(Boolean)
    .map((p) => `<p>${p.split('\n').map(escapeHtml).join('<br>\n')}</p>`)
    .join('\n');
}

function sourceBlock(source: DocumentMeta['source']): string {
  const href = safeHttpUrl(source.url);
  const rows = [
    ['Organisation', escapeHtml(source.organisation)],
    ['Titel', escapeHtml(source.title)],
    source.date ? ['Dato', time(source.date)] : undefined,
    source.url
      ? [
          'Link',
          href
            ? `<a href="${escapeHtml(href)}" rel="noopener noreferrer external">${escapeHtml(href)}</a>`
            : escapeHtml(source.url),
        ]
      : undefined,
  ].filter((row): row is string[] => row !== undefined);
  return `<aside class="source" aria-labelledby="kilde">
<h2 id="kilde">Kilde</h2>
<dl>
${rows.map(([term, value]) => `<dt>${term}</dt><dd>${value}</dd>`).join('\n')}
</dl>
</aside>`;
}

function sectionBlock(section: RenderedDocument['sections'][number]): string {
  const heading = section.section.trim() === '' ? 'Indledning' : section.section;
  const fragment = escapeHtml(encodeURIComponent(section.anchor));
  return `<section id="${escapeHtml(section.anchor)}">
<h2>${escapeHtml(heading)}</h2>
${paragraphs(section.text)}
<p class="permalink"><a href="#${fragment}">Link til afsnittet</a></p>
</section>`;
}

/** The source viewer page of one document: metadata, source and every chunk as an anchored section. */
export function renderDocumentPage(doc: RenderedDocument, site: Site = DEFAULT_SITE): string {
  const body = `<header>
<nav aria-label="Navigation"><a href="../docs">← Alle dokumenter</a></nav>
</header>
<main id="indhold">
<article>
<h1>${escapeHtml(doc.title)}</h1>
<p class="meta">${escapeHtml(KIND_LABEL[doc.kind] ?? doc.kind)} · Opdateret ${time(doc.updated)}</p>
<p class="summary">${escapeHtml(doc.summary)}</p>
${sourceBlock(doc.source)}
${doc.sections.map(sectionBlock).join('\n')}
</article>
</main>`;
  return page(doc.title, body, site);
}

/** The list of all documents (`GET /docs`). */
export function renderDocumentListPage(docs: DocumentMeta[], site: Site = DEFAULT_SITE): string {
  const items = [...docs]
    .sort((a, b) => a.title.localeCompare(b.title, 'da'))
    .map(
      (d) => `<li><a href="docs/${escapeHtml(encodeURIComponent(d.docId))}">${escapeHtml(d.title)}</a>
<br><span class="meta">${escapeHtml(KIND_LABEL[d.kind] ?? d.kind)}</span> – ${escapeHtml(d.summary)}</li>`,
    )
    .join('\n');
  const body = `<main id="indhold">
<h1>Dokumenter i vidensbasen</h1>
<p>Vidensbasen om ${escapeHtml(site.texts.da.topic)} rummer ${docs.length} dokumenter.</p>
${docs.length > 0 ? `<ul class="docs">\n${items}\n</ul>` : '<p>Der er ingen dokumenter endnu.</p>'}
</main>`;
  return page('Dokumenter', body, site);
}

/** The viewer's page for an unknown document. */
export function renderNotFoundPage(site: Site = DEFAULT_SITE): string {
  const body = `<main id="indhold">
<h1>Dokumentet findes ikke</h1>
<p>Dokumentet er måske blevet fjernet eller omdøbt.</p>
<p><a href="../docs">Se alle dokumenter</a></p>
</main>`;
  return page('Dokumentet findes ikke', body, site);
}
