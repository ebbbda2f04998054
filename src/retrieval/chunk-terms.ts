import type { Chunk } from '../corpus/types.js';
import type { Analyzer } from '../text/types.js';

/** A chunk's analyzed terms by field, with body positions for proximity. */
export interface ChunkTerms {
  heading: Set<string>;
  /** Title and section path terms in order. */
  headingSeq: string[];
  body: Set<string>;
  /** Body terms in order (compound parts follow their compound). */
  bodySeq: string[];
}

/** Caches analyzed chunk fields; one cache per index instance. */
export class ChunkTermCache {
  private readonly cache = new Map<string, ChunkTerms>();

  constructor(
    private readonly analyzer: Analyzer,
    private readonly limit = 50_000,
  ) {}

  get(chunk: Chunk): ChunkTerms {
    let hit = this.cache.get(chunk.id);
    if (!hit) {
      const bodySeq = this.analyzer.terms(chunk.text);
      const headingSeq = this.analyzer.terms(`${chunk.title} ${chunk.sectionPath.join(' ')}`);
      hit = {
        heading: new Set(headingSeq),
        headingSeq,
        body: new Set(bodySeq),
        bodySeq,
      };
      if (this.cache.size >= this.limit) this.cache.clear();
      this.cache.set(chunk.id, hit);
    }
    return hit;
  }
}
