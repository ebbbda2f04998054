import { resolve } from 'node:path';
import { loadConfig } from '../../src/config.js';
import { silentLogger } from '../../src/logger.js';
import { fitRerankWeights, meanReciprocalRank } from '../../src/retrieval/fit-rerank.js';
import type { RerankWeights } from '../../src/retrieval/rerank.js';
import { Retriever } from '../../src/retrieval/retriever.js';
import { createNodeHelpdesk } from '../../src/runtime/node-helpdesk.js';
import type { EvalQuestion } from './eval-questions.js';
import { rankedPassages } from './evaluate.js';
import { rightRank } from './passage-hit.js';

/**
 * Fit the reranker weights (`fitRerankWeights`) for MRR on the answerable eval questions over the
 * corpus in `corpusDir`; a right passage is one of the question's documents (our set) or holds its first fact
 * (the staff-style sets).
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
  return fitRerankWeights((weights) =>
    meanReciprocalRank(
      new Retriever(index, manager.queryAnalyzer, manager.embedder, { weights }),
      answerable,
      manager.queryAnalyzer,
      (q, retrieval) => rightRank(q, rankedPassages(retrieval)),
    ),
  );
}
