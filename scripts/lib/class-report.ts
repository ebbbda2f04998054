import type { Baseline } from './baselines.js';
import { baselineQuery } from './baselines.js';
import type { EvalQuestion } from './eval-questions.js';
import type { QuestionRun } from './evaluate.js';
import { rightRank } from './passage-hit.js';

/** The failure classes of the staff-style set, in report order; the last two must be declined. */
export const CLASSES = [
  'spelling',
  'typo',
  'colloquial',
  'keyword',
  'long',
  'english',
  'followup',
  'nearmiss',
  'offtopic',
] as const;

/** One row of the per-class table. */
export interface ClassRow {
  name: string;
  questions: number;
  /** Answerable: right passage in the top 5 (ours). */
  hit5?: number;
  /** Answerable: share of expected facts in the answer. */
  factRecall?: number;
  /** Answerable: share refused. */
  refused?: number;
  /** Negatives: share declined. */
  declined?: number;
  /** Answerable: each baseline's top-5 hit, by baseline name. */
  baselines: Record<string, number>;
  /** The class's own score: fact recall for answerable classes, declined for negatives. */
  score: number;
}

const norm = (s: string) => s.toLowerCase().replace(/\s+/g, ' ').trim();

/** Fact recall of one answer: the share of the question's facts its text contains. */
export function factRecallOf(run: QuestionRun): number {
  const text = norm(run.answer.answer);
  const facts = run.q.facts;
  return facts.length === 0 ? 1 : facts.filter((f) => text.includes(norm(f))).length / facts.length;
}

/** Per-class rows (plus "all answerable" and "all negatives"), with each baseline's top-5 hit beside ours. */
export async function classRows(runs: QuestionRun[], baselines: Baseline[]): Promise<ClassRow[]> {
  const baselineHits = new Map<string, Map<string, boolean>>();
  for (const b of baselines) {
    const hits = new Map<string, boolean>();
    for (const r of runs) {
      if (r.q.expect !== 'answer') continue;
      hits.set(r.q.id, rightRank(r.q, await b.search(baselineQuery(r.q), 5)) <= 5);
    }
    baselineHits.set(b.name, hits);
  }
  const row = (name: string, set: QuestionRun[]): ClassRow => {
    const answerable = set.filter((r) => r.q.expect === 'answer');
    const negatives = set.filter((r) => r.q.expect === 'abstain');
    const share = (xs: QuestionRun[], f: (r: QuestionRun) => number) =>
      xs.length === 0 ? 0 : xs.reduce((s, r) => s + f(r), 0) / xs.length;
    if (answerable.length === 0) {
      const declined = share(negatives, (r) => (r.answer.answered ? 0 : 1));
      return { name, questions: set.length, declined, baselines: {}, score: declined };
    }
    const factRecall = share(answerable, factRecallOf);
    return {
      name,
      questions: set.length,
      hit5: share(answerable, (r) => (rightRank(r.q, r.ranked) <= 5 ? 1 : 0)),
      factRecall,
      refused: share(answerable, (r) => (r.answer.answered ? 0 : 1)),
      baselines: Object.fromEntries(
        baselines.map((b) => [b.name, share(answerable, (r) => (baselineHits.get(b.name)!.get(r.q.id) ? 1 : 0))]),
      ),
      score: factRecall,
    };
  };
  const of = (q: EvalQuestion) => q.class ?? (q.expect === 'answer' ? 'answerable' : 'negative');
  const rows = CLASSES.map((c) =>
    row(
      c,
      runs.filter((r) => of(r.q) === c),
    ),
  ).filter((r) => r.questions > 0);
  rows.push(
    row(
      'all answerable',
      runs.filter((r) => r.q.expect === 'answer'),
    ),
  );
  rows.push(
    row(
      'all negatives',
      runs.filter((r) => r.q.expect === 'abstain'),
    ),
  );
  return rows;
}

const f3 = (x: number | undefined) => (x === undefined ? '' : x.toFixed(2));

/** The per-class table in Markdown. */
export function classTable(rows: ClassRow[], baselineNames: string[]): string {
  const head = [
    '| class | n | top-5 hit | fact in answer | refused | declined |',
    ...baselineNames.map((n) => ` ${n} top-5 |`),
  ].join('');
  const rule = `|---|---|---|---|---|---|${baselineNames.map(() => '---|').join('')}`;
  const body = rows.map(
    (r) =>
      `| ${r.name} | ${r.questions} | ${f3(r.hit5)} | ${f3(r.factRecall)} | ${f3(r.refused)} | ${f3(r.declined)} |` +
      baselineNames.map((n) => ` ${f3(r.baselines[n])} |`).join(''),
  );
  return [head, rule, ...body].join('\n');
}
