import { parentPort, workerData } from 'node:worker_threads';
import { chunkDocument } from '../../corpus/chunk.js';
import type { Document } from '../../corpus/types.js';
import { defaultEmbedText } from '../../index/build.js';
import { createLocalEmbedder } from '../../index/local-embedder.js';
import { createDanishAnalyzer } from '../../text/index.js';

/** What the parent sends each worker at start. */
export interface WorkerSetup {
  dimensions: number;
}

/** A batch of documents to chunk and embed. */
export interface WorkerTask {
  id: number;
  documents: Document[];
}

/** The prepared documents of one batch; `vectors` holds every chunk of the batch in order. */
export interface WorkerResult {
  id: number;
  docs: { docId: string; hash: string; chunks: ReturnType<typeof chunkDocument> }[];
  vectors: Float32Array;
}

const setup = workerData as WorkerSetup;
const embedder = createLocalEmbedder(createDanishAnalyzer(), { dimensions: setup.dimensions });
parentPort!.postMessage({ ready: embedder.id });

parentPort!.on('message', async (task: WorkerTask) => {
  try {
    const docs = task.documents.map((doc) => ({ docId: doc.docId, hash: doc.hash, chunks: chunkDocument(doc) }));
    const texts = docs.flatMap((d) => d.chunks.map(defaultEmbedText));
    const vectors = new Float32Array(texts.length * setup.dimensions);
    const embedded = await embedder.embedDocuments(texts);
    embedded.forEach((v, i) => {
      vectors.set(v, i * setup.dimensions);
    });
    const result: WorkerResult = { id: task.id, docs, vectors };
    parentPort!.postMessage(result, [vectors.buffer]);
  } catch (err) {
    parentPort!.postMessage({ id: task.id, error: err instanceof Error ? err.message : String(err) });
  }
});
