import { DEFAULT_SITE, siteTexts } from '../answer/site.js';
import type { CoverageReport } from './report.js';

const day = (iso: string) => iso.slice(0, 10);
const percent = (rate: number | null) => (rate === null ? '–' : `${Math.round(rate * 100)} %`);

/** A Markdown table cell: pipes escaped, line breaks flattened. */
function cell(text: string | number): string {
  return String(text)
    .replace(/\r?\n|\r/g, ' ')
    .replace(/\|/g, '\\|')
    .trim();
}

function clip(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= max ? flat : `${flat.slice(0, max - 1)}…`;
}

function table(head: string[], rows: (string | number)[][]): string[] {
  return [
    `| ${head.join(' | ')} |`,
    `| ${head.map(() => '---').join(' | ')} |`,
    ...rows.map((r) => `| ${r.map(cell).join(' | ')} |`),
  ];
}

/** The coverage report as a Markdown page in Danish, for the secretariat; titled with the help desk's name (`site.yaml`). */
export function renderReportMarkdown(report: CoverageReport, name = siteTexts(DEFAULT_SITE, 'da').name): string {
  const t = report.totals;
  const lines: string[] = [
    `# Dækningsrapport for ${name}`,
    '',
    `Periode: ${report.since ? `fra ${day(report.since)}` : 'alle gemte data'} til ${day(report.generatedAt)}. ` +
      `Dannet ${report.generatedAt}.`,
    '',
    '## Overblik',
    '',
    `- Spørgsmål: ${t.questions}, heraf besvaret ${t.answered} (${percent(t.answeredRate)}) og ubesvaret ${t.unanswered}.`,
    `- Feedback: ${t.feedbackUp} 👍 og ${t.feedbackDown} 👎.`,
    ...report.channels.map(
      (c) =>
        `- Kanal ${c.channel}: ${c.questions} spørgsmål, ${percent(c.questions ? c.answered / c.questions : null)} besvaret.`,
    ),
    '',
    '## Spørgsmål som korpusset ikke kunne besvare',
    '',
  ];
  if (report.gaps.length === 0) lines.push('Ingen ubesvarede spørgsmål i perioden.');
  else {
    lines.push(
      'Grupperet efter ens ordlyd; de største grupper er de bedste kandidater til en ny vejledning eller case.',
      '',
      ...table(
        ['#', 'Antal', 'Nøgleord', 'Eksempler', 'Først stillet', 'Senest stillet'],
        report.gaps.map((g, i) => [
          i + 1,
          g.count,
          g.terms.join(', '),
          g.examples.map((e) => `“${clip(e, 160)}”`).join('<br>'),
          day(g.firstAsked),
          day(g.lastAsked),
        ]),
      ),
    );
  }
  lines.push('', '## Svar med flest 👎', '');
  if (report.dislikedAnswers.length === 0) lines.push('Ingen 👎 i perioden.');
  else {
    lines.push(
      ...table(
        ['#', '👎', '👍', 'Spørgsmål', 'Svar', 'Kommentarer', 'Citerede dokumenter'],
        report.dislikedAnswers.map((d, i) => [
          i + 1,
          d.down,
          d.up,
          d.questions.map((q) => `“${clip(q, 120)}”`).join('<br>'),
          clip(d.answer, 200),
          d.comments.map((c) => `“${clip(c, 160)}”`).join('<br>') || '–',
          d.docIds.join(', ') || '–',
        ]),
      ),
    );
  }
  lines.push('', '## Dokumenter citeret i svar med 👎', '');
  if (report.dislikedDocuments.length === 0) lines.push('Ingen.');
  else
    lines.push(
      ...table(
        ['Dokument', '👎', '👍'],
        report.dislikedDocuments.map((d) => [d.docId, d.down, d.up]),
      ),
    );
  lines.push('', '## Mest spurgte emner', '');
  if (report.topics.length === 0) lines.push('Ingen spørgsmål i perioden.');
  else {
    lines.push(
      ...table(
        ['Emne', 'Type', 'Spørgsmål'],
        report.topics.map((t) => [t.term, t.kind === 'term' ? 'ord' : 'ordpar', t.count]),
      ),
    );
  }
  return `${lines.join('\n')}\n`;
}

/** A CSV field: quoted when needed, and defused against spreadsheet formulas. */
function csvField(value: string | number): string {
  let text = String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Column names of `renderReportCsv`. */
export const REPORT_CSV_COLUMNS = [
  'afsnit',
  'nr',
  'emne',
  'antal',
  'antal_op',
  'eksempler',
  'foerst',
  'senest',
  'dokumenter',
  'kommentarer',
] as const;

/**
 * The coverage report as one CSV table (RFC 4180, CRLF, UTF-8 with BOM so
 * spreadsheets read æøå). `afsnit` says which part a row belongs to:
 * `overblik`, `ubesvaret`, `kritik`, `dokument`, `emne`.
 */
export function renderReportCsv(report: CoverageReport): string {
  type Row = Partial<Record<(typeof REPORT_CSV_COLUMNS)[number], string | number>>;
  const rows: Row[] = [];
  const t = report.totals;
  const overview: [string, string | number][] = [
    ['spørgsmål', t.questions],
    ['besvaret', t.answered],
    ['ubesvaret', t.unanswered],
    ['besvaret_andel', t.answeredRate === null ? '' : t.answeredRate.toFixed(3)],
    ['feedback_op', t.feedbackUp],
    ['feedback_ned', t.feedbackDown],
  ];
  overview.forEach(([emne, antal], i) => {
    rows.push({ afsnit: 'overblik', nr: i + 1, emne, antal });
  });
  report.gaps.forEach((g, i) => {
    rows.push({
      afsnit: 'ubesvaret',
      nr: i + 1,
      emne: g.terms.join(' '),
      antal: g.count,
      eksempler: g.examples.join(' | '),
      foerst: g.firstAsked,
      senest: g.lastAsked,
    });
  });
  report.dislikedAnswers.forEach((d, i) => {
    rows.push({
      afsnit: 'kritik',
      nr: i + 1,
      emne: clip(d.answer, 300),
      antal: d.down,
      antal_op: d.up,
      eksempler: d.questions.join(' | '),
      senest: d.lastAt,
      dokumenter: d.docIds.join(' '),
      kommentarer: d.comments.join(' | '),
    });
  });
  report.dislikedDocuments.forEach((d, i) => {
    rows.push({ afsnit: 'dokument', nr: i + 1, emne: d.docId, antal: d.down, antal_op: d.up, dokumenter: d.docId });
  });
  report.topics.forEach((topic, i) => {
    rows.push({ afsnit: 'emne', nr: i + 1, emne: topic.term, antal: topic.count, eksempler: topic.kind });
  });
  const lines = [
    REPORT_CSV_COLUMNS.join(','),
    ...rows.map((r) => REPORT_CSV_COLUMNS.map((col) => csvField(r[col] ?? '')).join(',')),
  ];
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
