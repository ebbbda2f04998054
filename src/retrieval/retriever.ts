import type { Chunk } from '../corpus/types.js';
import type { Embedder } from '../index/embedder.js';
import type { Analyzer, WeightedTerm } from '../text/types.js';
import type { Thesaurus } from '../text/thesaurus.js';
import { type CorpusRelations, mineRelations } from './corpus-relations.js';
import type { WordList } from '../text/word-list.js';
import {
  type AnswerabilityDecision,
  type AnswerabilityModel,
  DEFAULT_MODEL,
  decideAnswerability,
} from './answerability.js';
import { ChunkTermCache } from './chunk-terms.js';
import { gatherEvidence } from './evidence.js';
import { type FusedHit, reciprocalRankFusion } from './fusion.js';
import { FuzzyVocabulary } from './fuzzy.js';
import { analyzeQuery, isEnglish, lexicalTermsOf, type QueryAnalysis } from './query.js';
import { type Respelled, respell } from './spelling.js';
import { RERANK_WEIGHTS, type RerankWeights, rerankFeatures, rerankScore } from './rerank.js';
import type { LegHit, RetrievalIndex } from './retrieval-index.js';
import type { Passage } from './types.js';
import { WEIGHTS } from './weights.js';

/** Which stages run; the ablation table switches them one by one. */
export interface RetrievalStages {
  lexical: boolean;
  vector: boolean;
  rerank: boolean;
  /** Synonyms, English→Danish glossary and pseudo-relevance feedback. */
  expand: boolean;
  /** Repair the question's spelling first (æ/ø/å typed as ae/oe/aa, typos); off when absent. */
  spelling?: boolean;
  /** Match thesaurus synonyms of the question's words (needs `RetrieverOptions.thesaurus`); off when absent. */
  thesaurus?: boolean;
  /**
   * Match the terms the corpus itself writes with the question's words (`mineRelations` over the index's chunk texts,
   * mined once per index at the first question); off when absent.
   */
  relations?: boolean;
}

export const ALL_STAGES: RetrievalStages = { lexical: true, vector: true, rerank: true, expand: true, spelling: true };

export interface RetrieverOptions {
  stages?: RetrievalStages;
  model?: AnswerabilityModel;
  /** Candidates taken from each leg. */
  candidates?: number;
  /** Reranker feature weights (default `RERANK_WEIGHTS`). */
  weights?: RerankWeights;
  /** Real Danish words, so that spelling repair never changes one (a hunspell dictionary on Node). */
  words?: WordList;
  /** The Danish thesaurus for the `thesaurus` stage. */
  thesaurus?: Thesaurus;
}

/** The outcome of retrieving for one question. */
export interface Retrieval {
  query: QueryAnalysis;
  passages: Passage[];
  decision: AnswerabilityDecision;
}

/**
 * Hybrid retrieval over one immutable index: lexical (BM25F) and vector legs,
 * reciprocal-rank fusion, an explainable feature reranker, and the answerability decision.
 */
export class Retriever {
  private readonly stages: RetrievalStages;
  private readonly model: AnswerabilityModel;
  private readonly candidates: number;
  private readonly weights: RerankWeights;
  private readonly cache: ChunkTermCache;
  private readonly words: WordList | undefined;
  private readonly thesaurus: Thesaurus | undefined;
  private fuzzyVocabulary?: FuzzyVocabulary;
  private minedRelations?: CorpusRelations | null;

  constructor(
    private readonly index: RetrievalIndex,
    private readonly analyzer: Analyzer,
    private readonly embedder: Embedder,
    options: RetrieverOptions = {},
  ) {
    this.stages = options.stages ?? ALL_STAGES;
    this.model = options.model ?? DEFAULT_MODEL;
    this.candidates = options.candidates ?? 40;
    this.weights = options.weights ?? RERANK_WEIGHTS;
    this.cache = new ChunkTermCache(analyzer);
    this.words = options.words;
    this.thesaurus = this.stages.thesaurus ? options.thesaurus : undefined;
  }

  /** The corpus's own term relations, mined at the first use (null: the stage is off or the index has no texts). */
  private get relations(): CorpusRelations | null {
    if (this.minedRelations === undefined) {
      const texts = this.stages.relations ? this.index.chunkTexts?.() : undefined;
      this.minedRelations = texts ? mineRelations(texts, this.analyzer) : null;
    }
    return this.minedRelations;
  }

  private get fuzzy(): FuzzyVocabulary {
    this.fuzzyVocabulary ??= new FuzzyVocabulary(this.index.vocabulary());
    return this.fuzzyVocabulary;
  }

  /** The question with its spelling repaired (unchanged when the stage is off or the question is English). */
  respell(question: string): Respelled {
    if (!this.stages.spelling || isEnglish(this.analyzer.tokens(question))) {
      return { text: question, corrections: [], unrecognised: [] };
    }
    return respell(question, {
      analyzer: this.analyzer,
      documentFrequency: (t) => this.index.documentFrequency(t),
      fuzzy: this.fuzzy,
      ...(this.words ? { words: this.words } : {}),
    });
  }

  /** Analyze a question (with optional earlier-turn context) without searching; spelling is repaired first. */
  analyze(asked: string, askedContext?: string): QueryAnalysis {
    const spelled = this.respell(asked);
    const context = askedContext ? this.respell(askedContext).text : undefined;
    const query = analyzeQuery(spelled.text, this.analyzer, this.index, this.fuzzy, {
      expand: this.stages.expand,
      ...(context ? { context } : {}),
      ...(this.thesaurus ? { thesaurus: this.thesaurus } : {}),
      ...(this.relations ? { relations: this.relations } : {}),
      ...(this.stages.spelling && this.words?.complete
        ? { isRealWord: (t: string) => this.words!.has(t), nameOf: (t: string) => this.words!.nameOf(t) }
        : {}),
    });
    return { ...query, asked, corrections: spelled.corrections, unrecognised: spelled.unrecognised };
  }

  /** Retrieve the `k` best passages for a question, judged for answerability. */
  async retrieve(asked: string, options: { context?: string; k?: number } = {}): Promise<Retrieval> {
    const k = options.k ?? 8;
    const query = this.analyze(asked, options.context);
    const terms = query.lexicalTerms;
    // a long question is mostly story: the clause that asks gets a lexical leg of its own
    const asking = this.stages.lexical && query.long ? this.askingTerms(query) : [];
    // the legs run side by side: with the index in a database each is a round trip
    const [lexical, vector, askingLeg] = await Promise.all([
      this.stages.lexical && terms.length > 0 ? this.lexicalLeg(terms) : undefined,
      this.stages.vector ? this.vectorLeg(query, options.context) : undefined,
      asking.length > 0 ? this.index.lexicalSearch(asking, this.candidates) : undefined,
    ]);
    const legs: LegHit[][] = [];
    if (lexical) legs.push(lexical);
    if (vector) legs.push(vector);
    if (askingLeg) legs.push(askingLeg);
    const fused = reciprocalRankFusion(legs);
    const chunks = await this.index.chunksById(fused.map((h) => h.id));
    const passages = this.score(query, fused, chunks);
    const evidence = gatherEvidence(query, passages, this.analyzer, this.cache);
    return {
      query,
      passages: passages.slice(0, k),
      decision: decideAnswerability(query, passages, evidence, this.model),
    };
  }

  /**
   * The lexical leg: BM25F for the question's terms; with `expand`, searched again with the rare terms
   * its top hits share added (pseudo-relevance feedback) when those bring a term the index knows.
   */
  private async lexicalLeg(terms: WeightedTerm[]): Promise<LegHit[]> {
    const first = await this.index.lexicalSearch(terms, this.candidates);
    if (!this.stages.expand || first.length === 0) return first;
    const top = first.slice(0, WEIGHTS.feedback.hits);
    const chunks = await this.index.chunksById(top.map((h) => h.id));
    const added = this.feedbackTerms(top, terms, chunks);
    const known = new Set(terms.map((t) => t.term));
    const news = added.some((t) => t.weight > 0 && !known.has(t.term) && this.index.documentFrequency(t.term) > 0);
    return news ? this.index.lexicalSearch([...terms, ...added], this.candidates) : first;
  }

  private async vectorLeg(query: QueryAnalysis, context: string | undefined): Promise<LegHit[]> {
    const vectorText = [query.text, context ?? '', ...this.expansionWords(query)].join(' ').trim();
    return this.index.vectorSearch(await this.embedder.embedQuery(vectorText), this.candidates);
  }

  private score(query: QueryAnalysis, fused: FusedHit[], chunks: ReadonlyMap<string, Chunk>): Passage[] {
    const best = fused[0]?.fused ?? 1;
    const lexLeg = this.stages.lexical ? 0 : -1;
    const vecLeg = this.stages.vector ? (this.stages.lexical ? 1 : 0) : -1;
    const featuresOf = rerankFeatures(query);
    const out: Passage[] = [];
    for (const hit of fused) {
      const chunk = chunks.get(hit.id);
      if (!chunk) continue;
      const features = featuresOf(this.cache.get(chunk), hit.fused / best);
      // a contact question is answered by the passage that gives a phone number or an e-mail, whatever else ranks
      const score =
        rerankScore(features, this.weights) +
        (query.type === 'contact' ? WEIGHTS.rerank.contactLine * features.typeFit : 0);
      out.push({
        chunk,
        score,
        scores: {
          fused: hit.fused,
          ...(lexLeg >= 0 && hit.scores[lexLeg] !== undefined
            ? { bm25: hit.scores[lexLeg], bm25Rank: hit.ranks[lexLeg] }
            : {}),
          ...(vecLeg >= 0 && hit.scores[vecLeg] !== undefined
            ? { vector: hit.scores[vecLeg], vectorRank: hit.ranks[vecLeg] }
            : {}),
          ...(this.stages.rerank ? { rerank: score } : {}),
        },
        features: { ...features },
      });
    }
    if (this.stages.rerank) out.sort((a, b) => b.score - a.score || b.scores.fused - a.scores.fused);
    return out;
  }

  /** Pseudo-relevance feedback: rare terms shared by the top lexical hits, at low weight. */
  private feedbackTerms(hits: LegHit[], have: WeightedTerm[], chunks: ReadonlyMap<string, Chunk>): WeightedTerm[] {
    const known = new Set(have.map((t) => t.term));
    const counts = new Map<string, number>();
    for (const hit of hits.slice(0, WEIGHTS.feedback.hits)) {
      const chunk = chunks.get(hit.id);
      if (!chunk) continue;
      for (const term of this.cache.get(chunk).body) {
        if (known.has(term) || term.length < 4 || /^\d+$/.test(term)) continue;
        counts.set(term, (counts.get(term) ?? 0) + 1);
      }
    }
    return [...counts.entries()]
      .filter(([, n]) => n >= WEIGHTS.feedback.minHits)
      .map(([term, n]) => ({ term, score: n * this.index.idf(term) }))
      .sort((a, b) => b.score - a.score || a.term.localeCompare(b.term))
      .slice(0, WEIGHTS.feedback.terms)
      .map(({ term }) => ({ term, weight: WEIGHTS.feedback.weight, origin: 'feedback' as const }));
  }

  /** The lexical terms of the words in a long question's asking clause (none when the whole question asks). */
  private askingTerms(query: QueryAnalysis): WeightedTerm[] {
    if (!query.groups.some((g) => g.story)) return [];
    return [...lexicalTermsOf(query.groups.filter((g) => !g.context && !g.story)).values()];
  }

  /** Danish words from synonyms and the glossary, so the embedder sees them too. */
  private expansionWords(query: QueryAnalysis): string[] {
    if (!this.stages.expand) return [];
    return query.groups.flatMap((g) => g.members.filter((m) => m.credit >= WEIGHTS.credit.embedded).map((m) => m.term));
  }
}
