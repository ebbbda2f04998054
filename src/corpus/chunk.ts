import type { Heading, Root, RootContent } from 'mdast';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { liftBigTables, TABLE_MARKER } from './big-tables.js';
import { capLength } from './cap-length.js';
import { tameNesting } from './tame-nesting.js';
import { splitSentences } from '../text/sentences.js';
import { type Block, inlineText, linesBlock, renderBlocks, type Unit } from './render-blocks.js';
import { slugify } from './slug.js';
import type { Chunk, Document } from './types.js';

/** Sizes that shape chunks, in characters of rendered text. */
export interface ChunkOptions {
  /** Aim for chunks about this long; content is packed up to it. Default 700. */
  targetChars?: number;
  /**
   * A block (paragraph, list, table) up to this long is never split, and no chunk is longer: a longer
   * sentence or line is cut between words. Default 1200.
   */
  maxChars?: number;
}

/** Anchor of the text before the first heading. */
export const INTRO_ANCHOR = 'intro';
const DEFAULT_TARGET = 700;
const DEFAULT_MAX = 1200;

const markdownParser = unified().use(remarkParse).use(remarkGfm);

interface Section {
  path: string[];
  anchor: string;
  blocks: Block[];
}

interface Piece extends Unit {
  /** Separator placed before this piece when it follows another in the same chunk. */
  sep: string;
}

/**
 * Split a document into heading-aware chunks. Each section (text under one heading, H2 › H3 …) is
 * packed into chunks of about `targetChars`; a long section is split between blocks, then between
 * list items/table rows/sentences, and a sentence longer than `maxChars` between words, so no chunk
 * is longer than `maxChars`. Anchors are the slug of the section's heading (`-2`, `-3` for a repeated
 * heading, `--2`, `--3` for a section's later parts), so an edit in one section leaves other sections'
 * ids alone. Never throws on odd Markdown.
 */
export function chunkDocument(doc: Document, options: ChunkOptions = {}): Chunk[] {
  const target = Math.max(50, options.targetChars ?? DEFAULT_TARGET);
  const max = Math.max(target, options.maxChars ?? DEFAULT_MAX);
  const lineOffset = (doc.bodyLine ?? 1) - 1;
  const chunks: Chunk[] = [];
  for (const section of sections(parseMarkdown(doc.body))) {
    const parts = pack(section.blocks, target, max);
    parts.forEach((part, i) => {
      const anchor = i === 0 ? section.anchor : `${section.anchor}--${i + 1}`;
      chunks.push({
        id: `${doc.docId}#${anchor}`,
        docId: doc.docId,
        anchor,
        ordinal: chunks.length,
        title: doc.meta.title,
        kind: doc.meta.kind,
        sectionPath: section.path,
        section: section.path.join(' › '),
        text: part.map((p, j) => (j === 0 ? p.text : p.sep + p.text)).join(''),
        line: part[0]!.line + lineOffset,
        ...(doc.meta.language === 'en' ? { language: 'en' as const } : {}),
      });
    });
  }
  return chunks;
}

interface Parsed {
  root: Root;
  /** Rows of the big tables lifted out before parsing, by the line of the paragraph that marks each. */
  tables: Map<number, Unit[]>;
}

function parseMarkdown(body: string): Parsed {
  const lifted = liftBigTables(tameNesting(body.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n')).text);
  return { root: markdownParser.parse(lifted.text), tables: lifted.byLine };
}

/** The document's sections in order; a heading without its own text gives a section without blocks. */
function sections({ root, tables }: Parsed): Section[] {
  const out: Section[] = [];
  const used = new Set<string>([INTRO_ANCHOR]);
  const stack: Array<{ depth: number; text: string }> = [];
  let current: Section = { path: [], anchor: INTRO_ANCHOR, blocks: [] };
  out.push(current);
  for (const node of root.children) {
    if (node.type === 'heading') {
      const heading = node as Heading;
      const text = inlineText(heading.children);
      while (stack.length && stack[stack.length - 1]!.depth >= heading.depth) stack.pop();
      stack.push({ depth: heading.depth, text });
      current = { path: stack.map((h) => h.text), anchor: uniqueAnchor(slugify(text), used), blocks: [] };
      out.push(current);
    } else {
      const rows = liftedRows(node, tables);
      current.blocks.push(...(rows ? linesBlock(rows, node.position?.start.line ?? 1) : renderBlocks(node)));
    }
  }
  return out.filter((s) => s.blocks.length > 0);
}

/** The rows of the big table a marker paragraph stands for, or undefined for any other node. */
function liftedRows(node: RootContent, tables: Map<number, Unit[]>): Unit[] | undefined {
  if (node.type !== 'paragraph' || !node.position) return undefined;
  const rows = tables.get(node.position.start.line);
  return rows && inlineText(node.children) === TABLE_MARKER ? rows : undefined;
}

function uniqueAnchor(slug: string, used: Set<string>): string {
  let anchor = slug;
  for (let n = 2; used.has(anchor); n++) anchor = `${slug}-${n}`;
  used.add(anchor);
  return anchor;
}

/** Pack a section's blocks into chunks (each a list of pieces). */
function pack(blocks: readonly Block[], target: number, max: number): Piece[][] {
  const pieces: Piece[] = [];
  for (const block of blocks) pieces.push(...blockPieces(block, max));
  const chunks: Piece[][] = [];
  let cur: Piece[] = [];
  let len = 0;
  for (const piece of pieces) {
    const added = piece.sep.length + piece.text.length;
    if (cur.length > 0 && len + added > target) {
      chunks.push(cur);
      cur = [];
      len = 0;
    }
    len += cur.length === 0 ? piece.text.length : added;
    cur.push(piece);
  }
  if (cur.length) chunks.push(cur);
  // Fold a small last part back into the previous one when that stays within `max`.
  if (chunks.length >= 2) {
    const last = chunks[chunks.length - 1]!;
    const prev = chunks[chunks.length - 2]!;
    if (size(last) < target / 4 && size(prev) + size(last) + last[0]!.sep.length <= max) {
      prev.push(...last);
      chunks.pop();
    }
  }
  return chunks;
}

function size(part: readonly Piece[]): number {
  return part.reduce((n, p, i) => n + p.text.length + (i === 0 ? 0 : p.sep.length), 0);
}

/**
 * A block as one piece when it fits `max`, else as its units; a unit longer than `max` is split into
 * sentences, and a sentence longer than `max` between words (inside a word only when one word is
 * that long), so no piece, and no chunk, is longer than `max`.
 */
function blockPieces(block: Block, max: number): Piece[] {
  if (block.text.length <= max) return [{ text: block.text, line: block.line, sep: '\n\n' }];
  const { units, sep } = block.pieces();
  const out: Piece[] = [];
  for (const unit of units) {
    if (unit.text.length <= max) {
      out.push({ ...unit, sep: out.length === 0 ? '\n\n' : sep });
      continue;
    }
    // units joined by ' ' are sentences already
    const sentences = sep === ' ' ? [unit.text] : splitSentences(unit.text);
    sentences.forEach((sentence, i) => {
      capLength(sentence, max).forEach((part, j) => {
        const before = j > 0 ? part.sep : i === 0 ? sep : ' ';
        out.push({ text: part.text, line: unit.line, sep: out.length === 0 ? '\n\n' : before });
      });
    });
  }
  return out;
}
