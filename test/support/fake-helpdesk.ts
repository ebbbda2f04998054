import type { AskOptions, DocumentMeta, Helpdesk, IndexStats, RenderedDocument } from '../../src/answer/helpdesk.js';
import type { AnswerEvent, AnswerResponse, AskRequest, Citation, SearchResult } from '../../src/answer/types.js';
import { asSearchResult } from '../../src/answer/search-results.js';
import { HelpdeskError } from '../../src/errors.js';

/** A question the fake answers (with two citations). */
export const ANSWERED_QUESTION = 'Hvordan kommer vi i gang med et OPI-projekt?';
/** A question the fake cannot answer (`answered: false` with an escalation offer). */
export const UNANSWERED_QUESTION = 'Hvad koster en pizza i Rom?';

/** The two canned documents, rendered with their sections. */
export const FAKE_DOCUMENTS: RenderedDocument[] = [
  {
    docId: 'opi-guide',
    path: 'guide/opi-guide.md',
    title: 'Sådan kommer I i gang med OPI',
    kind: 'guide',
    summary: 'En kort vejledning i at starte et samarbejde mellem offentlige og private parter.',
    tags: ['opstart', 'samarbejde'],
    source: {
      organisation: 'Erhvervsstyrelsen',
      title: 'Guide til offentlig-privat innovation',
      url: 'https://example.org/opi-guide',
      date: '2023-05-01',
    },
    updated: '2024-02-01',
    language: 'da',
    chunks: 2,
    url: '/docs/opi-guide',
    sections: [
      {
        chunkId: 'opi-guide#forberedelse',
        anchor: 'forberedelse',
        url: '/docs/opi-guide#forberedelse',
        section: 'Forberedelse',
        sectionPath: ['Forberedelse'],
        text: 'Start med at beskrive behovet og find de rette partnere.',
      },
      {
        chunkId: 'opi-guide#samarbejdsaftale',
        anchor: 'samarbejdsaftale',
        url: '/docs/opi-guide#samarbejdsaftale',
        section: 'Forberedelse › Samarbejdsaftale',
        sectionPath: ['Forberedelse', 'Samarbejdsaftale'],
        text: 'Aftal rettigheder og roller skriftligt, før I går i gang.',
      },
    ],
  },
  {
    docId: 'aalborg-case',
    path: 'case/aalborg-case.md',
    title: 'Velfærdsteknologi i Aalborg',
    kind: 'case',
    summary: 'Kommunen udviklede sammen med en virksomhed en ny løsning til hjemmeplejen.',
    tags: ['velfærd'],
    source: { organisation: 'Aalborg Kommune', title: 'Projektrapport' },
    updated: '2023-11-15',
    language: 'da',
    chunks: 1,
    url: '/docs/aalborg-case',
    sections: [
      {
        chunkId: 'aalborg-case#resultater',
        anchor: 'resultater',
        url: '/docs/aalborg-case#resultater',
        section: 'Resultater',
        sectionPath: ['Resultater'],
        text: 'Projektet sparede tid i hjemmeplejen.\n\nBorgerne var tilfredse.',
      },
    ],
  },
];

/** The citations of the canned answer. */
export const FAKE_CITATIONS: Citation[] = [
  {
    id: 1,
    docId: 'opi-guide',
    chunkId: 'opi-guide#forberedelse',
    title: 'Sådan kommer I i gang med OPI',
    section: 'Forberedelse',
    text: 'Start med at beskrive behovet og find de rette partnere.',
    url: '/docs/opi-guide#forberedelse',
    score: 0.82,
  },
  {
    id: 2,
    docId: 'opi-guide',
    chunkId: 'opi-guide#samarbejdsaftale',
    title: 'Sådan kommer I i gang med OPI',
    section: 'Forberedelse › Samarbejdsaftale',
    text: 'Aftal rettigheder og roller skriftligt, før I går i gang.',
    url: '/docs/opi-guide#samarbejdsaftale',
    score: 0.61,
  },
];

/** The canned answer to an answerable question. */
export const FAKE_ANSWER: AnswerResponse = {
  answer: 'Beskriv behovet og find partnere [1]. Aftal roller skriftligt [2].',
  answered: true,
  citations: FAKE_CITATIONS,
};

/** The canned answer when the knowledge base has nothing. */
export const FAKE_UNANSWERED: AnswerResponse = {
  answer: 'Det kan jeg desværre ikke svare på ud fra vidensbasen. Vil du tale med en rådgiver?',
  answered: false,
  citations: [],
  escalation: {
    offered: true,
    message: 'Du kan kontakte en OPI-rådgiver.',
    contact: 'Sekretariatet',
    endpoint: '/api/escalations',
  },
};

/** The canned index statistics. */
export const FAKE_STATS: IndexStats = { documents: 2, chunks: 3, indexBuiltAt: '2024-03-01T12:00:00.000Z' };

export interface FakeHelpdeskOptions {
  /** false: `stats()` (and everything else) throws `index_not_ready`. Default true. */
  ready?: boolean;
  /** Thrown by `ask`, `askStream` (before any event) and `search`. */
  error?: Error;
  /** `askStream` throws `streamError` after yielding this many events. */
  failStreamAfter?: number;
  streamError?: Error;
  /** Replaces the canned documents. */
  documents?: RenderedDocument[];
  /** Delay (ms) before `ask` resolves; honours the abort signal. */
  delayMs?: number;
}

/** A recorded call of the fake. */
export interface FakeHelpdeskCall {
  method: 'ask' | 'askStream' | 'search' | 'documents' | 'document' | 'stats';
  args: unknown[];
}

/**
 * A Helpdesk with canned data that records every call. Questions matching /pizza/i
 * get the unanswered response; everything else gets `FAKE_ANSWER`.
 */
export class FakeHelpdesk implements Helpdesk {
  readonly calls: FakeHelpdeskCall[] = [];
  options: FakeHelpdeskOptions;

  constructor(options: FakeHelpdeskOptions = {}) {
    this.options = options;
  }

  /** The response the fake gives for a question. */
  answerFor(question: string): AnswerResponse {
    return /pizza/i.test(question) ? structuredClone(FAKE_UNANSWERED) : structuredClone(FAKE_ANSWER);
  }

  /** Calls of one method. */
  callsOf(method: FakeHelpdeskCall['method']): FakeHelpdeskCall[] {
    return this.calls.filter((c) => c.method === method);
  }

  async ask(request: AskRequest, options?: AskOptions): Promise<AnswerResponse> {
    this.calls.push({ method: 'ask', args: [request, options] });
    this.throwIfUnavailable();
    if (this.options.delayMs) await delay(this.options.delayMs, options?.signal);
    return this.answerFor(request.question);
  }

  async *askStream(request: AskRequest, options?: AskOptions): AsyncIterable<AnswerEvent> {
    this.calls.push({ method: 'askStream', args: [request, options] });
    this.throwIfUnavailable();
    const answer = this.answerFor(request.question);
    const events: AnswerEvent[] = [{ type: 'citations', citations: answer.citations }];
    for (const piece of answer.answer.match(/\S+\s*/g) ?? []) events.push({ type: 'delta', text: piece });
    events.push({ type: 'done', answer });
    let yielded = 0;
    for (const event of events) {
      if (this.options.failStreamAfter !== undefined && yielded >= this.options.failStreamAfter) {
        throw this.options.streamError ?? new HelpdeskError('upstream_failed', 'Sprogmodellen svarede ikke.');
      }
      if (options?.signal?.aborted) return;
      yield event;
      yielded++;
    }
  }

  async search(query: string, k: number, options?: { debug?: boolean }): Promise<SearchResult[]> {
    this.calls.push({ method: 'search', args: [query, k, options] });
    this.throwIfUnavailable();
    const results: SearchResult[] = FAKE_CITATIONS.map((c) => ({
      ...asSearchResult(c),
      ...(options?.debug ? { debug: { bm25: 1.5, vector: 0.4, fused: 0.03 } } : {}),
    }));
    return results.slice(0, k);
  }

  documents(): DocumentMeta[] {
    this.calls.push({ method: 'documents', args: [] });
    this.throwIfNotReady();
    return this.docs().map(({ sections: _sections, ...meta }) => meta);
  }

  document(docId: string): RenderedDocument | undefined {
    this.calls.push({ method: 'document', args: [docId] });
    this.throwIfNotReady();
    return this.docs().find((d) => d.docId === docId);
  }

  stats(): IndexStats {
    this.calls.push({ method: 'stats', args: [] });
    this.throwIfNotReady();
    return { ...FAKE_STATS };
  }

  private docs(): RenderedDocument[] {
    return this.options.documents ?? FAKE_DOCUMENTS;
  }

  private throwIfNotReady(): void {
    if (this.options.ready === false) {
      throw new HelpdeskError('index_not_ready', 'Indekset indlæses stadig. Prøv igen om lidt.');
    }
  }

  private throwIfUnavailable(): void {
    this.throwIfNotReady();
    if (this.options.error) throw this.options.error;
  }
}

function delay(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => {
      clearTimeout(timer);
      reject(signal.reason ?? new Error('aborted'));
    });
  });
}
