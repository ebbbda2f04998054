import type { Chunk } from '../corpus/types.js';
import { memoise } from '../text/memoise.js';
import { splitSentences } from '../text/sentences.js';
import type { Analyzer } from '../text/types.js';
import { type QuestionType, typeFit } from './question-type.js';

/** A sentence of a chunk with its analyzed terms. */
export interface ChunkSentence {
  text: string;
  terms: ReadonlySet<string>;
}

/**
 * A chunk's analyzed fields, with body positions for proximity, and the other facts retrieval
 * reads from its text. The fields are analyzed up front; the rest is computed on first use.
 * Every value depends on the chunk alone, so one instance serves every query.
 */
export class ChunkTerms {
  readonly heading: ReadonlySet<string>;
  /** Title and section path terms in order. */
  readonly headingSeq: readonly string[];
  readonly body: ReadonlySet<string>;
  /** Body terms in order (compound parts follow their compound). */
  readonly bodySeq: readonly string[];
  private readonly fits: Partial<Record<QuestionType, number>> = {};
  private sentenceList?: ChunkSentence[];
  private wordSet?: ReadonlySet<string>;
  private lower?: string;

  constructor(
    readonly chunk: Chunk,
    private readonly analyzer: Analyzer,
  ) {
    this.bodySeq = analyzer.terms(chunk.text, chunk.language);
    this.headingSeq = analyzer.terms(`${chunk.title} ${chunk.sectionPath.join(' ')}`, chunk.language);
    this.heading = new Set(this.headingSeq);
    this.body = new Set(this.bodySeq);
  }

  /** Whether a term occurs in the headings or the body. */
  has(term: string): boolean {
    return this.heading.has(term) || this.body.has(term);
  }

  /** How well the chunk's text fits an answer type (`typeFit`). */
  typeFit(type: QuestionType): number {
    let fit = this.fits[type];
    if (fit === undefined) {
      fit = typeFit(type, this.chunk.text);
      this.fits[type] = fit;
    }
    return fit;
  }

  /** The non-empty sentences of the text, line by line, with their terms. */
  sentences(): readonly ChunkSentence[] {
    this.sentenceList ??= this.chunk.text
      .split('\n')
      .flatMap((line) => splitSentences(line))
      .filter((s) => s.trim().length > 0)
      .map((s) => ({ text: s, terms: new Set(this.analyzer.terms(s, this.chunk.language)) }));
    return this.sentenceList;
  }

  /** Title, section and text, lower-cased and joined by spaces. */
  lowerText(): string {
    this.lower ??= `${this.chunk.title} ${this.chunk.section} ${this.chunk.text}`.toLowerCase();
    return this.lower;
  }

  /** The lower-cased words (runs of letters and digits) of title, section and text. */
  words(): ReadonlySet<string> {
    this.wordSet ??= new Set(this.lowerText().split(/[^\p{L}\p{N}]+/u));
    return this.wordSet;
  }
}

/** Caches `ChunkTerms` by chunk; one cache per index instance. */
export class ChunkTermCache {
  readonly get: (chunk: Chunk) => ChunkTerms;

  constructor(analyzer: Analyzer, limit = 50_000) {
    this.get = memoise((chunk: Chunk) => new ChunkTerms(chunk, analyzer), limit);
  }
}
