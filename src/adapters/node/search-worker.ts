import { parentPort, workerData } from 'node:worker_threads';
import { composeInput, type Composer } from '../../answer/composer.js';
import { createExtractiveComposer } from '../../answer/extractive.js';
import type { AnswerMessages } from '../../answer/messages.js';
import { searchResults } from '../../answer/search-results.js';
import { HelpdeskError } from '../../errors.js';
import { createLocalEmbedder } from '../../index/local-embedder.js';
import { Retriever } from '../../retrieval/retriever.js';
import { createDanishAnalyzer } from '../../text/analyzer.js';
import { splitSentences } from '../../text/index.js';
import { stemDanish } from '../../text/stem.js';
import type { WordList } from '../../text/word-list.js';
import { parseSynonyms } from '../../text/synonyms.js';
import { loadDanishThesaurus } from './danish-thesaurus.js';
import { loadDanishWordList } from './danish-word-list.js';
import type { PoolReply, PoolRequest, SearchWorkerSettings } from './search-pool.js';
import { SharedRetrievalIndex } from './shared-retrieval-index.js';
import { type SharedWordListParts, sharedWordList } from './shared-word-list.js';

/**
 * A search worker of `SearchPool`: it keeps one retriever per index generation it is given, each
 * over that generation's shared memory, and answers the requests on the generation they name:
 * `retrieve` (the whole `Retrieval`), `search` (`/api/search`'s results as JSON text) and `compose`
 * (the extractive answer). The analyzer, embedder, word list and thesaurus are made here as the
 * main thread makes them, so its answers are the main thread's.
 */
const settings = workerData as SearchWorkerSettings;
const port = parentPort!;
/** Gives the word list when the pool sends it (`words`). */
let receiveWords: (parts: SharedWordListParts | undefined) => void = () => undefined;
// the spelling stage must see the whole word list, as the main thread does once it has loaded: the main
// thread's own in shared memory, or else one loaded here
const spelling: Promise<WordList> = settings.sharedWords
  ? new Promise((resolve) => {
      receiveWords = (parts) => resolve(parts ? sharedWordList(parts, stemDanish) : ownWordList());
    })
  : ownWordList();
const thesaurus = settings.stages?.thesaurus ? loadDanishThesaurus() : Promise.resolve(undefined);
const embedder = createLocalEmbedder(createDanishAnalyzer());
/** A generation's retriever and the extractive composer over its analyzer. */
interface Served {
  retriever: Retriever;
  composer: Composer;
}
const generations = new Map<number, Promise<Served>>();
/** The site's texts and base URL of the answer being composed (each `compose` request brings its own). */
let speaking: { messages: AnswerMessages; baseUrl: string } | undefined;

port.on('message', (message: PoolRequest) => {
  switch (message.type) {
    case 'generation': {
      const retriever = (async () => {
        const words = await spelling;
        const found = await thesaurus;
        const analyzer = createDanishAnalyzer(
          message.synonyms === undefined
            ? {}
            : { synonyms: parseSynonyms(message.synonyms, 'corpus/_meta/synonyms.yaml') },
        );
        const retriever = new Retriever(new SharedRetrievalIndex(message.parts), analyzer, embedder, {
          ...(settings.stages ? { stages: settings.stages } : {}),
          ...(settings.model ? { model: settings.model } : {}),
          words,
          ...(found ? { thesaurus: found } : {}),
        });
        // as `createHelpdesk` makes it, with the texts of the request being composed
        const composer = createExtractiveComposer({
          analyzer,
          splitSentences,
          get messages() {
            return speaking!.messages;
          },
          get baseUrl() {
            return speaking!.baseUrl;
          },
        });
        return { retriever, composer };
      })();
      // a generation that cannot be made fails the requests for it, not the thread
      retriever.catch(() => undefined);
      generations.set(message.generation, retriever);
      break;
    }
    case 'words':
      receiveWords(message.parts);
      break;
    case 'drop':
      generations.delete(message.generation);
      break;
    case 'ping':
      reply({ type: 'pong', id: message.id, generations: [...generations.keys()] });
      break;
    case 'retrieve':
    case 'search':
    case 'compose': {
      const served = generations.get(message.generation);
      if (!served) {
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
      served
        .then((s) => answer(s, message))
        .then(
          (value) => reply({ type: 'answer', id: message.id, value }),
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

/** What `message` asks for, from the retriever and composer of its generation. */
async function answer(
  { retriever, composer }: Served,
  message: Extract<PoolRequest, { type: 'retrieve' | 'search' | 'compose' }>,
): Promise<Extract<PoolReply, { type: 'answer' }>['value']> {
  switch (message.type) {
    case 'retrieve':
      return retriever.retrieve(message.asked, message.options);
    case 'search': {
      const retrieval = await retriever.retrieve(message.asked, { k: message.k });
      return JSON.stringify(searchResults(retrieval, message.baseUrl, false));
    }
    case 'compose': {
      const { request } = message;
      const retrieval = await retriever.retrieve(request.asked, {
        ...(request.context ? { context: request.context } : {}),
        k: request.k,
      });
      // the extractive composer answers at once: nothing else runs between setting its texts and composing
      speaking = { messages: request.messages, baseUrl: request.baseUrl };
      return composer.compose(composeInput(request, retrieval));
    }
  }
}

/** The Danish word list loaded on this thread. */
async function ownWordList(): Promise<WordList> {
  const own = loadDanishWordList({ thread: false });
  await own.ready;
  return own.words;
}

function reply(message: PoolReply): void {
  port.postMessage(message);
}
