import { silentLogger } from '../../src/http/deps.js';
import { loadConfig } from '../../src/config.js';
import type { AnswerabilityModel } from '../../src/retrieval/answerability.js';
import type { RetrievalStages } from '../../src/retrieval/retriever.js';
import { createNodeHelpdesk } from '../../src/runtime/node-helpdesk.js';
import type { EvalQuestion } from './eval-questions.js';
import { type QuestionRun, rankedDocs } from './evaluate.js';

export interface RunEvalOptions {
  corpusDir: string;
  stages?: RetrievalStages;
  model?: AnswerabilityModel;
  /** Times each question is asked; latency is taken from the last round (warm). */
  rounds?: number;
}

/** Build an in-memory index of the corpus and ask every question through the help-desk service. */
export async function runEval(questions: EvalQuestion[], options: RunEvalOptions): Promise<QuestionRun[]> {
  const config = loadConfig({ CORPUS_DIR: options.corpusDir, WATCH_CORPUS: 'false' });
  const { helpdesk, manager } = await createNodeHelpdesk({
    config,
    logger: silentLogger,
    inMemory: true,
    ...(options.stages ? { stages: options.stages } : {}),
    ...(options.model ? { model: options.model } : {}),
  });
  await manager.open();
  const runs: QuestionRun[] = [];
  const rounds = Math.max(1, options.rounds ?? 2);
  for (let round = 0; round < rounds; round++) {
    runs.length = 0;
    for (const q of questions) {
      const started = performance.now();
      const { answer, retrieval } = await helpdesk.explain({
        question: q.question,
        ...(q.history ? { history: q.history } : {}),
      });
      runs.push({
        q,
        answer,
        rankedDocs: rankedDocs(retrieval),
        decision: retrieval.decision,
        ms: performance.now() - started,
        retrieval,
      });
    }
  }
  return runs;
}
