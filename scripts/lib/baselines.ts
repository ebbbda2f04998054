import { create, insertMultiple, search } from '@orama/orama';
import { stemmer as danishStemmer } from '@orama/stemmers/danish';
import MiniSearch from 'minisearch';
import type { Helpdesk } from '../../src/answer/helpdesk.js';
import type { EvalQuestion } from './eval-questions.js';
import type { RankedPassage } from './passage-hit.js';

/** A search engine a user could pick instead of ours, over exactly our chunks. */
export interface Baseline {
  name: string;
  /** The top `k` chunks for a query, best first. */
  search(query: string, k: number): Promise<RankedPassage[]>;
}

interface Doc {
  id: string;
  docId: string;
  title: string;
  section: string;
  text: string;
}

/** Every chunk the help desk serves, as plain records. */
export async function chunksOf(helpdesk: Helpdesk): Promise<Doc[]> {
  const rendered = await Promise.all(helpdesk.documents().map((meta) => helpdesk.document(meta.docId)));
  return helpdesk.documents().flatMap((meta, i) =>
    (rendered[i]?.sections ?? []).map((s) => ({
      id: s.chunkId,
      docId: meta.docId,
      title: meta.title,
      section: s.section,
      text: s.text,
    })),
  );
}

const ranked = (d: Doc): RankedPassage => ({ docId: d.docId, text: `${d.title}. ${d.section}. ${d.text}` });

/** MiniSearch with its default options (no fuzzy, no prefix, no stemming) over title, section and text. */
export function miniSearchBaseline(docs: Doc[]): Baseline {
  const byId = new Map(docs.map((d) => [d.id, d]));
  const engine = new MiniSearch<Doc>({ fields: ['title', 'section', 'text'] });
  engine.addAll(docs);
  return {
    name: 'MiniSearch (defaults)',
    async search(query, k) {
      return engine
        .search(query)
        .slice(0, k)
        .map((r) => ranked(byId.get(String(r.id))!));
    },
  };
}

/** Orama full-text search with its Danish tokenizer and Snowball stemmer over title, section and text. */
export async function oramaBaseline(docs: Doc[]): Promise<Baseline> {
  const byId = new Map(docs.map((d) => [d.id, d]));
  const db = create({
    schema: { title: 'string', section: 'string', text: 'string' } as const,
    components: { tokenizer: { language: 'danish', stemming: true, stemmer: danishStemmer } },
  });
  await insertMultiple(
    db,
    docs.map((d) => ({ id: d.id, title: d.title, section: d.section, text: d.text })),
  );
  return {
    name: 'Orama (Danish stemmer)',
    async search(query, k) {
      const result = await search(db, { term: query, limit: k });
      return result.hits.map((h) => ranked(byId.get(String(h.id))!));
    },
  };
}

/** What a baseline is asked: the question, after the earlier user turns for a follow-up (the fairest plain use). */
export function baselineQuery(q: EvalQuestion): string {
  const earlier = (q.history ?? []).filter((t) => t.role === 'user').map((t) => t.content);
  return [...earlier, q.question].join(' ');
}
