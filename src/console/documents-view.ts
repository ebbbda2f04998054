import { api, errorText } from './api.js';
import type { ConsoleContext } from './context.js';
import { danishDate, h, render } from './dom.js';

/** One row of `GET /api/admin/documents`. */
interface DocumentRow {
  docId: string;
  path: string;
  kind?: string;
  title?: string;
  updated?: string;
  stale: boolean;
  problems: { line?: number; message: string; severity: string }[];
  cited: number | null;
}

/** Danish names of the document kinds. */
export const KIND_NAMES: Record<string, string> = {
  guide: 'Vejledning',
  case: 'Case',
  advice: 'Råd',
  event: 'Arrangement',
  faq: 'Spørgsmål og svar',
};

/** The document list: kind, title, updated, stale, problems and citations in the last 30 days. */
export async function documentsView(ctx: ConsoleContext): Promise<void> {
  const heading = h('h2', { tabindex: -1 }, 'Dokumenter');
  render(ctx.main, heading, h('p', { class: 'muted' }, 'Henter dokumenter …'));
  heading.focus();
  let data: { documents: DocumentRow[]; staleAfterDays: number; citations: string };
  try {
    data = await api('GET', '/api/admin/documents?since=30d');
  } catch (e) {
    render(ctx.main, heading, h('div', { class: 'alert', role: 'alert' }, errorText(e)));
    return;
  }
  const rows = data.documents.map((d) =>
    h(
      'tr',
      {},
      h(
        'td',
        {},
        h(
          'button',
          { type: 'button', class: 'link', onclick: () => ctx.go({ name: 'editor', docId: d.docId }) },
          d.title ?? d.docId,
        ),
      ),
      h('td', {}, d.kind ? (KIND_NAMES[d.kind] ?? d.kind) : '—'),
      h('td', {}, danishDate(d.updated), d.stale ? [' ', h('span', { class: 'tag stale' }, 'Forældet')] : null),
      h('td', {}, d.cited === null ? 'ukendt' : String(d.cited)),
      h(
        'td',
        {},
        d.problems.length === 0
          ? h('span', { class: 'tag ok' }, 'Ingen')
          : h(
              'ul',
              {},
              d.problems.map((p) =>
                h(
                  'li',
                  {},
                  `${p.severity === 'warning' ? 'Advarsel: ' : ''}${p.line ? `linje ${p.line}: ` : ''}${p.message}`,
                ),
              ),
            ),
      ),
    ),
  );
  render(
    ctx.main,
    heading,
    h(
      'div',
      { class: 'row' },
      h('button', { type: 'button', class: 'btn', onclick: () => ctx.go({ name: 'editor' }) }, 'Nyt dokument'),
      h(
        'button',
        { type: 'button', class: 'btn secondary', onclick: () => ctx.go({ name: 'import' }) },
        'Importér en fil',
      ),
    ),
    h(
      'table',
      {},
      h(
        'caption',
        {},
        `${data.documents.length} dokumenter. Forældet: opdateret for mere end ${data.staleAfterDays} dage siden. Citeret: spørgsmål de sidste 30 dage (kilde: ${data.citations}).`,
      ),
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          ['Titel', 'Art', 'Opdateret', 'Citeret', 'Problemer'].map((t) => h('th', { scope: 'col' }, t)),
        ),
      ),
      h('tbody', {}, rows),
    ),
  );
}
