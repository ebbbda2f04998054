import { editOutsideCode } from './segments.js';

/** What to do with one link target: a new target, or `undefined` to remove the link and keep its text. */
export type LinkResolver = (target: string) => string | undefined;

/** Rewritten Markdown with the targets that were removed. */
export interface RewrittenLinks {
  markdown: string;
  /** Link targets removed (the link text stays). */
  removedLinks: string[];
  /** Image targets removed (the alt text stays). */
  removedImages: string[];
}

const INLINE = /(!?)\[((?:[^[\]\n]|\[[^\]\n]*\])*)\]\(\s*<?([^)\s>]*)>?((?:\s+(?:"[^"]*"|'[^']*'))?)\s*\)/g;
const REFERENCE = /^([ \t]{0,3}\[[^\]\n]+\]:[ \t]*)<?(\S+?)>?([ \t].*)?$/gm;
/** What `corpus:check` reads as a link target: anything left here must be good. */
const CHECKED = /\]\(\s*<?([^)\s>]+)>?(?:\s+(?:"[^"]*"|'[^']*'))?\s*\)/g;

/**
 * Rewrite every link target in the prose of `markdown` (not in code) that is not external (`https:`,
 * `mailto:`, `#anchor`, `//host`): `resolve` gives the new target, or undefined to drop the link and
 * keep its text. Images whose target is not on the web are dropped (alt text kept).
 */
export function rewriteLinks(markdown: string, resolve: LinkResolver): RewrittenLinks {
  const removedLinks: string[] = [];
  const removedImages: string[] = [];
  const text = editOutsideCode(markdown, (prose) =>
    prose
      .replace(INLINE, (all, bang: string, label: string, target: string, title: string) => {
        if (bang) {
          if (/^https?:\/\//i.test(target)) return all;
          removedImages.push(target);
          return label;
        }
        if (isExternal(target)) return all;
        const next = resolve(target);
        if (next === undefined) {
          removedLinks.push(target);
          return label;
        }
        return `[${label}](${next}${title})`;
      })
      .replace(REFERENCE, (all, head: string, target: string, rest: string | undefined) => {
        if (isExternal(target)) return all;
        const next = resolve(target);
        if (next === undefined) {
          removedLinks.push(target);
          return '';
        }
        return `${head}${next}${rest ?? ''}`;
      })
      // a link the patterns above could not take apart (odd brackets): its target must still be good
      .replace(CHECKED, (all, target: string) => {
        if (isExternal(target) || target.startsWith('/docs/')) return all;
        removedLinks.push(target);
        return ']';
      }),
  );
  return { markdown: text, removedLinks, removedImages };
}

function isExternal(target: string): boolean {
  return target === '' || /^[a-z][a-z0-9+.-]*:/i.test(target) || target.startsWith('#') || target.startsWith('//');
}
