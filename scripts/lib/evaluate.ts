import type { AnswerResponse } from '../../src/answer/types.js';
import type { AnswerabilityDecision } from '../../src/retrieval/answerability.js';
import type { Retrieval } from '../../src/retrieval/retriever.js';
import type { EvalQuestion } from './eval-questions.js';
import { type RankedPassage, rightRank } from './passage-hit.js';

/** What one question produced. */
export interface QuestionRun {
  q: EvalQuestion;
  answer: AnswerResponse;
  /** The ranked passages, best first. */
  ranked: RankedPassage[];
  decision: AnswerabilityDecision;
  ms: number;
  /** The retrieval behind the answer (for diagnostics). */
  retrieval?: Retrieval;
}

/** The figures of one evaluation run. */
export interface EvalReport {
  questions: number;
  answerable: number;
  hit1: number;
  hit5: number;
  mrr: number;
  factRecall: number;
  abstentionAccuracy: number;
  falseAbstentions: number;
  falseAnswers: number;
  englishHit5: number;
  followUpHit5: number;
  danglingMarkers: number;
  unsupportedMarkers: number;
  p50Ms: number;
  p95Ms: number;
  /** Mean length in words of the answers given to answerable questions (markers not counted): recall's price. */
  answerWords: number;
  failures: { id: string; kind: string; detail: string }[];
}

/** The ranked passages of a retrieval. */
export function rankedPassages(retrieval: Retrieval): RankedPassage[] {
  return retrieval.passages.map((p) => ({
    docId: p.chunk.docId,
    text: `${p.chunk.title}. ${p.chunk.section}. ${p.chunk.text}`,
  }));
}

const norm = (s: string) => s.toLowerCase().replace(/\s+/g, ' ').trim();

/** Check every `[n]`: it names a citation, and the text it closes is inside that citation's passage. */
export function checkMarkers(answer: AnswerResponse): { dangling: number; unsupported: number } {
  const ids = new Map(answer.citations.map((c) => [c.id, norm(c.text)]));
  let dangling = 0;
  let unsupported = 0;
  for (const line of answer.answer.split('\n')) {
    const re = /([^[\]]*?)\s*\[(\d+)\]/g;
    for (const m of line.matchAll(re)) {
      const id = Number(m[2]);
      const cited = ids.get(id);
      if (cited === undefined) {
        dangling++;
        continue;
      }
      const claim = norm(m[1]!.replace(/^[-\s]+/, ''));
      if (claim && !cited.includes(claim)) unsupported++;
    }
  }
  return { dangling, unsupported };
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/** Score a set of runs. */
export function scoreRuns(runs: QuestionRun[]): EvalReport {
  const failures: EvalReport['failures'] = [];
  const answerable = runs.filter((r) => r.q.expect === 'answer');
  const rankOf = (r: QuestionRun) => rightRank(r.q, r.ranked);
  const hitAt = (set: QuestionRun[], k: number) =>
    set.length === 0 ? 1 : set.filter((r) => rankOf(r) <= k).length / set.length;
  let recallSum = 0;
  let dangling = 0;
  let unsupported = 0;
  let correctDecisions = 0;
  let falseAbst = 0;
  let falseAns = 0;
  for (const r of runs) {
    const markers = checkMarkers(r.answer);
    dangling += markers.dangling;
    unsupported += markers.unsupported;
    if (markers.dangling || markers.unsupported)
      failures.push({ id: r.q.id, kind: 'citation', detail: r.answer.answer });
    const ok = (r.q.expect === 'answer') === r.answer.answered;
    if (ok) correctDecisions++;
    if (r.q.expect === 'answer' && !r.answer.answered) {
      falseAbst++;
      failures.push({ id: r.q.id, kind: 'false-abstention', detail: `${r.q.question} → ${r.decision.reason}` });
    }
    if (r.q.expect === 'abstain' && r.answer.answered) {
      falseAns++;
      failures.push({ id: r.q.id, kind: 'false-answer', detail: `${r.q.question} → ${r.answer.answer.slice(0, 160)}` });
    }
    if (r.q.expect === 'answer') {
      const text = norm(r.answer.answer);
      const facts = r.q.facts;
      const got = facts.filter((f) => text.includes(norm(f))).length;
      recallSum += facts.length === 0 ? 1 : got / facts.length;
      if (got < facts.length && r.answer.answered) {
        failures.push({
          id: r.q.id,
          kind: 'fact-missing',
          detail: `${r.q.question} → wants ${facts.join(', ')}; got: ${r.answer.answer.slice(0, 200)}`,
        });
      }
      if (rankOf(r) > 5)
        failures.push({
          id: r.q.id,
          kind: 'retrieval-miss',
          detail: `${r.q.question} → ${r.ranked
            .slice(0, 5)
            .map((p) => p.docId)
            .join(', ')}`,
        });
    }
  }
  const ms = runs.map((r) => r.ms).sort((a, b) => a - b);
  const given = answerable.filter((r) => r.answer.answered);
  const words = (text: string) =>
    text
      .replace(/\[\d+\]/g, ' ')
      .split(/\s+/)
      .filter((w) => /[\p{L}\p{N}]/u.test(w)).length;
  const english = answerable.filter((r) => r.q.lang === 'en');
  const followUps = answerable.filter((r) => r.q.history && r.q.history.length > 0);
  return {
    questions: runs.length,
    answerable: answerable.length,
    hit1: hitAt(answerable, 1),
    hit5: hitAt(answerable, 5),
    mrr:
      answerable.length === 0
        ? 1
        : answerable.reduce((s, r) => s + (Number.isFinite(rankOf(r)) ? 1 / rankOf(r) : 0), 0) / answerable.length,
    factRecall: answerable.length === 0 ? 1 : recallSum / answerable.length,
    abstentionAccuracy: runs.length === 0 ? 1 : correctDecisions / runs.length,
    falseAbstentions: answerable.length === 0 ? 0 : falseAbst / answerable.length,
    falseAnswers: falseAns,
    englishHit5: hitAt(english, 5),
    followUpHit5: hitAt(followUps, 5),
    danglingMarkers: dangling,
    unsupportedMarkers: unsupported,
    p50Ms: percentile(ms, 50),
    p95Ms: percentile(ms, 95),
    answerWords: given.length === 0 ? 0 : given.reduce((sum, r) => sum + words(r.answer.answer), 0) / given.length,
    failures,
  };
}

const pct = (x: number) => x.toFixed(3);

/** One Markdown table row per named report. */
export function reportTable(rows: [string, EvalReport][]): string {
  const head =
    '| configuration | hit@1 | hit@5 | MRR | fact recall | words/answer | abstention acc. | false abstentions | p95 ms |\n|---|---|---|---|---|---|---|---|---|';
  const body = rows.map(
    ([name, r]) =>
      `| ${name} | ${pct(r.hit1)} | ${pct(r.hit5)} | ${pct(r.mrr)} | ${pct(r.factRecall)} | ${r.answerWords.toFixed(0)} | ${pct(r.abstentionAccuracy)} | ${(r.falseAbstentions * 100).toFixed(1)} % | ${r.p95Ms.toFixed(1)} |`,
  );
  return [head, ...body].join('\n');
}
