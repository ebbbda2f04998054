import { loadConfig } from '../../src/config.js';
import type { HelpdeskService } from '../../src/answer/helpdesk-service.js';
import { silentLogger } from '../../src/logger.js';
import type { AnswerabilityModel } from '../../src/retrieval/answerability.js';
import type { RetrievalStages } from '../../src/retrieval/retriever.js';
import { createNodeHelpdesk } from '../../src/runtime/node-helpdesk.js';
import type { EvalQuestion } from './eval-questions.js';
import { type QuestionRun, rankedPassages } from './evaluate.js';

export interface RunEvalOptions {
  corpusDir: string;
  stages?: RetrievalStages;
  model?: AnswerabilityModel;
  /** Times each question is asked; latency is taken from the last round (warm). */
  rounds?: number;
  /**
   * Keep the index in this folder (`DATA_DIR`) instead of in memory: it is saved there, and the
   * vectors are searched as a saved index's are (the compact graph, see `COMPACT_SEARCH`).
   */
  dataDir?: string;
  /** Worker threads that retrieve over the saved index (`SEARCH_WORKERS`; needs `dataDir`); 0 by default. */
  searchWorkers?: number;
}

/** Build an in-memory index of the corpus and return the help-desk service over it. */
export async function openEvalHelpdesk(options: RunEvalOptions): Promise<HelpdeskService> {
  const config = loadConfig({
    CORPUS_DIR: options.corpusDir,
    WATCH_CORPUS: 'false',
    ...(options.dataDir ? { DATA_DIR: options.dataDir } : {}),
    SEARCH_WORKERS: String(options.searchWorkers ?? 0),
  });
  const { helpdesk, manager } = await createNodeHelpdesk({
    config,
    logger: silentLogger,
    inMemory: options.dataDir === undefined,
    awaitWordList: true,
    ...(options.stages ? { stages: options.stages } : {}),
    ...(options.model ? { model: options.model } : {}),
  });
  await manager.open();
  return helpdesk;
}

/** Ask every question through a help-desk service, `rounds` times; the runs of the last round. */
export async function askAll(helpdesk: HelpdeskService, questions: EvalQuestion[], rounds = 2): Promise<QuestionRun[]> {
  const runs: QuestionRun[] = [];
  for (let round = 0; round < Math.max(1, rounds); round++) {
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
        ranked: rankedPassages(retrieval),
        decision: retrieval.decision,
        ms: performance.now() - started,
        retrieval,
      });
    }
  }
  return runs;
}

/** Build an in-memory index of the corpus and ask every question through the help-desk service. */
export async function runEval(questions: EvalQuestion[], options: RunEvalOptions): Promise<QuestionRun[]> {
  return askAll(await openEvalHelpdesk(options), questions, options.rounds);
}
