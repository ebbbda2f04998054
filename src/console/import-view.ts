import { api, errorText } from './api.js';
import type { ConsoleContext } from './context.js';
import { field, h, render } from './dom.js';

/** Upload a .docx, .html, .md or .pdf: the server converts it, and the draft opens in the editor (nothing is saved yet). */
export function importView(ctx: ConsoleContext): void {
  const heading = h('h2', { tabindex: -1 }, 'Importér en fil');
  const file = h('input', {
    type: 'file',
    name: 'file',
    accept: '.docx,.html,.htm,.md,.markdown,.pdf,.txt',
    required: true,
  });
  const message = h('div', { 'aria-live': 'polite' });
  const submit = h('button', { type: 'submit', class: 'btn' }, 'Konvertér til udkast');
  const form = h(
    'form',
    {
      class: 'card',
      onsubmit: async (event: Event) => {
        event.preventDefault();
        const chosen = file.files?.[0];
        if (!chosen) {
          render(message, h('div', { class: 'alert', role: 'alert' }, 'Vælg en fil først.'));
          return;
        }
        const body = new FormData();
        body.set('file', chosen);
        submit.disabled = true;
        render(message, h('p', { role: 'status' }, `Konverterer ${chosen.name} …`));
        try {
          const draft = await api<{ docId: string; markdown: string; warnings: string[] }>(
            'POST',
            '/api/admin/import',
            body,
          );
          ctx.go({ name: 'editor', draft });
        } catch (e) {
          submit.disabled = false;
          render(message, h('div', { class: 'alert', role: 'alert' }, errorText(e)));
        }
      },
    },
    h(
      'p',
      {},
      'Word (.docx), HTML, Markdown, PDF eller tekst. Filen bliver til et udkast i editoren; intet gemmes, før du trykker Gem.',
    ),
    field('Fil', file),
    message,
    submit,
  );
  render(ctx.main, heading, form);
  heading.focus();
}
