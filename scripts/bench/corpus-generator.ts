import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  ADJECTIVES,
  COMPOUND_HEADS,
  COMPOUND_TAILS,
  CONNECTIVES,
  FAQ_QUESTIONS,
  HEADINGS,
  MUNICIPALITIES,
  NOUNS,
  ORGANISATIONS,
  QUESTION_PATTERNS,
  VERBS,
} from './words.js';

/** Bump when the generated text changes, so cached corpora are regenerated. */
export const GENERATOR_VERSION = 1;

/** Named corpus sizes (approximate chunk counts). */
export const SIZES: Record<string, number> = {
  '200': 200,
  '1k': 1_000,
  '10k': 10_000,
  '100k': 100_000,
  '1M': 1_000_000,
};

/** Chunk count for a size name (`10k`, `1M`) or a plain number. */
export function parseSize(size: string): number {
  const named = SIZES[size];
  if (named !== undefined) return named;
  const m = /^(\d+(?:\.\d+)?)([kKmM]?)$/.exec(size.trim());
  if (!m) throw new Error(`Ukendt størrelse "${size}": brug fx 1k, 10k, 100k, 1M eller et tal.`);
  const factor = m[2] === '' ? 1 : m[2]!.toLowerCase() === 'k' ? 1_000 : 1_000_000;
  return Math.round(Number(m[1]) * factor);
}

/** What a generation run produced. */
export interface CorpusManifest {
  generatorVersion: number;
  seed: number;
  targetChunks: number;
  documents: number;
  /** Expected chunks (one per section, two for long sections, one per intro). */
  expectedChunks: number;
  bytes: number;
  /** Corpus-relative path of every document, in generation order (the first few only, for edits). */
  samplePaths: string[];
  questions: string[];
}

export interface GenerateOptions {
  /** Approximate number of chunks. */
  chunks: number;
  /** Output folder (the corpus root); emptied first. */
  dir: string;
  /** PRNG seed; default 42. */
  seed?: number;
  /** Generated questions for latency runs; default 300. */
  questions?: number;
}

/** A small fast seeded PRNG (mulberry32): the same seed gives the same corpus. */
export function createRandom(seed: number) {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (min: number, max: number): number => min + Math.floor(next() * (max - min + 1)),
    pick: <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)]!,
    chance: (p: number): boolean => next() < p,
  };
}
type Random = ReturnType<typeof createRandom>;

const KINDS = ['guide', 'case', 'advice', 'event', 'faq'] as const;
type Kind = (typeof KINDS)[number];

/** A compound noun, sometimes inflected (definite singular or plural). */
function compound(r: Random, inflect = true): string {
  let head: string = r.pick(COMPOUND_HEADS);
  const tail: string = r.pick(COMPOUND_TAILS);
  // a few three-part compounds: velfærdsteknologi + projekt + leder
  if (r.chance(0.08)) head += r.pick(COMPOUND_TAILS) === 'data' ? 'data' : 's';
  const word = head.endsWith('s') && tail.startsWith('s') ? head + tail.slice(1) : head + tail;
  if (!inflect || r.chance(0.55)) return word;
  const ending = r.pick(['en', 'erne', 'et', 's']);
  if (word.endsWith('e')) return word + (ending === 'erne' ? 'rne' : ending === 'en' ? 'n' : ending === 'et' ? 't' : 's');
  return word + ending;
}

function noun(r: Random, form: 0 | 1 | 2): string {
  return r.pick(NOUNS)[form];
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function fill(r: Random, pattern: string, topic: string): string {
  return pattern
    .replaceAll('{c2}', compound(r, false))
    .replaceAll('{c}', topic)
    .replaceAll('{m}', r.pick(MUNICIPALITIES))
    .replaceAll('{n}', noun(r, 2));
}

/** One Danish-like sentence about `topic`. */
function sentence(r: Random, topic: string): string {
  const c = () => (r.chance(0.35) ? topic : compound(r));
  switch (r.int(0, 8)) {
    case 0:
      return `${capitalise(noun(r, 2))} ${r.pick(VERBS)} ${r.pick(ADJECTIVES)} ${c()} sammen med ${noun(r, 2)}.`;
    case 1:
      return `${r.pick(CONNECTIVES)} ${r.pick(VERBS)} ${noun(r, 1)} en ${c()}, så ${noun(r, 2)} får ${r.pick(ADJECTIVES)} ${noun(r, 2)}.`;
    case 2:
      return `I ${r.pick(MUNICIPALITIES)} Kommune ${r.pick(VERBS)} man en ${c()} med fokus på ${c()}.`;
    case 3:
      return `Det er vigtigt, at ${noun(r, 1)} ${r.pick(VERBS)} ${c()} tidligt i ${noun(r, 1)}.`;
    case 4:
      return `${capitalise(c())} kræver ${r.pick(ADJECTIVES)} aftaler om ${c()} og ${noun(r, 2)}.`;
    case 5:
      return `Ifølge ${r.pick(ORGANISATIONS)} ${r.pick(VERBS)} ${r.int(3, 98)} kommuner allerede ${c()}.`;
    case 6:
      return `Når ${noun(r, 2)} og ${noun(r, 2)} mødes om ${c()}, bliver ${noun(r, 1)} ofte mere ${r.pick(['klar', 'konkret', 'realistisk', 'ambitiøs'])}.`;
    case 7:
      return `${capitalise(noun(r, 1))} bør afsætte ${r.int(2, 40)} timer om ugen til ${c()} i ${r.pick(['opstartsfasen', 'testfasen', 'driftsfasen', 'evalueringen'])}.`;
    default:
      return `${r.pick(CONNECTIVES)} kan ${noun(r, 2)} bruge ${c()} til at ${r.pick(['spare tid', 'styrke kvaliteten', 'dele viden', 'mindske spild', 'skabe vækst'])}.`;
  }
}

function paragraph(r: Random, topic: string, chars: number): string {
  const parts: string[] = [];
  let length = 0;
  do {
    const s = sentence(r, topic);
    parts.push(s);
    length += s.length + 1;
  } while (length < chars);
  return parts.join(' ');
}

function list(r: Random, topic: string): string {
  const items: string[] = [];
  for (let i = r.int(3, 5); i > 0; i--) {
    items.push(
      r.chance(0.5)
        ? `- **${capitalise(compound(r, false))}:** ${r.pick(VERBS)} ${r.pick(ADJECTIVES)} ${noun(r, 2)}.`
        : `- ${capitalise(r.pick(VERBS))} ${r.chance(0.5) ? topic : compound(r)} med ${noun(r, 2)}`,
    );
  }
  return r.chance(0.3) ? items.map((item, i) => item.replace(/^- /, `${i + 1}. `)).join('\n') : items.join('\n');
}

function table(r: Random): string {
  const rows = [
    '| Fase | Ansvarlig | Varighed |',
    '| --- | --- | --- |',
  ];
  for (let i = r.int(2, 4); i > 0; i--) {
    rows.push(`| ${capitalise(compound(r, false))} | ${capitalise(noun(r, 1))} | ${r.int(1, 12)} uger |`);
  }
  return rows.join('\n');
}

/** A section body that renders to one chunk (below the chunker's 700-character target), or two when `long`. */
function sectionBody(r: Random, topic: string, long: boolean): string {
  if (long) return `${paragraph(r, topic, r.int(420, 560))}\n\n${paragraph(r, topic, r.int(300, 520))}`;
  const roll = r.next();
  if (roll < 0.2) return `${paragraph(r, topic, r.int(120, 300))}\n\n${list(r, topic)}`;
  if (roll < 0.3) return `${paragraph(r, topic, r.int(100, 260))}\n\n${table(r)}`;
  return paragraph(r, topic, r.int(60, 480));
}

function title(r: Random, kind: Kind, topic: string): string {
  switch (kind) {
    case 'guide':
      return `Guide: ${capitalise(topic)} i ${r.pick(ADJECTIVES)} kommuner`;
    case 'case':
      return `${r.pick(MUNICIPALITIES)} Kommune: ${r.pick(ADJECTIVES)} ${topic} på ${noun(r, 2)}`;
    case 'advice':
      return `Råd om ${topic} til ${noun(r, 2)}`;
    case 'event':
      return `${capitalise(topic)}-dag i ${r.pick(MUNICIPALITIES)}`;
    default:
      return `Spørgsmål og svar om ${topic}`;
  }
}

function asciiSlug(text: string): string {
  return text
    .toLowerCase()
    .replace(/æ/g, 'ae')
    .replace(/ø/g, 'oe')
    .replace(/å/g, 'aa')
    .normalize('NFD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 48)
    .replace(/-+$/, '');
}

function yamlString(text: string): string {
  return JSON.stringify(text);
}

interface GeneratedDocument {
  path: string;
  content: string;
  chunks: number;
  topics: string[];
}

/** One document: frontmatter, optional intro, H2 sections with some H3 subsections. */
export function generateDocument(r: Random, n: number, maxChunks: number): GeneratedDocument {
  const kind = KINDS[n % KINDS.length]!;
  const topic = compound(r, false);
  const docTitle = title(r, kind, topic);
  const slug = `${kind}-${n}-${asciiSlug(docTitle)}`;
  const month = String(r.int(1, 12)).padStart(2, '0');
  const day = String(r.int(1, 28)).padStart(2, '0');
  const tags = [kind, asciiSlug(topic), asciiSlug(r.pick(MUNICIPALITIES))];
  const lines = [
    '---',
    `title: ${yamlString(docTitle)}`,
    `kind: ${kind}`,
    `summary: ${yamlString(sentence(r, topic))}`,
    `tags: [${tags.join(', ')}]`,
    'source:',
    `  organisation: ${yamlString(r.pick(ORGANISATIONS))}`,
    `  title: ${yamlString(`${capitalise(compound(r, false))} og ${compound(r, false)}`)}`,
    `  url: "https://example.org/opi/${slug}"`,
    `  date: "20${r.int(15, 24)}-${month}-${day}"`,
    `updated: "2025-${month}-${day}"`,
    'language: da',
    '---',
    '',
  ];
  let chunks = 0;
  const topics = [topic];
  if (r.chance(0.3)) {
    lines.push(paragraph(r, topic, r.int(80, 300)), '');
    chunks++;
  }
  // varied lengths: mostly 4–10 sections, a few very long documents
  const sections = Math.min(maxChunks - chunks, r.chance(0.1) ? r.int(12, 30) : r.int(3, 10));
  let h2 = 0;
  while (chunks < Math.max(1, sections)) {
    const sectionTopic = r.chance(0.5) ? topic : compound(r, false);
    topics.push(sectionTopic);
    const depth = h2 > 0 && r.chance(0.3) ? 3 : 2;
    if (depth === 2) h2++;
    const pattern = kind === 'faq' ? r.pick(FAQ_QUESTIONS) : r.pick(HEADINGS);
    lines.push(`${'#'.repeat(depth)} ${fill(r, pattern, sectionTopic)}`, '');
    const long = chunks + 2 <= sections && r.chance(0.12);
    lines.push(sectionBody(r, sectionTopic, long), '');
    chunks += long ? 2 : 1;
  }
  const bucket = String(Math.floor(n / 1000)).padStart(4, '0');
  return { path: `${kind}/${bucket}/${slug}.md`, content: lines.join('\n'), chunks, topics };
}

/** Questions in the style of real users, about topics that occur in the corpus. */
function questions(r: Random, topics: string[], count: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    const q = fill(r, r.pick(QUESTION_PATTERNS), r.pick(topics));
    out.push(capitalise(q));
  }
  return out;
}

/**
 * Write a deterministic corpus of about `chunks` chunks into `dir` (emptied
 * first), plus `bench-manifest.json` next to it with counts and questions.
 * Streams documents to disk, so 1M chunks never sit in memory at once.
 */
export function generateCorpus(options: GenerateOptions): CorpusManifest {
  const seed = options.seed ?? 42;
  const r = createRandom(seed);
  rmSync(options.dir, { recursive: true, force: true });
  const encoder = new TextEncoder();
  const madeDirs = new Set<string>();
  const topicSample: string[] = [];
  const samplePaths: string[] = [];
  let expected = 0;
  let bytes = 0;
  let n = 0;
  while (expected < options.chunks) {
    const doc = generateDocument(r, n, options.chunks - expected);
    const folder = join(options.dir, doc.path.slice(0, doc.path.lastIndexOf('/')));
    if (!madeDirs.has(folder)) {
      mkdirSync(folder, { recursive: true });
      madeDirs.add(folder);
    }
    writeFileSync(join(options.dir, doc.path), doc.content);
    bytes += encoder.encode(doc.content).length;
    expected += doc.chunks;
    if (samplePaths.length < 20) samplePaths.push(doc.path);
    // a reservoir of topics, so questions spread over the whole corpus
    for (const topic of doc.topics) {
      if (topicSample.length < 2000) topicSample.push(topic);
      else if (r.chance(0.01)) topicSample[r.int(0, topicSample.length - 1)] = topic;
    }
    n++;
  }
  const manifest: CorpusManifest = {
    generatorVersion: GENERATOR_VERSION,
    seed,
    targetChunks: options.chunks,
    documents: n,
    expectedChunks: expected,
    bytes,
    samplePaths,
    questions: questions(createRandom(seed + 1), topicSample, options.questions ?? 300),
  };
  writeFileSync(manifestPath(options.dir), JSON.stringify(manifest, null, 2));
  return manifest;
}

/** Where the manifest of a generated corpus lives (beside the corpus folder). */
export function manifestPath(dir: string): string {
  return `${dir.replace(/\/+$/, '')}.manifest.json`;
}

/** The manifest of an existing generated corpus if it matches these options, else undefined. */
export function existingCorpus(options: GenerateOptions): CorpusManifest | undefined {
  try {
    const m = JSON.parse(readFileSync(manifestPath(options.dir), 'utf8')) as CorpusManifest;
    const ok =
      m.generatorVersion === GENERATOR_VERSION &&
      m.seed === (options.seed ?? 42) &&
      m.targetChunks === options.chunks &&
      m.questions.length === (options.questions ?? 300);
    return ok ? m : undefined;
  } catch {
    return undefined;
  }
}

/** Reuse a matching generated corpus or generate it. */
export function ensureCorpus(options: GenerateOptions): { manifest: CorpusManifest; generatedMs: number } {
  const existing = existingCorpus(options);
  if (existing) return { manifest: existing, generatedMs: 0 };
  const started = performance.now();
  const manifest = generateCorpus(options);
  return { manifest, generatedMs: performance.now() - started };
}
