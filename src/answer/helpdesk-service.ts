import { HelpdeskError } from '../errors.js';
import { type Condensed, condenseQuestion } from '../retrieval/condense.js';
import type { Retrieval } from '../retrieval/retriever.js';
import type { Turn } from '../conversation.js';
import { normalizeQuestion } from '../text/normalize.js';
import type { Analyzer } from '../text/types.js';
import { sourceUrl } from './citations.js';
import { type ComposeInput, type Composer, composeInput } from './composer.js';
import type { Chunk } from '../corpus/types.js';
import { answerEvents } from './extractive.js';
import type { DocumentMeta, Helpdesk, RenderedDocument } from './helpdesk.js';
import type { AnswerMessages } from './messages.js';
import { searchResults } from './search-results.js';
import type { Snapshot } from './snapshot.js';
import type { AnswerEvent, AnswerResponse, AskRequest } from './types.js';

export interface HelpdeskServiceOptions {
  /** The current snapshot; `undefined` while the first index is loading. */
  snapshot: () => Snapshot | undefined;
  composer: Composer;
  /** Refusal used when retrieval judges the question unanswerable. */
  refusal: Composer;
  analyzer: Analyzer;
  baseUrl: string;
  /** Turns a follow-up into a standalone question; the lexical condenser by default. */
  condense?: (question: string, history: Turn[]) => Promise<Condensed>;
  /** Passages handed to the composer. */
  passages?: number;
  /**
   * The texts of the extractive composer when `composer` is it (no chat model): a snapshot whose
   * retrieval runs elsewhere (`Snapshot.answers`, the search pool) then composes `ask` and `askStream` there too.
   */
  extractiveMessages?: () => AnswerMessages;
}

/** A question as retrieval and the composer take it: normalised, condensed from its history. */
interface CondensedQuestion {
  /** The question as the user wrote it (normalised). */
  question: string;
  standalone: string;
  history: Turn[];
  /** What is retrieved for: the condensed question (or the question itself). */
  asked: string;
  context?: string;
}

interface Prepared {
  input: ComposeInput;
  retrieval: Retrieval;
}

/**
 * The help desk: condense → retrieve → compose. A chat-model composer replaces the
 * extractive one through the `Composer` port.
 */
export interface HelpdeskService extends Helpdesk {
  /** Answer and also return the retrieval behind it (evaluation, debugging). */
  explain(request: AskRequest): Promise<{ answer: AnswerResponse; retrieval: Retrieval; standalone: string }>;
  /** `search(query, k)` without `debug` as JSON text; made in the search pool's worker when one serves. */
  searchJson(query: string, k: number): Promise<string>;
}

export function createHelpdeskService(options: HelpdeskServiceOptions): HelpdeskService {
  const current = (): Snapshot => {
    const s = options.snapshot();
    if (!s) throw new HelpdeskError('index_not_ready', 'Indekset indlæses stadig; prøv igen om et øjeblik.');
    return s;
  };
  const condense = options.condense ?? (async (q: string, h: Turn[]) => condenseQuestion(q, h, options.analyzer));

  /** The question (and its history) normalised and condensed: what is retrieved for. */
  async function condensed(asked: AskRequest): Promise<CondensedQuestion> {
    const req: AskRequest = {
      ...asked,
      question: normalizeQuestion(asked.question),
      ...(asked.history
        ? { history: asked.history.map((t) => ({ ...t, content: normalizeQuestion(t.content) })) }
        : {}),
    };
    const found = await condense(req.question, req.history ?? []);
    return {
      question: req.question,
      standalone: found.standalone,
      history: req.history ?? [],
      asked: found.rewritten ?? req.question,
      ...(found.context ? { context: found.context } : {}),
    };
  }

  /** Retrieve for a condensed question: everything its answer is composed from. */
  async function retrieveFor(question: CondensedQuestion): Promise<Prepared> {
    const retrieval = await current().retriever.retrieve(question.asked, {
      ...(question.context ? { context: question.context } : {}),
      k: options.passages ?? 6,
    });
    return { input: composeInput(question, retrieval), retrieval };
  }

  const prepare = async (asked: AskRequest): Promise<Prepared> => retrieveFor(await condensed(asked));

  /**
   * The extractive answer composed where the retrieval runs (only the answer crosses back), when the
   * composer is the extractive one and the snapshot's retrieval runs elsewhere; else undefined.
   */
  function extractiveElsewhere(question: CondensedQuestion): Promise<AnswerResponse> | undefined {
    const messages = options.extractiveMessages;
    const answers = messages ? current().answers : undefined;
    if (!messages || !answers) return undefined;
    const k = options.passages ?? 6;
    return answers.extractiveAnswer({ ...question, k, messages: messages(), baseUrl: options.baseUrl });
  }

  const composerFor = (p: Prepared) => (p.retrieval.decision.answerable ? options.composer : options.refusal);

  return {
    async explain(request) {
      const prepared = await prepare(request);
      const answer = await composerFor(prepared).compose(prepared.input);
      return { answer, retrieval: prepared.retrieval, standalone: prepared.input.standalone };
    },
    async ask(request) {
      const question = await condensed(request);
      const elsewhere = extractiveElsewhere(question);
      if (elsewhere) return elsewhere;
      const prepared = await retrieveFor(question);
      return composerFor(prepared).compose(prepared.input);
    },
    async *askStream(request): AsyncIterable<AnswerEvent> {
      const question = await condensed(request);
      const elsewhere = extractiveElsewhere(question);
      if (elsewhere) {
        yield* answerEvents(await elsewhere);
        return;
      }
      const prepared = await retrieveFor(question);
      yield* composerFor(prepared).stream(prepared.input);
    },
    async search(query, k, opts) {
      const retrieval = await current().retriever.retrieve(normalizeQuestion(query), { k });
      return searchResults(retrieval, options.baseUrl, opts?.debug === true);
    },
    async searchJson(query, k) {
      const asked = normalizeQuestion(query);
      const snapshot = current();
      if (snapshot.answers) return snapshot.answers.searchJson(asked, k, options.baseUrl);
      return JSON.stringify(searchResults(await snapshot.retriever.retrieve(asked, { k }), options.baseUrl, false));
    },
    documents() {
      return [...current().documents.values()].map((d) => d.meta);
    },
    document(docId) {
      const snapshot = current();
      const doc = snapshot.documents.get(docId);
      if (!doc) return undefined;
      if (doc.chunks) return rendered(doc.meta, doc.chunks);
      const chunksOf = snapshot.chunksOf;
      return chunksOf ? chunksOf(docId).then((chunks) => rendered(doc.meta, chunks)) : rendered(doc.meta, []);
    },
    stats() {
      return current().stats;
    },
  };

  function rendered(meta: DocumentMeta, chunks: readonly Chunk[]): RenderedDocument {
    return {
      ...meta,
      sections: chunks.map((c) => ({
        chunkId: c.id,
        anchor: c.anchor,
        section: c.section,
        sectionPath: c.sectionPath,
        text: c.text,
        url: sourceUrl(options.baseUrl, c.docId, c.anchor),
      })),
    };
  }
}
