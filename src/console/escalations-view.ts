import { api, ApiError, errorText } from './api.js';
import type { ConsoleContext } from './context.js';
import { type Child, danishDate, field, h, render } from './dom.js';

interface Escalation {
  id: string;
  reference: string;
  status: string;
  question: string;
  conversation: { role: string; content: string }[];
  name?: string;
  email?: string;
  channel: string;
  assignee?: string;
  notes?: string;
  answer?: string;
  createdAt: string;
}

/** A passage the escalated answer cited, as `GET /api/admin/escalations/:id` returns it. */
interface CitedPassage {
  chunkId: string;
  title: string;
  section: string;
  text: string;
  url: string;
}

interface EscalationDetail {
  escalation: Escalation;
  passages?: CitedPassage[];
  missing?: string[];
}

/** Danish names of the escalation statuses. */
const STATUS: Record<string, string> = { open: 'Åben', assigned: 'Tildelt', answered: 'Besvaret', resolved: 'Løst' };

/** The escalation queue, filtered by status. */
export async function escalationsView(ctx: ConsoleContext, status = ''): Promise<void> {
  const heading = h('h2', { tabindex: -1 }, 'Henvendelser');
  const filter = h(
    'select',
    { id: 'esc-filter', onchange: () => escalationsView(ctx, filter.value) },
    h('option', { value: '' }, 'Alle'),
    Object.entries(STATUS).map(([k, n]) => h('option', { value: k, selected: k === status }, n)),
  );
  render(ctx.main, heading);
  heading.focus();
  let list: Escalation[];
  try {
    list = (
      await api<{ escalations: Escalation[] }>('GET', `/api/admin/escalations${status ? `?status=${status}` : ''}`)
    ).escalations;
  } catch (e) {
    render(ctx.main, heading, h('div', { class: 'alert', role: 'alert' }, errorText(e)));
    return;
  }
  render(
    ctx.main,
    heading,
    h('div', { class: 'row' }, field('Vis status', filter)),
    list.length === 0
      ? h('p', {}, 'Ingen henvendelser med den status.')
      : h(
          'table',
          {},
          h('caption', {}, `${list.length} henvendelser, nyeste først.`),
          h(
            'thead',
            {},
            h(
              'tr',
              {},
              ['Sag', 'Spørgsmål', 'Status', 'Tildelt', 'Oprettet'].map((t) => h('th', { scope: 'col' }, t)),
            ),
          ),
          h(
            'tbody',
            {},
            list.map((e) =>
              h(
                'tr',
                {},
                h(
                  'td',
                  {},
                  h(
                    'button',
                    { type: 'button', class: 'link', onclick: () => ctx.go({ name: 'escalation', id: e.id }) },
                    e.reference,
                  ),
                ),
                h('td', {}, e.question),
                h('td', {}, STATUS[e.status] ?? e.status),
                h('td', {}, e.assignee ?? '—'),
                h('td', {}, danishDate(e.createdAt)),
              ),
            ),
          ),
        ),
  );
  heading.focus();
}

/**
 * One escalation: the conversation and the passages its answer cited (each opening the source viewer),
 * and status, assignment, internal note and answer to change.
 */
export async function escalationView(ctx: ConsoleContext, id: string): Promise<void> {
  const heading = h('h2', { tabindex: -1 }, 'Henvendelse');
  render(ctx.main, heading);
  heading.focus();
  let e: Escalation;
  let cited: CitedPassage[] = [];
  let missing: string[] = [];
  try {
    const detail = await api<EscalationDetail>('GET', `/api/admin/escalations/${encodeURIComponent(id)}`);
    e = detail.escalation;
    cited = detail.passages ?? [];
    missing = detail.missing ?? [];
  } catch (err) {
    render(
      ctx.main,
      heading,
      h('div', { class: 'alert', role: 'alert' }, err instanceof ApiError ? err.message : String(err)),
    );
    return;
  }
  heading.textContent = `Henvendelse ${e.reference}`;
  const status = h(
    'select',
    { name: 'status' },
    Object.entries(STATUS).map(([k, n]) => h('option', { value: k, selected: k === e.status }, n)),
  );
  const assignee = h('input', { type: 'text', name: 'assignee', value: e.assignee ?? '' });
  const notes = h('textarea', { name: 'notes', rows: 3 });
  notes.value = e.notes ?? '';
  const answer = h('textarea', { name: 'answer', rows: 4 });
  answer.value = e.answer ?? '';
  const message = h('div', { 'aria-live': 'polite' });
  const save = async (event: Event) => {
    event.preventDefault();
    const patch: Record<string, string> = {};
    if (status.value !== e.status) patch.status = status.value;
    if (assignee.value.trim() && assignee.value.trim() !== (e.assignee ?? '')) patch.assignee = assignee.value.trim();
    if (notes.value !== (e.notes ?? '')) patch.notes = notes.value;
    if (answer.value.trim() && answer.value.trim() !== (e.answer ?? '')) patch.answer = answer.value.trim();
    if (Object.keys(patch).length === 0) {
      render(message, h('div', { class: 'notice', role: 'status' }, 'Intet at gemme.'));
      return;
    }
    try {
      e = (await api<{ escalation: Escalation }>('PATCH', `/api/admin/escalations/${encodeURIComponent(id)}`, patch))
        .escalation;
      render(message, h('div', { class: 'notice', role: 'status' }, `Gemt. Status: ${STATUS[e.status] ?? e.status}.`));
      ctx.announce(`Henvendelse ${e.reference} er gemt.`);
    } catch (err) {
      render(message, h('div', { class: 'alert', role: 'alert' }, err instanceof ApiError ? err.message : String(err)));
    }
  };
  render(
    ctx.main,
    heading,
    h(
      'div',
      { class: 'split' },
      h(
        'section',
        { class: 'card', 'aria-labelledby': 'q-h' },
        h('h3', { id: 'q-h' }, 'Spørgsmålet'),
        h('p', {}, e.question),
        h(
          'p',
          { class: 'muted' },
          `Fra ${e.name ?? 'ukendt'}${e.email ? ` (${e.email})` : ''} via ${e.channel}, ${danishDate(e.createdAt)}.`,
        ),
        e.conversation.length
          ? [
              h('h3', {}, 'Samtalen'),
              h(
                'ul',
                { class: 'conv' },
                e.conversation.map((t) =>
                  h('li', {}, h('strong', {}, t.role === 'user' ? 'Medarbejder: ' : 'Help desk: '), t.content),
                ),
              ),
            ]
          : null,
        passagesSection(cited, missing),
      ),
      h(
        'form',
        { class: 'card', onsubmit: save, 'aria-labelledby': 'w-h' },
        h('h3', { id: 'w-h' }, 'Behandling'),
        field('Status', status, 'Tildelt kræver en rådgiver; besvaret kræver et svar.'),
        field('Tildelt rådgiver', assignee),
        field('Intern note', notes, 'Ses kun her i konsollen.'),
        field('Svar til spørgeren', answer),
        message,
        h(
          'div',
          { class: 'row' },
          h('button', { type: 'submit', class: 'btn' }, 'Gem'),
          h(
            'button',
            { type: 'button', class: 'btn secondary', onclick: () => ctx.go({ name: 'escalations' }) },
            'Tilbage til listen',
          ),
        ),
      ),
    ),
  );
  heading.focus();
}

/** The passages the escalated answer cited, with a link to each in the source viewer. */
function passagesSection(passages: CitedPassage[], missing: string[]): Child[] {
  const heading = h('h3', { id: 'src-h' }, 'Kilder i svaret');
  if (passages.length === 0 && missing.length === 0) {
    return [heading, h('p', { class: 'muted' }, 'Svaret, der blev eskaleret, havde ingen kilder.')];
  }
  return [
    heading,
    h(
      'ol',
      { class: 'chunks cited', 'aria-labelledby': 'src-h' },
      passages.map((p) =>
        h(
          'li',
          { class: 'chunk' },
          h('p', { class: 'sec' }, `${p.title} › ${p.section}`),
          h('p', {}, p.text),
          h(
            'a',
            { href: p.url, target: '_blank', rel: 'noopener' },
            'Åbn i kildevisningen',
            h('span', { class: 'sr-only' }, ` (${p.title}, ${p.section}; åbner i et nyt vindue)`),
          ),
        ),
      ),
    ),
    missing.length > 0
      ? h(
          'p',
          { class: 'muted' },
          `${missing.length === 1 ? 'Én kilde findes' : `${missing.length} kilder findes`} ikke længere i vidensbasen (ændret eller slettet siden).`,
        )
      : null,
  ];
}
