import { api, errorText } from './api.js';
import { barChart, columnChart } from './chart.js';
import type { ConsoleContext } from './context.js';
import { field, h, render } from './dom.js';

interface Report {
  totals: {
    questions: number;
    answered: number;
    unanswered: number;
    answeredRate: number | null;
    feedbackUp: number;
    feedbackDown: number;
  };
  channels: { channel: string; questions: number; answered: number }[];
  days: { date: string; questions: number; answered: number }[];
  gaps: { count: number; terms: string[]; examples: string[] }[];
}
interface Stats {
  escalations: Record<string, number>;
}
const STATUS: Record<string, string> = { open: 'Åbne', assigned: 'Tildelte', answered: 'Besvarede', resolved: 'Løste' };

/**
 * The overview for a period: questions per day and per channel, share answered, ratings, open
 * escalations, and coverage gaps.
 */
export async function overviewView(ctx: ConsoleContext, period = '30d'): Promise<void> {
  const heading = h('h2', { tabindex: -1 }, 'Oversigt');
  const choose = h(
    'select',
    { onchange: () => overviewView(ctx, choose.value) },
    [
      ['7d', '7 dage'],
      ['30d', '30 dage'],
      ['90d', '90 dage'],
      ['365d', 'Et år'],
    ].map(([v, n]) => h('option', { value: v, selected: v === period }, n)),
  );
  render(ctx.main, heading);
  heading.focus();
  let report: Report;
  let stats: Stats;
  try {
    [report, stats] = await Promise.all([
      api<Report>('GET', `/api/admin/report?since=${period}`),
      api<Stats>('GET', '/api/admin/stats'),
    ]);
  } catch (e) {
    render(ctx.main, heading, h('div', { class: 'alert', role: 'alert' }, errorText(e)));
    return;
  }
  const t = report.totals;
  const rate = t.answeredRate === null ? '—' : `${Math.round(t.answeredRate * 100)} %`;
  render(
    ctx.main,
    heading,
    h('div', { class: 'row' }, field('Periode', choose)),
    h(
      'p',
      {},
      `${t.questions} spørgsmål, ${rate} besvaret, ${t.feedbackUp} gode og ${t.feedbackDown} dårlige bedømmelser. ` +
        `${stats.escalations.open ?? 0} åbne henvendelser.`,
    ),
    dailyFigure(report.days),
    h(
      'div',
      { class: 'charts' },
      h(
        'figure',
        { class: 'card' },
        h('figcaption', {}, 'Spørgsmål pr. kanal'),
        barChart(
          'Spørgsmål pr. kanal',
          report.channels.map((c) => [c.channel, c.questions]),
        ),
      ),
      h(
        'figure',
        { class: 'card' },
        h('figcaption', {}, 'Besvaret og ubesvaret'),
        barChart('Besvaret og ubesvaret', [
          ['Besvaret', t.answered],
          ['Ubesvaret', t.unanswered],
        ]),
      ),
      h(
        'figure',
        { class: 'card' },
        h('figcaption', {}, 'Bedømmelser'),
        barChart('Bedømmelser', [
          ['Godt', t.feedbackUp],
          ['Dårligt', t.feedbackDown],
        ]),
      ),
      h(
        'figure',
        { class: 'card' },
        h('figcaption', {}, 'Henvendelser'),
        barChart(
          'Henvendelser efter status',
          Object.entries(stats.escalations).map(([k, v]) => [STATUS[k] ?? k, v]),
        ),
      ),
    ),
    h('h3', {}, 'Huller i vidensbasen'),
    report.gaps.length === 0
      ? h('p', {}, 'Ingen ubesvarede spørgsmål i perioden.')
      : h(
          'ul',
          {},
          report.gaps.map((g) =>
            h(
              'li',
              {},
              `${g.count} × "${g.examples[0] ?? g.terms.join(' ')}" `,
              h(
                'button',
                {
                  type: 'button',
                  class: 'link',
                  onclick: () =>
                    ctx.go({
                      name: 'editor',
                      draft: {
                        form: { title: g.examples[0] ?? '', tags: g.terms, body: `## ${g.examples[0] ?? 'Svar'}\n\n` },
                      },
                    }),
                },
                'Skriv et dokument om dette',
              ),
            ),
          ),
        ),
  );
  heading.focus();
}

const short = new Intl.DateTimeFormat('da-DK', { day: 'numeric', month: 'numeric', timeZone: 'UTC' });
const long = new Intl.DateTimeFormat('da-DK', { day: 'numeric', month: 'long', timeZone: 'UTC' });
const asDate = (day: string) => new Date(`${day}T12:00:00Z`);

/** Questions per day as a column chart (answered in the brand colour), with a legend and the numbers as a table. */
function dailyFigure(days: Report['days']): HTMLElement {
  const columns = days.map((d) => ({
    label: short.format(asDate(d.date)),
    name: long.format(asDate(d.date)),
    total: d.questions,
    part: d.answered,
  }));
  return h(
    'figure',
    { class: 'card daily' },
    h('figcaption', {}, 'Spørgsmål pr. dag'),
    columnChart('Spørgsmål pr. dag', columns, 'besvaret', 'ubesvaret'),
    h(
      'p',
      { class: 'legend' },
      h('span', { class: 'key answered' }),
      'Besvaret ',
      h('span', { class: 'key unanswered' }),
      'Ubesvaret',
    ),
    h(
      'details',
      {},
      h('summary', {}, 'Vis tallene pr. dag'),
      h(
        'table',
        {},
        h('caption', {}, 'Spørgsmål pr. dag'),
        h(
          'thead',
          {},
          h(
            'tr',
            {},
            ['Dag', 'Spørgsmål', 'Besvaret'].map((t) => h('th', { scope: 'col' }, t)),
          ),
        ),
        h(
          'tbody',
          {},
          days.map((d) =>
            h(
              'tr',
              {},
              h('td', {}, long.format(asDate(d.date))),
              h('td', {}, String(d.questions)),
              h('td', {}, String(d.answered)),
            ),
          ),
        ),
      ),
    ),
  );
}
