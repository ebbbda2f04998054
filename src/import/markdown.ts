import { convertAdmonitions } from './admonitions.js';
import { mapFrontMatter, splitFrontMatter } from './front-matter.js';
import { detectLanguage } from './language.js';
import { editProse } from './segments.js';
import { convertShortcodes } from './shortcodes.js';
import type { Converted, DocumentLanguage } from './types.js';

/** What converting a Markdown file needs besides its text. */
export interface MarkdownContext {
  /** The file's path (its extension tells `.mdx` apart). */
  path: string;
  /** Language of admonition labels; default: the file's own, else detected. */
  language?: DocumentLanguage;
  /** The text of an included file, as an include shortcode names it (see `ShortcodeContext`). */
  include?: (target: string) => string | undefined;
}

/** Result of `convertMarkdown`: the conversion and the include targets it inlined. */
export interface MarkdownConversion extends Converted {
  included: string[];
  /** True when the file had front matter with a `title` of its own. */
  hasOwnTitle: boolean;
}

/**
 * Another tool's Markdown as a corpus body: front matter mapped (`mapFrontMatter`), `.mdx`
 * `import`/`export` lines removed, shortcodes and admonitions turned into Markdown. Links are left
 * as they are (the tree import rewrites them once it knows every document id).
 */
export function convertMarkdown(text: string, context: MarkdownContext): MarkdownConversion {
  const split = splitFrontMatter(text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n'));
  const meta = mapFrontMatter(split.data);
  const warnings = split.problem ? [split.problem] : [];
  let body = split.body;
  if (/\.mdx$/i.test(context.path)) {
    body = editProse(body, (prose) => prose.replace(/^(?:import|export)\s.*$/gm, ''));
  }
  const language = context.language ?? meta.language ?? detectLanguage(body).language;
  const shortcodes = convertShortcodes(body, {
    language,
    ...(context.include ? { include: context.include } : {}),
  });
  warnings.push(...shortcodes.warnings);
  const markdown = convertAdmonitions(shortcodes.text, language);
  return { meta, markdown, warnings, included: shortcodes.included, hasOwnTitle: meta.title !== undefined };
}
