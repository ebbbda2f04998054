import { HelpdeskError } from '../../errors.js';
import type { VectorLayout } from '../../index/artifact.js';
import { type CompactHnswBuffers, CompactHnswGraph } from '../../index/compact-hnsw.js';
import { l2Norm } from '../../index/vector-checks.js';
import { gatherRows, type VectorRows } from '../../index/vector-rows.js';
import type { VectorHit } from '../../index/vector-store.js';
import { FileVectorRows } from './file-vector-rows.js';

/**
 * The compact search's default `ef` is hnswlib's (`defaultEfSearch`) times this: the int8 distances
 * lead the search a slightly different way, and with the same `ef` it found a little fewer true
 * neighbours (100k, 296 questions: recall@10 0.9449 against hnswlib's 0.9459). Fitted at 100k: 1.125
 * gives 0.9490 (recall@40 0.9547 against 0.9501) at about the same time per search; 1.25 gives
 * 0.9530 for ~10 % more time. Sensible range 1–1.5. An `ef` set with `setEfSearch` is used as it is.
 */
export const COMPACT_EF_FACTOR = 1.125;

/** The search `ef` used for `k` results unless one is set: max(4k, 64) (see the recall curve in docs/BENCHMARKS.md). */
export function defaultEfSearch(k: number): number {
  return Math.max(k * 4, 64);
}

/** A compact graph with what its search needs besides the graph. */
export interface CompactSearchable {
  graph: CompactHnswGraph;
  /** The row in `rows` of each element, −1 for elements of other versions; absent: none known. */
  rowOf?: Int32Array;
  /** The exact vectors the candidates are re-ranked with. */
  rows?: VectorRows;
}

/** How `compactSearch` names and filters what it finds. */
export interface CompactSearchOptions {
  /** Number of elements the caller owns (the most hits a search can return). */
  owned: number;
  /** The `ef` set for the store, if any (else hnswlib's default × `COMPACT_EF_FACTOR`). */
  efSearch?: number;
  /** The chunk id of element `e`. */
  idOf: (e: number) => string;
  /** Which elements may be returned; absent: all (the caller owns every element and none is deleted). */
  accept?: (e: number) => boolean;
}

/**
 * The compact graph's answer to a query: the search hnswlib would make (same `ef`), on int8
 * distances, then the candidates re-ranked by exact cosine with their rows. Without rows, or when
 * they cannot be read any more (the artifact was replaced under an older snapshot), the int8 order
 * stands. The store's `query` and a search worker's both run this, so their answers are the same.
 */
export function compactSearch(
  view: CompactSearchable,
  vector: number[] | Float32Array,
  k: number,
  options: CompactSearchOptions,
): VectorHit[] {
  const wanted = Math.min(k, options.owned);
  const length = l2Norm(vector);
  if (wanted === 0 || length === 0) return [];
  const query = Float32Array.from(vector, (x) => x / length);
  const ef = Math.max(wanted, options.efSearch ?? Math.ceil(defaultEfSearch(wanted) * COMPACT_EF_FACTOR));
  const { graph, rowOf, rows } = view;
  const found = graph.search(query, ef, options.accept);
  const hitOf = (e: number, score: number): VectorHit => ({ id: options.idOf(e), score });
  const exact = rows && rowOf ? exactScores(rows, rowOf, found.ids, query) : undefined;
  if (!exact) {
    const hits: VectorHit[] = [];
    for (let i = 0; i < found.ids.length && hits.length < wanted; i++) {
      hits.push(hitOf(found.ids[i]!, 1 - found.distances[i]!));
    }
    return hits;
  }
  const order = Array.from(found.ids.keys()).sort((a, b) => exact[b]! - exact[a]! || a - b);
  return order.slice(0, wanted).map((i) => hitOf(found.ids[i]!, exact[i]!));
}

/** What another thread needs to search a vector store's compact form (`HnswVectorStore.shareable`). */
export interface SharedVectorParts {
  graph: CompactHnswBuffers;
  /** Per element: its row in the index's chunks and vector rows, −1 for elements of other versions (shared). */
  rowOf: Int32Array;
  owned: number;
  /** True when every element is owned and none deleted (no filter needed). */
  ownsAll: boolean;
  efSearch?: number;
  /** Where the exact vector rows lie in the index file. */
  rows: { path: string; layout: VectorLayout; artifact: string };
}

/**
 * A vector store's `query` on another thread, over the same memory: the graph from its shared
 * buffers, hits named by the chunk table's ids (element e is chunk `rowOf[e]`), re-ranked with
 * rows read from the index file. Answers exactly as the store it came from.
 */
export class SharedVectorSearch {
  private readonly view: CompactSearchable;
  private readonly options: CompactSearchOptions;

  /** @param idAt the id of the chunk in row `row` (the index's chunk table) */
  constructor(parts: SharedVectorParts, idAt: (row: number) => string) {
    const graph = CompactHnswGraph.fromBuffers(parts.graph);
    const { rowOf } = parts;
    if (rowOf.length !== graph.count) {
      throw new HelpdeskError(
        'internal',
        `Vektorernes rækker (${rowOf.length}) passer ikke med grafen (${graph.count}).`,
      );
    }
    this.view = { graph, rowOf, rows: new FileVectorRows(parts.rows.path, parts.rows.layout, parts.rows.artifact) };
    this.options = {
      owned: parts.owned,
      ...(parts.efSearch !== undefined ? { efSearch: parts.efSearch } : {}),
      idOf: (e) => idAt(rowOf[e]!),
      ...(parts.ownsAll ? {} : { accept: (e: number) => rowOf[e]! >= 0 }),
    };
  }

  /** The `k` chunks nearest to `vector`, best first. */
  query(vector: number[] | Float32Array, k: number): VectorHit[] {
    return compactSearch(this.view, vector, k, this.options);
  }
}

/**
 * Exact cosine of `query` (unit length) with the rows of elements `ids`; undefined when the rows
 * cannot be read any more (their artifact was replaced: an older snapshot's last queries).
 */
function exactScores(
  rows: VectorRows,
  rowOf: Int32Array,
  ids: Int32Array,
  query: Float32Array,
): Float64Array | undefined {
  const dims = rows.dimensions;
  const list = new Int32Array(ids.length);
  for (let i = 0; i < ids.length; i++) list[i] = rowOf[ids[i]!]!;
  const vectors = new Float32Array(ids.length * dims);
  try {
    gatherRows(rows, list, vectors);
  } catch (err) {
    if (HelpdeskError.isInstance(err) && err.code === 'index_incompatible') return undefined;
    throw err;
  }
  const scores = new Float64Array(ids.length);
  for (let i = 0; i < ids.length; i++) {
    const offset = i * dims;
    let dot = 0;
    let norm = 0;
    for (let j = 0; j < dims; j++) {
      const x = vectors[offset + j]!;
      dot += x * query[j]!;
      norm += x * x;
    }
    scores[i] = norm > 0 ? dot / Math.sqrt(norm) : 0;
  }
  return scores;
}
