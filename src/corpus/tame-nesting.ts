/** Deepest indentation (in columns, a tab counts 4) kept before Markdown is parsed. */
export const MAX_INDENT = 24;
/** Deepest block-quote nesting kept before Markdown is parsed. */
export const MAX_QUOTE_DEPTH = 8;

/**
 * Flatten pathological nesting before parsing: remark's parser is super-linear in
 * list and quote depth (300 nested list levels take tens of seconds), so lines indented
 * deeper than `MAX_INDENT` columns are cut back to it and quote markers beyond
 * `MAX_QUOTE_DEPTH` are dropped. The leading frontmatter block is left alone.
 * Returns the text and how many lines changed.
 */
export function tameNesting(text: string): { text: string; changed: number } {
  const lines = text.split('\n');
  let changed = 0;
  let inFrontmatter = /^---[ \t]*$/.test(lines[0] ?? '');
  for (let i = inFrontmatter ? 1 : 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (inFrontmatter) {
      if (/^(---|\.\.\.)[ \t]*$/.test(line)) inFrontmatter = false;
      continue;
    }
    let next = line;
    const indent = /^[ \t]+/.exec(next)?.[0];
    if (indent && columns(indent) > MAX_INDENT) next = ' '.repeat(MAX_INDENT) + next.slice(indent.length);
    const quotes = /^(?:[ \t]*>){9,}/.exec(next)?.[0];
    if (quotes) next = `${'>'.repeat(MAX_QUOTE_DEPTH)} ${next.slice(quotes.length).trimStart()}`;
    if (next !== line) {
      lines[i] = next;
      changed++;
    }
  }
  return { text: changed > 0 ? lines.join('\n') : text, changed };
}

function columns(whitespace: string): number {
  let n = 0;
  for (const ch of whitespace) n += ch === '\t' ? 4 - (n % 4) : 1;
  return n;
}
