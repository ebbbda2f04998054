import { api, ApiError, type Issue, errorText } from './api.js';
import type { ConsoleContext, View } from './context.js';
import { danishDate, field, h, render } from './dom.js';
import { KIND_NAMES } from './documents-view.js';
import { type DocumentForm, idFromTitle, toForm, toMarkdown } from './frontmatter.js';

interface Chunk {
  id: string;
  section: string;
  text: string;
  line: number;
}
interface HistoryEntry {
  action: string;
  actor: string;
  at: string;
  title?: string;
}
const ACTIONS: Record<string, string> = { created: 'oprettet', updated: 'rettet', deleted: 'slettet' };

/**
 * The editor: frontmatter as a form, the body as Markdown, a live preview of the passages exactly as
 * they will be cited (the server chunks them), save (validated by the server) and delete with confirmation.
 */
export async function editorView(ctx: ConsoleContext, view: Extract<View, { name: 'editor' }>): Promise<void> {
  const isNew = view.docId === undefined;
  const heading = h('h2', { tabindex: -1 }, isNew ? 'Nyt dokument' : 'Redigér dokument');
  render(ctx.main, heading);
  heading.focus();
  let markdown = view.draft?.markdown ?? '';
  let history: HistoryEntry[] = [];
  if (!isNew) {
    try {
      const data = await api<{ document: { markdown: string }; history: HistoryEntry[] }>(
        'GET',
        `/api/admin/documents/${view.docId}`,
      );
      markdown = data.document.markdown;
      history = data.history;
    } catch (e) {
      render(ctx.main, heading, h('div', { class: 'alert', role: 'alert' }, errorText(e)));
      return;
    }
  }
  const form: DocumentForm = { ...toForm(markdown, ctx.today()), ...view.draft?.form };

  const input = (value: string, attrs: Record<string, string | boolean> = {}) =>
    h('input', { type: 'text', value, ...attrs });
  const docId = input(view.draft?.docId ?? view.docId ?? idFromTitle(form.title), {
    name: 'docId',
    pattern: '[a-z0-9]+(-[a-z0-9]+)*',
    required: true,
    readonly: !isNew,
  });
  const title = input(form.title, { name: 'title', required: true });
  const kind = h(
    'select',
    { name: 'kind' },
    Object.entries(KIND_NAMES).map(([k, n]) => h('option', { value: k, selected: k === form.kind }, n)),
  );
  const summary = h('textarea', { name: 'summary', required: true, rows: 3 });
  summary.value = form.summary;
  const tags = input(form.tags.join(', '), { name: 'tags' });
  const organisation = input(form.organisation, { name: 'organisation', required: true });
  const sourceTitle = input(form.sourceTitle, { name: 'sourceTitle', required: true });
  const url = h('input', { type: 'url', name: 'url', value: form.url });
  const sourceDate = h('input', { type: 'date', name: 'sourceDate', value: form.sourceDate });
  const updated = h('input', { type: 'date', name: 'updated', value: form.updated, required: true });
  const language = h(
    'select',
    { name: 'language' },
    h('option', { value: 'da', selected: form.language === 'da' }, 'Dansk'),
    h('option', { value: 'en', selected: form.language === 'en' }, 'Engelsk'),
  );
  const body = h('textarea', { name: 'body', class: 'body', required: true, spellcheck: 'true' });
  body.value = form.body;
  if (isNew)
    title.addEventListener('input', () => {
      if (!docId.dataset.touched) docId.value = idFromTitle(title.value);
    });
  docId.addEventListener('input', () => {
    docId.dataset.touched = '1';
  });

  const current = (): string =>
    toMarkdown({
      ...form,
      title: title.value.trim(),
      kind: kind.value,
      summary: summary.value.trim(),
      tags: tags.value
        .split(',')
        .map((t) => t.trim())
        .filter(Boolean),
      organisation: organisation.value.trim(),
      sourceTitle: sourceTitle.value.trim(),
      url: url.value,
      sourceDate: sourceDate.value,
      updated: updated.value,
      language: language.value,
      body: body.value,
    });

  const messages = h('div', { 'aria-live': 'polite' });
  if (view.draft?.markdown !== undefined) {
    const warnings = view.draft.warnings ?? [];
    messages.append(
      h(
        'div',
        { class: 'notice' },
        'Udkast fra importen. Læs det igennem, udfyld kilden, og tryk Gem, når det er klar.',
        warnings.length
          ? h(
              'ul',
              {},
              warnings.map((w) => h('li', {}, w)),
            )
          : null,
      ),
    );
  }
  const preview = h('ol', { class: 'chunks', 'aria-label': 'Afsnit, som de bliver citeret' });
  const previewNote = h('p', { class: 'muted', role: 'status' });
  let timer: ReturnType<typeof setTimeout> | undefined;
  let seq = 0;
  const refresh = async () => {
    const id = docId.value || 'udkast';
    const mine = ++seq;
    try {
      const r = await api<{ chunks: Chunk[]; issues: Issue[] }>(
        'POST',
        `/api/admin/documents/${encodeURIComponent(id)}/preview`,
        current(),
        'text/markdown',
      );
      if (mine !== seq) return;
      render(
        preview,
        r.chunks.map((c) =>
          h('li', { class: 'chunk' }, h('p', { class: 'sec' }, c.section || 'Indledning'), h('p', {}, c.text)),
        ),
      );
      previewNote.textContent = r.issues.length
        ? `Kan ikke vises: ${r.issues.map((i) => i.message).join('; ')}`
        : `${r.chunks.length} afsnit.`;
    } catch (e) {
      if (mine === seq) previewNote.textContent = errorText(e);
    }
  };
  const schedule = () => {
    clearTimeout(timer);
    timer = setTimeout(refresh, 300);
  };

  const showIssues = (message: string, issues: Issue[]) => {
    render(
      messages,
      h(
        'div',
        { class: 'alert', role: 'alert' },
        message,
        issues.length
          ? h(
              'ul',
              {},
              issues.map((i) =>
                h(
                  'li',
                  {},
                  `${i.line ? `Linje ${i.line}` : ''}${i.field ? ` (${i.field})` : ''}${i.line || i.field ? ': ' : ''}${i.message}`,
                ),
              ),
            )
          : null,
      ),
    );
  };
  const save = async (event: Event) => {
    event.preventDefault();
    try {
      const r = await api<{ document: { docId: string; path: string }; warnings: string[] }>(
        'PUT',
        `/api/admin/documents/${encodeURIComponent(docId.value)}`,
        current(),
        'text/markdown',
      );
      ctx.announce(`Gemt: ${r.document.path}. Svarene bruger det om få sekunder.`);
      render(
        messages,
        h(
          'div',
          { class: 'notice', role: 'status' },
          `Gemt som ${r.document.path}.`,
          r.warnings.length
            ? h(
                'ul',
                {},
                r.warnings.map((w) => h('li', {}, w)),
              )
            : null,
        ),
      );
      if (isNew) ctx.go({ name: 'editor', docId: r.document.docId });
    } catch (e) {
      if (e instanceof ApiError) showIssues(e.message, e.issues);
      else showIssues(String(e), []);
    }
  };
  const remove = async () => {
    if (!(await ctx.confirm(`Slet dokumentet "${title.value}"? Det forsvinder fra svarene med det samme.`, 'Slet')))
      return;
    try {
      await api('DELETE', `/api/admin/documents/${encodeURIComponent(docId.value)}`);
      ctx.announce(`Dokumentet "${title.value}" er slettet.`);
      ctx.go({ name: 'documents' });
    } catch (e) {
      showIssues(errorText(e), []);
    }
  };

  const editor = h(
    'form',
    {
      class: 'card',
      'aria-labelledby': 'ed-h',
      oninput: schedule,
      onchange: schedule,
      onsubmit: save,
      novalidate: true,
    },
    h('h3', { id: 'ed-h' }, 'Oplysninger'),
    h(
      'div',
      { class: 'grid' },
      field('Titel', title),
      field('Dokument-id', docId, isNew ? 'Filnavn: små bogstaver, tal og bindestreger.' : 'Kan ikke ændres.'),
      field('Art', kind),
      field('Sprog', language),
      field('Opdateret', updated),
      field('Emneord', tags, 'Adskil med komma.'),
    ),
    field('Resumé', summary),
    h(
      'fieldset',
      { class: 'grid' },
      h('legend', {}, 'Kilde'),
      field('Organisation', organisation),
      field('Titel på kilden', sourceTitle),
      field('Adresse (URL)', url),
      field('Kildens dato', sourceDate),
    ),
    field('Tekst (Markdown)', body, 'Overskrifter med ## deler teksten i afsnit; hvert afsnit citeres for sig.'),
    messages,
    h(
      'div',
      { class: 'row' },
      h('button', { type: 'submit', class: 'btn' }, 'Gem'),
      isNew ? null : h('button', { type: 'button', class: 'btn danger', onclick: remove }, 'Slet'),
      h(
        'button',
        { type: 'button', class: 'btn secondary', onclick: () => ctx.go({ name: 'documents' }) },
        'Tilbage til listen',
      ),
    ),
  );
  render(
    ctx.main,
    heading,
    h(
      'div',
      { class: 'split' },
      editor,
      h(
        'div',
        {},
        h(
          'section',
          { class: 'card', 'aria-labelledby': 'pv-h' },
          h('h3', { id: 'pv-h' }, 'Forhåndsvisning: afsnit, som de citeres'),
          previewNote,
          preview,
        ),
        history.length
          ? h(
              'section',
              { class: 'card', 'aria-labelledby': 'hi-h' },
              h('h3', { id: 'hi-h' }, 'Historik'),
              h(
                'ul',
                {},
                history.map((e) => h('li', {}, `${danishDate(e.at)}: ${ACTIONS[e.action] ?? e.action} af ${e.actor}`)),
              ),
            )
          : null,
      ),
    ),
  );
  heading.focus();
  void refresh();
}
