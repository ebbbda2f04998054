import type { Chunk } from '../../corpus/types.js';
import { HelpdeskError } from '../../errors.js';
import { defaultEmbedText } from '../../index/build.js';
import type { Embedder } from '../../index/embedder.js';
import type { VectorStore } from '../../index/vector-store.js';

/** What was last uploaded to a vector index: the embedder and each chunk's content hash. */
export interface SyncState {
  embedderId: string;
  /** chunk id → SHA-256 (hex) of the text that was embedded. */
  chunks: Record<string, string>;
}

/** Where the uploaded state is kept (D1 in production, a JSON file for dry runs). */
export interface SyncLedger {
  read(): Promise<SyncState | undefined>;
  /** Records chunks as uploaded (id → hash) for `embedderId`. */
  record(embedderId: string, entries: { id: string; docId: string; hash: string }[]): Promise<void>;
  /** Forgets chunks (after their vectors were deleted). */
  forget(ids: string[]): Promise<void>;
}

/** The changes that bring a vector index in line with the chunks. */
export interface SyncPlan {
  embedderId: string;
  /** Chunks to embed and upsert: new, changed, or all when the embedder changed. */
  upsert: { chunk: Chunk; hash: string }[];
  /** Chunk ids in the index that are no longer in the corpus. */
  delete: string[];
  unchanged: number;
  /** Why everything is re-uploaded, in Danish, when it is. */
  reason?: string;
}

/** SHA-256 (hex) of the text a chunk is embedded from. */
export async function chunkHash(chunk: Chunk, embedText: (chunk: Chunk) => string = defaultEmbedText): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(embedText(chunk)));
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * Compares the chunks with what was last uploaded: unchanged chunks are left
 * alone, new and changed ones upserted, vanished ones deleted. A different
 * embedder re-uploads everything.
 */
export async function planIndexSync(
  chunks: readonly Chunk[],
  previous: SyncState | undefined,
  embedderId: string,
): Promise<SyncPlan> {
  const reason =
    previous === undefined
      ? 'intet tidligere upload'
      : previous.embedderId !== embedderId
        ? `embedderen er skiftet fra ${previous.embedderId} til ${embedderId}`
        : undefined;
  const before = reason === undefined && previous ? previous.chunks : {};
  const upsert: SyncPlan['upsert'] = [];
  const seen = new Set<string>();
  let unchanged = 0;
  for (const chunk of chunks) {
    seen.add(chunk.id);
    const hash = await chunkHash(chunk);
    if (before[chunk.id] === hash) unchanged++;
    else upsert.push({ chunk, hash });
  }
  const remove = Object.keys(previous?.chunks ?? {}).filter((id) => !seen.has(id));
  return { embedderId, upsert, delete: remove.sort(), unchanged, ...(reason ? { reason } : {}) };
}

/** Progress of `applyIndexSync`. */
export interface SyncProgress {
  phase: 'upsert' | 'delete';
  done: number;
  total: number;
}

/**
 * Carries a plan out: embeds and upserts in batches (recording each batch in
 * the ledger right after it is uploaded), then deletes and forgets removed
 * chunks. Safe to re-run after a failure: upserts replace, deletes ignore
 * unknown ids, and the ledger only holds what was uploaded.
 */
export async function applyIndexSync(
  plan: SyncPlan,
  target: { embedder: Embedder; store: VectorStore; ledger: SyncLedger; onProgress?: (p: SyncProgress) => void },
): Promise<void> {
  const { embedder, store, ledger } = target;
  if (embedder.id !== plan.embedderId) {
    throw new HelpdeskError(
      'config_invalid',
      `Planen er lavet for ${plan.embedderId}, men embedderen er ${embedder.id}.`,
    );
  }
  const batch = Math.max(1, Math.min(embedder.maxBatch, store.maxBatch));
  for (let start = 0; start < plan.upsert.length; start += batch) {
    const slice = plan.upsert.slice(start, start + batch);
    const vectors = await embedder.embedDocuments(slice.map((u) => defaultEmbedText(u.chunk)));
    await store.upsert(slice.map((u, i) => ({ id: u.chunk.id, vector: vectors[i]! })));
    await ledger.record(
      plan.embedderId,
      slice.map((u) => ({ id: u.chunk.id, docId: u.chunk.docId, hash: u.hash })),
    );
    target.onProgress?.({ phase: 'upsert', done: start + slice.length, total: plan.upsert.length });
  }
  const step = 1000;
  for (let start = 0; start < plan.delete.length; start += step) {
    const slice = plan.delete.slice(start, start + step);
    await store.delete(slice);
    await ledger.forget(slice);
    target.onProgress?.({ phase: 'delete', done: start + slice.length, total: plan.delete.length });
  }
}
