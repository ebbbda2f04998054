import type { Feedback, LoggedQuestion, Store } from '../store/store.js';
import { contentTerms, jaccard, normaliseQuestion, type TermAnalyzer } from './question-terms.js';

/** Unanswered questions that share their wording. */
export interface GapGroup {
  /** How many times such a question was asked without an answer. */
  count: number;
  /** The group's most frequent content words, for a quick label. */
  terms: string[];
  /** Up to `maxExamples` distinct wordings, most asked first. */
  examples: string[];
  firstAsked: string;
  lastAsked: string;
}

/** One answer that drew 👎, with what users said and what it cited. */
export interface DislikedAnswer {
  /** Distinct questions the answer was given to (up to `maxExamples`). */
  questions: string[];
  answer: string;
  down: number;
  up: number;
  comments: string[];
  chunkIds: string[];
  docIds: string[];
  lastAt: string;
}

/** A corpus document cited by rated answers. */
export interface RatedDocument {
  docId: string;
  down: number;
  up: number;
}

/** A frequent content word or word pair in the questions. */
export interface Topic {
  term: string;
  kind: 'term' | 'bigram';
  /** Questions containing it. */
  count: number;
}

/** What the corpus lacks, in the secretariat's terms (see `buildCoverageReport`). */
export interface CoverageReport {
  generatedAt: string;
  /** Start of the period (absent: everything kept). */
  since?: string;
  totals: {
    questions: number;
    answered: number;
    unanswered: number;
    /** answered / questions, or null without questions. */
    answeredRate: number | null;
    feedbackUp: number;
    feedbackDown: number;
  };
  channels: { channel: string; questions: number; answered: number }[];
  /** Questions per Danish calendar day (`YYYY-MM-DD`), every day of the period, oldest first, empty days as 0. */
  days: { date: string; questions: number; answered: number }[];
  gaps: GapGroup[];
  dislikedAnswers: DislikedAnswer[];
  dislikedDocuments: RatedDocument[];
  topics: Topic[];
}

/** Tuning of the report; defaults suit a monthly report. */
export interface ReportOptions {
  /** Only data from this time on. */
  since?: Date;
  /** "Now" for `generatedAt` (tests). */
  now?: Date;
  /** The Danish analyzer; a built-in simple one otherwise. */
  analyzer?: TermAnalyzer;
  /** Jaccard similarity of content-word stems at which two questions group (default 0.5). */
  similarity?: number;
  maxGroups?: number;
  maxExamples?: number;
  maxDisliked?: number;
  maxTopics?: number;
}

/** Reads the question log and feedback from `store` and builds the coverage report. */
export async function buildCoverageReport(store: Store, options: ReportOptions = {}): Promise<CoverageReport> {
  const filter = options.since ? { since: options.since } : {};
  const [questions, feedback] = await Promise.all([store.listQuestions(filter), store.listFeedback(filter)]);
  return buildReport(questions, feedback, options);
}

/** The coverage report of already-read questions and feedback (pure). */
export function buildReport(
  questions: readonly LoggedQuestion[],
  feedback: readonly Feedback[],
  options: ReportOptions = {},
): CoverageReport {
  const answered = questions.filter((q) => q.answered).length;
  const report: CoverageReport = {
    generatedAt: (options.now ?? new Date()).toISOString(),
    totals: {
      questions: questions.length,
      answered,
      unanswered: questions.length - answered,
      answeredRate: questions.length ? answered / questions.length : null,
      feedbackUp: feedback.filter((f) => f.rating === 'up').length,
      feedbackDown: feedback.filter((f) => f.rating === 'down').length,
    },
    channels: channelTotals(questions),
    days: dailyTotals(questions, options.since, options.now ?? new Date()),
    gaps: gapGroups(
      questions.filter((q) => !q.answered),
      options,
    ),
    dislikedAnswers: dislikedAnswers(feedback, options),
    dislikedDocuments: ratedDocuments(feedback),
    topics: topics(questions, options),
  };
  if (options.since) report.since = options.since.toISOString();
  return report;
}

function channelTotals(questions: readonly LoggedQuestion[]): CoverageReport['channels'] {
  const byChannel = new Map<string, { channel: string; questions: number; answered: number }>();
  for (const q of questions) {
    const row = byChannel.get(q.channel) ?? { channel: q.channel, questions: 0, answered: 0 };
    row.questions++;
    if (q.answered) row.answered++;
    byChannel.set(q.channel, row);
  }
  return [...byChannel.values()].sort((a, b) => b.questions - a.questions || a.channel.localeCompare(b.channel));
}

/** The calendar day of `at` in Denmark, as `YYYY-MM-DD`. */
const danishDay = (at: Date): string => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Copenhagen' }).format(at);

/** Longest run of days `dailyTotals` fills in (a few years); older days with questions are still listed. */
const MAX_FILLED_DAYS = 1100;

function dailyTotals(questions: readonly LoggedQuestion[], since: Date | undefined, now: Date): CoverageReport['days'] {
  const byDay = new Map<string, { date: string; questions: number; answered: number }>();
  const first = since ?? (questions[0] ? new Date(questions[0].at) : undefined);
  if (first && now.getTime() - first.getTime() <= MAX_FILLED_DAYS * 86_400_000) {
    // half-day steps reach every Danish date, across summer-time changes too
    const end = danishDay(now);
    for (
      let t = first.getTime(), date = danishDay(first);
      date <= end;
      t += 43_200_000, date = danishDay(new Date(t))
    ) {
      byDay.set(date, { date, questions: 0, answered: 0 });
    }
  }
  for (const q of questions) {
    const date = danishDay(new Date(q.at));
    const row = byDay.get(date) ?? { date, questions: 0, answered: 0 };
    row.questions++;
    if (q.answered) row.answered++;
    byDay.set(date, row);
  }
  return [...byDay.values()].sort((a, b) => a.date.localeCompare(b.date));
}

interface Cluster {
  key: Set<string>;
  normalised: Set<string>;
  members: LoggedQuestion[];
}

/**
 * Groups unanswered questions greedily, oldest first: a question joins the
 * group whose first question's stem set is most similar (Jaccard ≥ threshold),
 * or whose normalised wording it repeats; otherwise it starts a new group.
 */
function gapGroups(unanswered: readonly LoggedQuestion[], options: ReportOptions): GapGroup[] {
  const threshold = options.similarity ?? 0.5;
  const clusters: Cluster[] = [];
  for (const q of [...unanswered].sort((a, b) => a.at.localeCompare(b.at))) {
    const stems = new Set(contentTerms(q.question, options.analyzer).map((t) => t.stem));
    const normalised = normaliseQuestion(q.question);
    let best: Cluster | undefined;
    let bestScore = -1;
    for (const c of clusters) {
      const score = c.normalised.has(normalised) ? 1 : stems.size === 0 || c.key.size === 0 ? 0 : jaccard(stems, c.key);
      if (score >= threshold && score > bestScore) {
        best = c;
        bestScore = score;
      }
    }
    if (best) {
      best.members.push(q);
      best.normalised.add(normalised);
    } else {
      clusters.push({ key: stems, normalised: new Set([normalised]), members: [q] });
    }
  }
  const maxExamples = options.maxExamples ?? 3;
  return clusters
    .map((c) => ({
      count: c.members.length,
      terms: topWords(
        c.members.map((m) => m.question),
        options.analyzer,
        4,
      ),
      examples: mostFrequent(
        c.members.map((m) => m.question.trim()),
        maxExamples,
      ),
      firstAsked: c.members[0]!.at,
      lastAsked: c.members.at(-1)!.at,
    }))
    .sort((a, b) => b.count - a.count || b.lastAsked.localeCompare(a.lastAsked))
    .slice(0, options.maxGroups ?? 25);
}

function dislikedAnswers(feedback: readonly Feedback[], options: ReportOptions): DislikedAnswer[] {
  const byAnswer = new Map<string, Feedback[]>();
  for (const f of feedback) {
    const key = f.answer.replace(/\s+/g, ' ').trim();
    byAnswer.set(key, [...(byAnswer.get(key) ?? []), f]);
  }
  const maxExamples = options.maxExamples ?? 3;
  const out: DislikedAnswer[] = [];
  for (const [answer, items] of byAnswer) {
    const down = items.filter((f) => f.rating === 'down');
    if (down.length === 0) continue;
    const chunkIds = unique(items.flatMap((f) => f.citedChunkIds ?? []));
    out.push({
      questions: mostFrequent(
        items.map((f) => f.question.trim()),
        maxExamples,
      ),
      answer,
      down: down.length,
      up: items.length - down.length,
      comments: unique(down.map((f) => f.comment?.trim() ?? '').filter(Boolean)),
      chunkIds,
      docIds: unique(chunkIds.map(docIdOf)),
      lastAt: items
        .map((f) => f.createdAt)
        .sort()
        .at(-1)!,
    });
  }
  return out
    .sort((a, b) => b.down - a.down || a.up - b.up || b.lastAt.localeCompare(a.lastAt))
    .slice(0, options.maxDisliked ?? 20);
}

function ratedDocuments(feedback: readonly Feedback[]): RatedDocument[] {
  const docs = new Map<string, RatedDocument>();
  for (const f of feedback) {
    for (const docId of unique((f.citedChunkIds ?? []).map(docIdOf))) {
      const row = docs.get(docId) ?? { docId, down: 0, up: 0 };
      row[f.rating]++;
      docs.set(docId, row);
    }
  }
  return [...docs.values()]
    .filter((d) => d.down > 0)
    .sort((a, b) => b.down - a.down || a.up - b.up || a.docId.localeCompare(b.docId));
}

/** Most asked content words and word pairs, counted once per question. */
function topics(questions: readonly LoggedQuestion[], options: ReportOptions): Topic[] {
  const max = options.maxTopics ?? 20;
  const terms = new Map<string, { count: number; words: Map<string, number> }>();
  const bigrams = new Map<string, { count: number; words: Map<string, number> }>();
  const bump = (map: typeof terms, key: string, word: string) => {
    const row = map.get(key) ?? { count: 0, words: new Map<string, number>() };
    row.count++;
    row.words.set(word, (row.words.get(word) ?? 0) + 1);
    map.set(key, row);
  };
  for (const q of questions) {
    const ts = contentTerms(q.question, options.analyzer);
    const seen = new Set<string>();
    for (const t of ts) {
      if (!seen.has(t.stem)) bump(terms, t.stem, t.word);
      seen.add(t.stem);
    }
    const seenPairs = new Set<string>();
    for (let i = 1; i < ts.length; i++) {
      const key = `${ts[i - 1]!.stem} ${ts[i]!.stem}`;
      if (!seenPairs.has(key)) bump(bigrams, key, `${ts[i - 1]!.word} ${ts[i]!.word}`);
      seenPairs.add(key);
    }
  }
  const label = (words: Map<string, number>) =>
    [...words].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]![0];
  const termTopics: Topic[] = [...terms.values()].map((r) => ({ term: label(r.words), kind: 'term', count: r.count }));
  const pairTopics: Topic[] = [...bigrams.values()]
    .filter((r) => r.count >= 2)
    .map((r) => ({ term: label(r.words), kind: 'bigram', count: r.count }));
  const byCount = (a: Topic, b: Topic) => b.count - a.count || a.term.localeCompare(b.term, 'da');
  return [...termTopics.sort(byCount).slice(0, max), ...pairTopics.sort(byCount).slice(0, Math.ceil(max / 2))];
}

/** The `n` most frequent content words of some texts, as asked. */
function topWords(texts: string[], analyzer: TermAnalyzer | undefined, n: number): string[] {
  const counts = new Map<string, { count: number; word: string }>();
  for (const text of texts) {
    for (const t of contentTerms(text, analyzer)) {
      const row = counts.get(t.stem) ?? { count: 0, word: t.word };
      row.count++;
      counts.set(t.stem, row);
    }
  }
  return [...counts.values()]
    .sort((a, b) => b.count - a.count || a.word.localeCompare(b.word, 'da'))
    .slice(0, n)
    .map((r) => r.word);
}

/** Distinct values, most frequent first (ties: first seen first). */
function mostFrequent(values: string[], n: number): string[] {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts]
    .sort((a, b) => b[1] - a[1])
    .slice(0, n)
    .map(([v]) => v);
}

function unique<T>(values: T[]): T[] {
  return [...new Set(values)];
}

/** Chunk ids are `<docId>#<anchor>`. */
function docIdOf(chunkId: string): string {
  const hash = chunkId.indexOf('#');
  return hash === -1 ? chunkId : chunkId.slice(0, hash);
}
