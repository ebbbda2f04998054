import { ADMONITION_LABELS } from './lexicon.js';
import { pairShortcodes, type ShortcodeParams, type ShortcodeToken, tokenizeShortcodes } from './shortcode-syntax.js';
import type { DocumentLanguage } from './types.js';

/** What `convertShortcodes` needs besides the text. */
export interface ShortcodeContext {
  /** Language of the labels written for admonitions ("Note:" or "Bemærk:"). */
  language: DocumentLanguage;
  /** The Markdown text of an included file (path as the include names it), or undefined when it is not in the source. */
  include?: (target: string) => string | undefined;
}

/** The text with its shortcodes turned into Markdown, and one warning per kind of loss. */
export interface ShortcodeResult {
  text: string;
  warnings: string[];
  /** Include targets that were inlined (as the include named them). */
  included: string[];
}

const MAX_INCLUDE_DEPTH = 5;

const ADMONITIONS = new Set([
  ...Object.keys(ADMONITION_LABELS),
  'alert',
  'notice',
  'callout',
  'admonition',
  'message',
  'panel',
  'pageinfo',
  'box',
  'well',
]);
const CODE = new Set(['code', 'highlight', 'codeblock', 'code-block', 'syntax', 'prism']);
const DIAGRAMS = new Set(['mermaid', 'katex', 'math', 'plantuml', 'chart', 'diagram']);
const FIGURES = new Set(['figure', 'img', 'image', 'imgproc', 'picture', 'screenshot']);
const TAB_GROUPS = new Set(['tabs', 'tabpane', 'tab-group', 'tabgroup', 'codetabs', 'code-tabs', 'tabset', 'tabbed']);
const TABS = new Set(['tab', 'tabitem', 'tab-item']);
const DETAILS = new Set(['details', 'expand', 'collapse', 'spoiler', 'accordion', 'toggle', 'disclosure']);
const INCLUDES = new Set([
  'include',
  'readfile',
  'include-file',
  'includefile',
  'include-md',
  'insert',
  'embed',
  'import',
  'snippet',
]);
const REFS = new Set(['ref', 'relref']);
const LINKS = new Set(['button', 'btn', 'link', 'cta', 'external-link', 'a']);
const INLINE_TEXT = new Set(['kbd', 'badge', 'label', 'mark', 'abbr', 'term', 'glossary_tooltip', 'tooltip', 'sup']);
const LAYOUT = new Set([
  'columns',
  'column',
  'col',
  'row',
  'grid',
  'card',
  'cards',
  'cardpane',
  'section',
  'block',
  'blocks',
  'center',
  'container',
  'div',
  'span',
  'feature',
  'features',
  'lead',
  'blocks/section',
  'blocks/feature',
  'blocks/lead',
]);
const ESCAPED = /\{\{([<%])\/\*([\s\S]*?)\*\/([>%])\}\}/g;
const COMMENT = /\{\{-?\s*\/\*[\s\S]*?\*\/\s*-?\}\}/g;

/**
 * Hugo-style shortcodes turned into Markdown where their meaning is clear: admonitions (`note`,
 * `warning`, `alert`, …) become a block quote with a bold label, `highlight`/`code` a fenced code
 * block, `figure` its caption (and the image when it is on the web), tabs and details a bold title
 * over their content, `include`/`readfile` the included file's text, `ref`/`relref` the target path
 * (for the link rewriter), `youtube`/`vimeo` a link, layout containers their content. Anything else
 * is removed (a paired one keeps its content) and named in one warning per kind of loss. Hugo's
 * escaped form (a tag whose inside is wrapped in a comment: syntax shown as an example) becomes its inside
 * as inline code, so no raw tag reaches a chunk; template comments are removed. Never throws.
 */
export function convertShortcodes(text: string, context: ShortcodeContext): ShortcodeResult {
  const state: State = { context, removed: new Map(), kept: new Map(), missing: [], included: [] };
  const escapes: string[] = [];
  const protectedText = text
    .replace(ESCAPED, (_all, _open: string, inner: string) => {
      // syntax shown as an example: its inside as inline code, never a raw tag in a chunk
      escapes.push(`\`${inner.trim().replace(/`/g, "'")}\``);
      return `\u0000${escapes.length - 1}\u0000`;
    })
    .replace(COMMENT, '');
  const converted = convert(protectedText, state, 0)
    .replace(/\{\{[<%]|[>%]\}\}/g, () => {
      count(state.removed, 'ufuldstændig');
      return '';
    })
    .replace(/\u0000(\d+)\u0000/g, (_a, n: string) => escapes[+n]!);
  return { text: converted, warnings: warningsOf(state), included: state.included };
}

interface State {
  context: ShortcodeContext;
  /** Shortcodes removed with their content, by name. */
  removed: Map<string, number>;
  /** Unknown paired shortcodes removed while keeping their content, by name. */
  kept: Map<string, number>;
  missing: string[];
  included: string[];
}

function convert(text: string, state: State, depth: number): string {
  if (!text.includes('{{')) return text;
  const tokens = tokenizeShortcodes(text);
  const pairs = pairShortcodes(tokens);
  return render(tokens, pairs, 0, tokens.length, state, depth);
}

function render(
  tokens: readonly ShortcodeToken[],
  pairs: Map<number, number>,
  from: number,
  to: number,
  state: State,
  depth: number,
): string {
  let out = '';
  for (let i = from; i < to; i++) {
    const token = tokens[i]!;
    if (token.type === 'text') {
      out += token.value;
      continue;
    }
    if (token.closing) {
      count(state.removed, `/${token.name}`);
      continue;
    }
    const end = pairs.get(i);
    if (end === undefined || end >= to) {
      out += standalone(token.name, token.params, state, depth);
      continue;
    }
    const rawInner = tokens
      .slice(i + 1, end)
      .map((t) => (t.type === 'text' ? t.value : t.raw))
      .join('');
    const inner = () => render(tokens, pairs, i + 1, end, state, depth);
    out += paired(token.name, token.params, rawInner, inner, state);
    i = end;
  }
  return out;
}

/** A shortcode with content between its opening and closing tag. */
function paired(name: string, params: ShortcodeParams, rawInner: string, inner: () => string, state: State): string {
  if (CODE.has(name)) return fence(first(params, '0', 'lang', 'language', 'type') ?? '', rawInner);
  if (DIAGRAMS.has(name)) return fence(name, rawInner);
  if (ADMONITIONS.has(name)) return admonition(name, params, inner(), state.context.language);
  if (TAB_GROUPS.has(name) || LAYOUT.has(name)) return block(inner());
  if (TABS.has(name) || DETAILS.has(name)) {
    const title = first(params, 'title', 'name', 'header', 'summary', 'label', 'tabname', '0');
    return block(title ? `**${title}**\n\n${inner().trim()}` : inner());
  }
  if (LINKS.has(name)) return linkOf(params, inner().trim()) ?? inner();
  if (INLINE_TEXT.has(name)) return inner();
  if (FIGURES.has(name)) return figure(params, inner().trim());
  count(state.kept, name);
  return inner();
}

/** A shortcode without a closing tag. */
function standalone(name: string, params: ShortcodeParams, state: State, depth: number): string {
  if (REFS.has(name)) return first(params, '0', 'path', 'page') ?? '';
  if (FIGURES.has(name)) return figure(params, '');
  if (INCLUDES.has(name)) return include(name, params, state, depth);
  if (name === 'youtube' || name === 'vimeo') {
    const id = first(params, 'id', '0');
    if (id) {
      const url = name === 'youtube' ? `https://www.youtube.com/watch?v=${id}` : `https://vimeo.com/${id}`;
      return `[${first(params, 'title') ?? (name === 'youtube' ? 'YouTube-video' : 'Vimeo-video')}](${url})`;
    }
  }
  if (LINKS.has(name)) {
    const link = linkOf(params, first(params, 'text', 'title', 'label') ?? '');
    if (link) return link;
  }
  if (INLINE_TEXT.has(name)) {
    const text = first(params, 'text', 'title', 'label', '0');
    if (text) return text;
  }
  count(state.removed, name);
  return '';
}

function include(name: string, params: ShortcodeParams, state: State, depth: number): string {
  const target = first(params, '0', 'file', 'path', 'src', 'page', 'name');
  const text = target && depth < MAX_INCLUDE_DEPTH ? state.context.include?.(target) : undefined;
  if (text === undefined) {
    state.missing.push(target ?? name);
    return '';
  }
  state.included.push(target!);
  const body = text.replace(/^(?:---\n[\s\S]*?\n---|\+\+\+\n[\s\S]*?\n\+\+\+)[ \t]*(?:\n|$)/, '');
  return block(convert(body, state, depth + 1));
}

function admonition(name: string, params: ShortcodeParams, inner: string, language: DocumentLanguage): string {
  const type = (
    ADMONITION_LABELS[name] ? name : (first(params, 'type', 'color', 'style', 'theme', '0') ?? 'note')
  ).toLowerCase();
  const label = first(params, 'title', 'header', 'heading') ?? ADMONITION_LABELS[type]?.[language] ?? capitalise(type);
  return quoteBlock(label, inner);
}

/** A block quote whose first line starts with `**label:**`. */
export function quoteBlock(label: string, inner: string): string {
  const lines = inner.trim().split('\n');
  const head = lines[0] ?? '';
  const startsPlain = head !== '' && !/^\s*(?:[#>|*+-]\s|\d+[.)]\s|```|~~~|<)/.test(head);
  const labelled = label === '' ? [] : [`**${label.replace(/:$/, '')}:**`];
  const body = startsPlain ? [`${labelled.join('')} ${head}`.trim(), ...lines.slice(1)] : [...labelled, '', ...lines];
  return block(body.map((line) => (line.trim() === '' ? '>' : `> ${line}`)).join('\n'));
}

function figure(params: ShortcodeParams, inner: string): string {
  const caption = first(params, 'caption', 'title', 'alt') ?? (inner || undefined);
  const src = first(params, 'src', 'link', '0');
  const parts: string[] = [];
  if (src && /^https?:\/\//i.test(src)) parts.push(`![${first(params, 'alt') ?? caption ?? ''}](${src})`);
  if (caption) parts.push(`_${caption}_`);
  return parts.length ? block(parts.join('\n\n')) : src ? `![](${src})` : '';
}

function linkOf(params: ShortcodeParams, text: string): string | undefined {
  const href = first(params, 'href', 'url', 'link', 'src');
  if (!href) return undefined;
  return `[${text || href}](${href})`;
}

function fence(lang: string, code: string): string {
  const body = code.replace(/^\n+|\s+$/g, '');
  const ticks = body.includes('```') ? '````' : '```';
  return block(`${ticks}${lang.replace(/[^\w+#.-]/g, '')}\n${body}\n${ticks}`);
}

function block(text: string): string {
  return `\n\n${text.trim()}\n\n`;
}

/** The first parameter present among `keys` (a digit is a positional index). */
function first(params: ShortcodeParams, ...keys: string[]): string | undefined {
  for (const key of keys) {
    const value = /^\d+$/.test(key) ? params.positional[+key] : params.named[key];
    if (value !== undefined && value.trim() !== '') return value.trim();
  }
  return undefined;
}

function capitalise(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}

function count(map: Map<string, number>, name: string): void {
  map.set(name, (map.get(name) ?? 0) + 1);
}

function warningsOf(state: State): string[] {
  const list = (map: Map<string, number>) =>
    [...map].map(([name, n]) => `\`{{< ${name} >}}\`${n > 1 ? ` (${n} gange)` : ''}`).join(', ');
  const warnings: string[] = [];
  if (state.removed.size)
    warnings.push(`shortcodes fjernet, fordi deres betydning ikke er klar: ${list(state.removed)}`);
  if (state.kept.size) warnings.push(`ukendte shortcodes fjernet, deres indhold er bevaret: ${list(state.kept)}`);
  if (state.missing.length) {
    warnings.push(`include fjernet, filen findes ikke i kilden: ${state.missing.map((m) => `\`${m}\``).join(', ')}`);
  }
  return warnings;
}
