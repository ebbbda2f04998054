import { parentPort, workerData } from 'node:worker_threads';
import { HelpdeskError } from '../../errors.js';
import { createLocalEmbedder } from '../../index/local-embedder.js';
import type { AnswerabilityModel } from '../../retrieval/answerability.js';
import { type RetrievalStages, Retriever } from '../../retrieval/retriever.js';
import { createDanishAnalyzer } from '../../text/analyzer.js';
import { parseSynonyms } from '../../text/synonyms.js';
import { loadDanishThesaurus } from './danish-thesaurus.js';
import { loadDanishWordList } from './danish-word-list.js';
import type { PoolReply, PoolRequest } from './search-pool.js';
import { SharedRetrievalIndex } from './shared-retrieval-index.js';

/**
 * A search worker of `SearchPool`: it keeps one retriever per index generation it is given, each
 * over that generation's shared memory, and answers `retrieve` requests on the generation they
 * name. The analyzer, embedder, word list and thesaurus are made here as the main thread makes
 * them, so its answers are the main thread's.
 */
const settings = workerData as { stages?: RetrievalStages; model?: AnswerabilityModel };
const port = parentPort!;
// the spelling stage must see the whole word list, as the main thread does once it has loaded
const spelling = loadDanishWordList({ thread: false });
const thesaurus = settings.stages?.thesaurus ? loadDanishThesaurus() : Promise.resolve(undefined);
const embedder = createLocalEmbedder(createDanishAnalyzer());
const generations = new Map<number, Promise<Retriever>>();

port.on('message', (message: PoolRequest) => {
  switch (message.type) {
    case 'generation': {
      const retriever = (async () => {
        await spelling.ready;
        const words = spelling.words;
        const found = await thesaurus;
        const analyzer = createDanishAnalyzer(
          message.synonyms === undefined
            ? {}
            : { synonyms: parseSynonyms(message.synonyms, 'corpus/_meta/synonyms.yaml') },
        );
        return new Retriever(new SharedRetrievalIndex(message.parts), analyzer, embedder, {
          ...(settings.stages ? { stages: settings.stages } : {}),
          ...(settings.model ? { model: settings.model } : {}),
          words,
          ...(found ? { thesaurus: found } : {}),
        });
      })();
      // a generation that cannot be made fails the requests for it, not the thread
      retriever.catch(() => undefined);
      generations.set(message.generation, retriever);
      break;
    }
    case 'drop':
      generations.delete(message.generation);
      break;
    case 'ping':
      reply({ type: 'pong', id: message.id, generations: [...generations.keys()] });
      break;
    case 'retrieve': {
      const retriever = generations.get(message.generation);
      if (!retriever) {
        reply({
          type: 'failed',
          id: message.id,
          error: {
            code: 'index_not_ready',
            message: `Søgetråden har ikke indeksets generation ${message.generation}.`,
          },
        });
        break;
      }
      retriever
        .then((r) => r.retrieve(message.asked, message.options))
        .then(
          (retrieval) => reply({ type: 'answer', id: message.id, retrieval }),
          (err: unknown) =>
            reply({
              type: 'failed',
              id: message.id,
              error: HelpdeskError.isInstance(err)
                ? { code: err.code, message: err.message }
                : { code: 'internal', message: String(err) },
            }),
        );
      break;
    }
  }
});

function reply(message: PoolReply): void {
  port.postMessage(message);
}
