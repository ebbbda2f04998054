import type { Element, ElementContent, Root as HastRoot, RootContent } from 'hast';
import type { Root as MdastRoot } from 'mdast';
import remarkGfm from 'remark-gfm';
import { unified } from 'unified';
import { languageOfTag } from './language.js';
import type { ConvertedMeta } from './types.js';

/** An HTML page or fragment as Markdown, with what its `<head>` said about it. */
export interface HtmlConversion {
  markdown: string;
  meta: ConvertedMeta;
  warnings: string[];
}

/** Elements that are never content: navigation, page chrome, scripts, styles, forms, embedded media. */
const DROPPED = new Set([
  'nav',
  'header',
  'footer',
  'aside',
  'script',
  'style',
  'noscript',
  'template',
  'form',
  'button',
  'input',
  'select',
  'textarea',
  'iframe',
  'object',
  'embed',
  'svg',
  'canvas',
  'video',
  'audio',
  'link',
  'meta',
  'dialog',
]);
const DROPPED_ROLES = new Set(['navigation', 'banner', 'contentinfo', 'search', 'complementary', 'menu', 'dialog']);

/**
 * The HTML parser, the HTML-to-Markdown tree step and the Markdown writer, made on the first conversion:
 * rehype and remark-stringify are only needed for imports, and importing them cost every start ~0.05 s.
 */
let pipelines:
  | Promise<{
      parser: ReturnType<typeof makeParser>;
      toMarkdownTree: ReturnType<typeof makeToMarkdownTree>;
      stringifier: ReturnType<typeof makeStringifier>;
    }>
  | undefined;

function makeParser(rehypeParse: typeof import('rehype-parse').default) {
  return unified().use(rehypeParse);
}

function makeToMarkdownTree(rehypeRemark: typeof import('rehype-remark').default) {
  return unified().use(rehypeRemark);
}

function makeStringifier(remarkStringify: typeof import('remark-stringify').default) {
  return unified()
    .use(remarkStringify, { bullet: '-', emphasis: '_', fences: true, rule: '-', listItemIndent: 'one' })
    .use(remarkGfm);
}

function loadPipelines(): NonNullable<typeof pipelines> {
  pipelines ??= Promise.all([import('rehype-parse'), import('rehype-remark'), import('remark-stringify')]).then(
    ([parse, remark, stringify]) => ({
      parser: makeParser(parse.default),
      toMarkdownTree: makeToMarkdownTree(remark.default),
      stringifier: makeStringifier(stringify.default),
    }),
  );
  return pipelines;
}

/**
 * HTML as Markdown through rehype-remark: headings, lists, tables, links, emphasis and code kept.
 * With `mainContent`, only the page's main content is read (`<main>`, `role="main"`, `#content`, the
 * first `<article>`, else `<body>`); navigation, header, footer, asides, scripts, styles and forms are
 * dropped everywhere. Images that are not on the web (relative or `data:`) are dropped and counted in
 * a warning. The title, description, keywords and `lang` of the page become metadata.
 */
export async function htmlToMarkdown(html: string, options: { mainContent?: boolean } = {}): Promise<HtmlConversion> {
  const { parser, toMarkdownTree, stringifier } = await loadPipelines();
  const tree = parser.parse(html);
  const meta = headMeta(tree);
  const start = options.mainContent ? mainElement(tree) : undefined;
  const root: HastRoot = start ? { type: 'root', children: [start] } : tree;
  const dropped = { images: 0 };
  prune(root, dropped);
  const mdast = (await toMarkdownTree.run(root as never)) as MdastRoot;
  const markdown = stringifier.stringify(mdast).trim();
  const warnings =
    dropped.images > 0 ? [`${dropped.images} billede(r) er ikke importeret (kun tekst og billeder på nettet)`] : [];
  return { markdown, meta, warnings };
}

function headMeta(tree: HastRoot): ConvertedMeta {
  const meta: ConvertedMeta = { tags: [] };
  walk(tree, (el) => {
    if (el.tagName === 'html') {
      const lang = languageOfTag(el.properties.lang ?? el.properties.xmlLang);
      if (lang) meta.language = lang;
    } else if (el.tagName === 'title' && !meta.title) {
      const title = textOf(el);
      if (title) meta.title = title;
    } else if (el.tagName === 'meta') {
      const name = String(el.properties.name ?? el.properties.property ?? '').toLowerCase();
      const content = String(el.properties.content ?? '').trim();
      if (!content) return;
      if ((name === 'description' || name === 'og:description') && !meta.summary) meta.summary = content;
      if (name === 'keywords')
        meta.tags = content
          .split(',')
          .map((t) => t.trim())
          .filter(Boolean);
      if (name === 'og:title') meta.title = content;
    }
  });
  return meta;
}

function mainElement(tree: HastRoot): Element | undefined {
  const candidates: Element[] = [];
  walk(tree, (el) => {
    candidates.push(el);
  });
  const id = (el: Element) => String(el.properties.id ?? '').toLowerCase();
  return (
    candidates.find((el) => el.tagName === 'main') ??
    candidates.find((el) => el.properties.role === 'main') ??
    candidates.find((el) => ['content', 'main-content', 'maincontent', 'main'].includes(id(el))) ??
    candidates.find((el) => el.tagName === 'article') ??
    candidates.find((el) => el.tagName === 'body')
  );
}

/** Remove non-content elements in place. */
function prune(node: HastRoot | Element, dropped: { images: number }): void {
  node.children = (node.children as RootContent[]).filter((child) => {
    if (child.type === 'comment') return false;
    if (child.type !== 'element') return true;
    if (DROPPED.has(child.tagName)) return false;
    if (DROPPED_ROLES.has(String(child.properties.role ?? ''))) return false;
    if (child.properties.hidden !== undefined && child.properties.hidden !== false) return false;
    if (String(child.properties.ariaHidden ?? '') === 'true') return false;
    if (child.tagName === 'img' && !/^https?:\/\//i.test(String(child.properties.src ?? ''))) {
      dropped.images++;
      return false;
    }
    prune(child, dropped);
    return true;
  }) as ElementContent[];
}

function walk(node: HastRoot | Element, visit: (el: Element) => void): void {
  for (const child of node.children) {
    if (child.type === 'element') {
      visit(child);
      walk(child, visit);
    }
  }
}

function textOf(node: Element): string {
  let out = '';
  for (const child of node.children) {
    if (child.type === 'text') out += child.value;
    else if (child.type === 'element') out += textOf(child);
  }
  return out.replace(/\s+/g, ' ').trim();
}
