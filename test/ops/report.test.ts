import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openSqliteStore } from '../../src/adapters/node/sqlite-store.js';
import { buildCoverageReport, buildReport } from '../../src/ops/report.js';
import { REPORT_CSV_COLUMNS, renderReportCsv, renderReportMarkdown } from '../../src/ops/report-render.js';
import type { SqlStore } from '../../src/store/sql-store.js';
import { FeedbackInput } from '../../src/store/store.js';

let dir: string;
let store: SqlStore;
let t: number;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'helpdesk-report-'));
  t = Date.parse('2025-03-01T08:00:00.000Z');
  store = await openSqliteStore(join(dir, 'helpdesk.sqlite'), { now: () => new Date(t) });
});

afterEach(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Logs a question one hour after the previous one. */
async function ask(question: string, answered: boolean, channel: 'web' | 'slack' = 'web') {
  t += 3_600_000;
  await store.logQuestion({
    question,
    channel,
    answered,
    topScore: answered ? 0.7 : 0.1,
    citedChunkIds: [],
    latencyMs: 5,
  });
}

async function scriptedSeries() {
  await ask('Hvad er OPI?', true);
  await ask('Hvordan ejer vi IP-rettighederne i et OPI-projekt?', false);
  await ask('Kan vi få tilskud fra EU til sundhedsinnovation?', false, 'slack');
  await ask('Hvem ejer IP-rettighederne i et OPI-projekt?', false);
  await ask('Hvad koster parkering ved rådhuset?', false);
  await ask('Hvem ejer rettighederne til resultaterne i OPI-projektet?', false);
  await ask('Tilskud fra EU til sundhedsinnovation', false);
  await ask('Hvad er et innovationspartnerskab?', true, 'slack');
  await ask('Hvem ejer IP-rettighederne i et OPI-projekt?', false);
}

describe('coverage report', () => {
  it('groups unanswered questions by similar wording, largest group first', async () => {
    await scriptedSeries();
    const report = await buildCoverageReport(store, { now: new Date(t) });
    expect(report.totals).toEqual({
      questions: 9,
      answered: 2,
      unanswered: 7,
      answeredRate: 2 / 9,
      feedbackUp: 0,
      feedbackDown: 0,
    });
    expect(report.gaps.map((g) => g.count)).toEqual([4, 2, 1]);
    const [rights, funding, parking] = report.gaps;
    expect(rights!.examples).toEqual([
      'Hvem ejer IP-rettighederne i et OPI-projekt?',
      'Hvordan ejer vi IP-rettighederne i et OPI-projekt?',
      'Hvem ejer rettighederne til resultaterne i OPI-projektet?',
    ]);
    expect(rights!.terms).toEqual(expect.arrayContaining(['ejer', 'opi']));
    expect(rights!.firstAsked).toBe('2025-03-01T10:00:00.000Z');
    expect(rights!.lastAsked).toBe('2025-03-01T17:00:00.000Z');
    expect(funding!.examples).toEqual([
      'Kan vi få tilskud fra EU til sundhedsinnovation?',
      'Tilskud fra EU til sundhedsinnovation',
    ]);
    expect(parking!.examples).toEqual(['Hvad koster parkering ved rådhuset?']);
    expect(report.channels).toEqual([
      { channel: 'web', questions: 7, answered: 1 },
      { channel: 'slack', questions: 2, answered: 1 },
    ]);
  });

  it('lists the most asked topics as words and word pairs', async () => {
    await scriptedSeries();
    const report = await buildCoverageReport(store);
    const terms = report.topics.filter((x) => x.kind === 'term');
    expect(terms.slice(0, 2)).toEqual([
      { term: 'opi', kind: 'term', count: 5 },
      { term: 'ejer', kind: 'term', count: 4 },
    ]);
    expect(report.topics).toContainEqual({ term: 'ip rettighederne', kind: 'bigram', count: 3 });
    expect(report.topics.some((x) => x.term === 'hvad' || x.term === 'er')).toBe(false);
  });

  it('ranks the most disliked answers with their comments and cited documents', async () => {
    await scriptedSeries();
    const rate = (answer: string, rating: 'up' | 'down', comment?: string, cited = ['hvad-er-opi#intro']) =>
      store.addFeedback(
        FeedbackInput.parse({ question: 'Hvad er OPI?', answer, rating, comment, citedChunkIds: cited }),
      );
    await rate('OPI er samarbejde [1].', 'down', 'For kort');
    await rate('OPI er samarbejde  [1].', 'down', 'Mangler eksempler');
    await rate('OPI er samarbejde [1].', 'up');
    await rate('Et innovationspartnerskab er en udbudsform [1].', 'down', undefined, [
      'innovationspartnerskab#hvad',
      'udbud-guide#procedurer',
    ]);
    await rate('Noget helt andet [1].', 'up', undefined, ['andet#x']);

    const report = await buildCoverageReport(store);
    expect(report.totals).toMatchObject({ feedbackUp: 2, feedbackDown: 3 });
    expect(report.dislikedAnswers).toHaveLength(2);
    expect(report.dislikedAnswers[0]).toMatchObject({
      answer: 'OPI er samarbejde [1].',
      down: 2,
      up: 1,
      docIds: ['hvad-er-opi'],
      chunkIds: ['hvad-er-opi#intro'],
    });
    expect([...report.dislikedAnswers[0]!.comments].sort()).toEqual(['For kort', 'Mangler eksempler']);
    expect(report.dislikedAnswers[1]!.docIds).toEqual(['innovationspartnerskab', 'udbud-guide']);
    expect(report.dislikedDocuments).toEqual([
      { docId: 'hvad-er-opi', down: 2, up: 1 },
      { docId: 'innovationspartnerskab', down: 1, up: 0 },
      { docId: 'udbud-guide', down: 1, up: 0 },
    ]);
  });

  it('only covers the period asked for', async () => {
    await scriptedSeries();
    const report = await buildCoverageReport(store, { since: new Date('2025-03-01T14:30:00.000Z') });
    expect(report.since).toBe('2025-03-01T14:30:00.000Z');
    expect(report.totals).toMatchObject({ questions: 3, answered: 1 });
    expect(report.gaps.map((g) => g.examples)).toEqual([
      ['Hvem ejer IP-rettighederne i et OPI-projekt?'],
      ['Tilskud fra EU til sundhedsinnovation'],
    ]);
  });

  it('handles an empty log', () => {
    const report = buildReport([], [], { now: new Date('2025-01-01T00:00:00Z') });
    expect(report.totals.answeredRate).toBeNull();
    expect(renderReportMarkdown(report)).toContain('Ingen ubesvarede spørgsmål i perioden.');
  });
});

describe('report rendering', () => {
  it('renders Markdown with the groups, disliked answers and topics', async () => {
    await scriptedSeries();
    await store.addFeedback(
      FeedbackInput.parse({
        question: 'Hvad er OPI?',
        answer: 'Svar | med pipe',
        rating: 'down',
        comment: 'Forkert\nsvar',
        citedChunkIds: ['hvad-er-opi#intro'],
      }),
    );
    const md = renderReportMarkdown(await buildCoverageReport(store, { now: new Date('2025-03-02T00:00:00Z') }));
    expect(md).toMatch(/^# Dækningsrapport/);
    expect(md).toContain('- Spørgsmål: 9, heraf besvaret 2 (22 %) og ubesvaret 7.');
    expect(md).toContain('| 1 | 4 |');
    expect(md).toContain('“Hvem ejer IP-rettighederne i et OPI-projekt?”');
    expect(md).toContain('Svar \\| med pipe');
    expect(md).toContain('“Forkert svar”');
    expect(md).toContain('| hvad-er-opi | 1 | 0 |');
    expect(md).toContain('## Mest spurgte emner');
  });

  it('renders CSV with one header and defused, quoted fields', async () => {
    await ask('=HYPERLINK("http://x") hvad med "citater", tak?', false);
    const csv = renderReportCsv(await buildCoverageReport(store));
    expect(csv.startsWith('\uFEFF')).toBe(true);
    const lines = csv.slice(1).trimEnd().split('\r\n');
    expect(lines[0]).toBe(REPORT_CSV_COLUMNS.join(','));
    expect(lines.filter((l) => l.startsWith('overblik,'))).toHaveLength(6);
    const gap = lines.find((l) => l.startsWith('ubesvaret,'));
    expect(gap).toContain(`"'=HYPERLINK(""http://x"") hvad med ""citater"", tak?"`);
  });
});

describe('questions per day', () => {
  const logged = (at: string, answered: boolean) => ({
    id: at,
    question: 'q',
    channel: 'web' as const,
    answered,
    topScore: 0,
    citedChunkIds: [],
    latencyMs: 1,
    at,
  });

  it('counts per Danish calendar day, every day of the period including empty ones and a summer-time change', () => {
    const report = buildReport(
      [
        logged('2026-03-27T22:30:00.000Z', true), // 23:30 on the 27th in Denmark
        logged('2026-03-27T23:30:00.000Z', false), // 00:30 on the 28th
        logged('2026-03-30T09:00:00.000Z', true),
      ],
      [],
      { since: new Date('2026-03-26T22:30:00.000Z'), now: new Date('2026-03-30T12:00:00.000Z') },
    );
    expect(report.days).toEqual([
      { date: '2026-03-26', questions: 0, answered: 0 },
      { date: '2026-03-27', questions: 1, answered: 1 },
      { date: '2026-03-28', questions: 1, answered: 0 },
      { date: '2026-03-29', questions: 0, answered: 0 },
      { date: '2026-03-30', questions: 1, answered: 1 },
    ]);
  });

  it('starts at the first question when the period is everything kept, and is empty without questions', () => {
    const report = buildReport([logged('2026-12-05T10:00:00.000Z', true)], [], {
      now: new Date('2026-12-06T10:00:00.000Z'),
    });
    expect(report.days.map((d) => d.date)).toEqual(['2026-12-05', '2026-12-06']);
    expect(buildReport([], [], { now: new Date('2026-12-06T10:00:00.000Z') }).days).toEqual([]);
  });
});
