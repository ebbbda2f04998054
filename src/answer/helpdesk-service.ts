import { HelpdeskError } from '../errors.js';
import { type Condensed, condenseQuestion } from '../retrieval/condense.js';
import type { Retrieval } from '../retrieval/retriever.js';
import type { Turn } from '../conversation.js';
import { normalizeQuestion } from '../text/normalize.js';
import type { Analyzer } from '../text/types.js';
import { sourceUrl, toCitation } from './citations.js';
import type { ComposeInput, Composer } from './composer.js';
import type { Chunk } from '../corpus/types.js';
import type { DocumentMeta, Helpdesk, RenderedDocument } from './helpdesk.js';
import type { Snapshot } from './snapshot.js';
import type { AnswerEvent, AnswerResponse, AskRequest, SearchResult } from './types.js';

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
}

export function createHelpdeskService(options: HelpdeskServiceOptions): HelpdeskService {
  const current = (): Snapshot => {
    const s = options.snapshot();
    if (!s) throw new HelpdeskError('index_not_ready', 'Indekset indlæses stadig; prøv igen om et øjeblik.');
    return s;
  };
  const condense = options.condense ?? (async (q: string, h: Turn[]) => condenseQuestion(q, h, options.analyzer));

  /** Condense the question and retrieve for it: everything an answer is composed from. */
  async function prepare(asked: AskRequest): Promise<Prepared> {
    const req: AskRequest = {
      ...asked,
      question: normalizeQuestion(asked.question),
      ...(asked.history
        ? { history: asked.history.map((t) => ({ ...t, content: normalizeQuestion(t.content) })) }
        : {}),
    };
    const condensed = await condense(req.question, req.history ?? []);
    const retrieval = await current().retriever.retrieve(condensed.rewritten ?? req.question, {
      ...(condensed.context ? { context: condensed.context } : {}),
      k: options.passages ?? 6,
    });
    const input: ComposeInput = {
      question: req.question,
      standalone: condensed.standalone,
      passages: retrieval.decision.answerable ? retrieval.passages : [],
      history: req.history ?? [],
      query: retrieval.query,
      decision: retrieval.decision,
    };
    return { input, retrieval };
  }

  const composerFor = (p: Prepared) => (p.retrieval.decision.answerable ? options.composer : options.refusal);

  return {
    async explain(request) {
      const prepared = await prepare(request);
      const answer = await composerFor(prepared).compose(prepared.input);
      return { answer, retrieval: prepared.retrieval, standalone: prepared.input.standalone };
    },
    async ask(request) {
      const prepared = await prepare(request);
      return composerFor(prepared).compose(prepared.input);
    },
    async *askStream(request): AsyncIterable<AnswerEvent> {
      const prepared = await prepare(request);
      yield* composerFor(prepared).stream(prepared.input);
    },
    async search(query, k, opts) {
      const retrieval = await current().retriever.retrieve(normalizeQuestion(query), { k });
      return retrieval.passages.map((p, i): SearchResult => {
        const c = toCitation(p, i + 1, options.baseUrl);
        return {
          docId: c.docId,
          chunkId: c.chunkId,
          title: c.title,
          section: c.section,
          text: c.text,
          url: c.url,
          score: c.score,
          ...(opts?.debug
            ? {
                debug: {
                  scores: p.scores,
                  features: p.features,
                  answerability: i === 0 ? retrieval.decision : undefined,
                },
              }
            : {}),
        };
      });
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
