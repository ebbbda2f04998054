import { resolve } from 'node:path';
import { loadConfig } from '../../src/config.js';
import { silentLogger } from '../../src/logger.js';
import { RERANK_WEIGHTS, type RerankWeights } from '../../src/retrieval/rerank.js';
import { Retriever } from '../../src/retrieval/retriever.js';
import { condenseQuestion } from '../../src/retrieval/condense.js';
import { createNodeHelpdesk } from '../../src/runtime/node-helpdesk.js';
import type { EvalQuestion } from './eval-questions.js';
import { rankedPassages } from './evaluate.js';
import { rightRank } from './passage-hit.js';

/** Mean reciprocal rank (first right passage in the top 10) of a retriever on answerable questions. */
async function mrr(retriever: Retriever, questions: EvalQuestion[], analyzer: Parameters<typeof condenseQuestion>[2]) {
  let sum = 0;
  for (const q of questions) {
    const c = condenseQuestion(q.question, q.history ?? [], analyzer);
    const r = await retriever.retrieve(q.question, { k: 10, ...(c.context ? { context: c.context } : {}) });
    // our set names the right documents; the staff-style sets the fact the right passage holds
    sum += 1 / rightRank(q, rankedPassages(r));
  }
  return sum / questions.length;
}

/**
 * Coordinate ascent on the reranker weights for MRR on the answerable eval questions:
 * each weight in turn is scaled by 0.5, 0.75, 1.5, 2 (weights renormalised to sum 1) and kept when MRR improves.
 */
export async function tuneRerank(
  questions: EvalQuestion[],
  corpusDir: string,
): Promise<{ weights: RerankWeights; before: number; after: number }> {
  const { manager } = await createNodeHelpdesk({
    config: loadConfig({ CORPUS_DIR: resolve(corpusDir), WATCH_CORPUS: 'false' }),
    logger: silentLogger,
    inMemory: true,
  });
  await manager.open();
  const index = manager.searchIndex()!;
  const answerable = questions.filter((q) => q.expect === 'answer');
  const score = (w: RerankWeights) =>
    mrr(
      new Retriever(index, manager.queryAnalyzer, manager.embedder, { weights: w }),
      answerable,
      manager.queryAnalyzer,
    );
  const normalise = (w: Record<string, number>) => {
    const total = Object.values(w).reduce((a, b) => a + b, 0);
    return Object.fromEntries(
      Object.entries(w).map(([k, v]) => [k, Math.round((v / total) * 1000) / 1000]),
    ) as RerankWeights;
  };
  let best = { ...RERANK_WEIGHTS };
  const before = await score(best);
  let bestScore = before;
  for (let pass = 0; pass < 2; pass++) {
    for (const key of Object.keys(best) as (keyof RerankWeights)[]) {
      for (const factor of [0.5, 0.75, 1.5, 2]) {
        const candidate = normalise({ ...best, [key]: Math.max(0.01, best[key] * factor) });
        const s = await score(candidate);
        if (s > bestScore + 1e-4) {
          best = { ...candidate };
          bestScore = s;
        }
      }
    }
  }
  return { weights: best, before, after: bestScore };
}
