import type { Chunk, Document } from '../../src/corpus/types.js';
import type { Embedder } from '../../src/index/embedder.js';
import type { RetrievalIndex } from '../../src/retrieval/retrieval-index.js';
import { fnv1a } from '../../src/text/hash.js';

/** One chunk of a guide titled "Titel", section "Afsnit", holding `text` (anchor `a` unless given). */
export function makeChunk(text: string, anchor = 'a'): Chunk {
  return {
    id: `doc#${anchor}`,
    docId: 'doc',
    anchor,
    ordinal: 0,
    title: 'Titel',
    kind: 'guide',
    sectionPath: ['Afsnit'],
    section: 'Afsnit',
    text,
    line: 1,
  };
}

/** A corpus document with a body of `## heading` sections; the hash follows the content. */
export function makeDocument(
  docId: string,
  title: string,
  body: string,
  kind: Document['meta']['kind'] = 'guide',
): Document {
  return {
    docId,
    path: `${kind}/${docId}.md`,
    meta: {
      title,
      kind,
      summary: `Resumé af ${title}`,
      tags: [],
      source: { organisation: 'Testorganisation', title: 'Testkilde' },
      updated: '2024-01-01',
      language: 'da',
    },
    body,
    hash: simpleHash(`${title}\n${body}`),
  };
}

function simpleHash(text: string): string {
  return (fnv1a(text) >>> 0).toString(16);
}

/** A stand-in chunker: one chunk per `## ` section (text before the first heading included). */
export function chunkByHeadings(doc: Document): Chunk[] {
  const parts = doc.body.split(/^## /m);
  const chunks: Chunk[] = [];
  parts.forEach((part, i) => {
    const [first, ...rest] = part.split('\n');
    const section = i === 0 ? '' : (first ?? '').trim();
    const text = (i === 0 ? part : rest.join('\n')).trim();
    if (text === '') return;
    const anchor = i === 0 ? 'intro' : section.toLowerCase().replace(/[^a-zæøå0-9]+/g, '-');
    chunks.push({
      id: `${doc.docId}#${anchor}`,
      docId: doc.docId,
      anchor,
      ordinal: chunks.length,
      title: doc.meta.title,
      kind: doc.meta.kind,
      sectionPath: section ? [section] : [],
      section,
      text,
      line: 1,
    });
  });
  return chunks;
}

/** Wraps an embedder and records every text it is asked to embed, per call. */
export function recordingEmbedder(inner: Embedder, maxBatch = inner.maxBatch): Embedder & { calls: string[][] } {
  const calls: string[][] = [];
  return {
    id: inner.id,
    dimensions: inner.dimensions,
    maxBatch,
    calls,
    async embedDocuments(texts: string[]) {
      calls.push([...texts]);
      return inner.embedDocuments(texts);
    },
    async embedQuery(text: string) {
      return inner.embedQuery(text);
    },
  };
}

/** A small OPI-flavoured corpus. */
export function sampleCorpus(): Document[] {
  return [
    makeDocument(
      'opi-guide',
      'Sådan starter I et OPI-samarbejde',
      'Offentlig-privat innovation handler om at udvikle nye løsninger sammen.\n## Før projektet\nAfklar behovet og find private partnere.\n## Aftalen\nEn samarbejdsaftale beskriver rettigheder og ejerskab.',
    ),
    makeDocument(
      'udbud',
      'Udbudsregler ved innovation',
      'Innovationspartnerskab er en udbudsprocedure.\n## Markedsdialog\nDialog med markedet før udbuddet er tilladt.',
      'advice',
    ),
    makeDocument(
      'velfaerd-case',
      'Velfærdsteknologi i kommunen',
      'Kommunen testede robotter i ældreplejen sammen med tre virksomheder.\n## Resultater\nMedarbejderne sparede tid på rutineopgaver.',
      'case',
    ),
  ];
}

/**
 * The part of a `RetrievalIndex` query analysis reads, over a set of analyzed terms: each term is in one chunk of
 * ten, every idf is `idf`.
 */
export function vocabularyIndex(terms: ReadonlySet<string>, idf = 1): RetrievalIndex {
  return {
    documentFrequency: (t: string) => (terms.has(t) ? 1 : 0),
    idf: () => idf,
    stats: () => ({ chunks: 10 }),
  } as unknown as RetrievalIndex;
}
