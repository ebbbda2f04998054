/** Deepest indentation (in columns, a tab counts 4) kept before Markdown is parsed. */
export const MAX_INDENT = 24;
/** Deepest block-quote nesting kept before Markdown is parsed. */
export const MAX_QUOTE_DEPTH = 8;

/** An open fenced code block: its fence, the column its fence starts in, and how far its fence line was moved left. */
interface OpenFence {
  fence: string;
  column: number;
  shift: number;
}

/**
 * Flatten pathological nesting before parsing: remark's parser is super-linear in
 * list and quote depth (300 nested list levels take tens of seconds), so lines indented
 * deeper than `MAX_INDENT` columns are cut back to it and quote markers beyond
 * `MAX_QUOTE_DEPTH` are dropped. The leading frontmatter block is left alone, and so is the code
 * inside fenced code blocks (moved left only as far as its fence line was, so its own indentation
 * stays as written). Returns the text and how many lines changed.
 */
export function tameNesting(text: string): { text: string; changed: number } {
  const lines = text.split('\n');
  let changed = 0;
  let inFrontmatter = /^---[ \t]*$/.test(lines[0] ?? '');
  let open: OpenFence | undefined;
  for (let i = inFrontmatter ? 1 : 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (inFrontmatter) {
      if (/^(---|\.\.\.)[ \t]*$/.test(line)) inFrontmatter = false;
      continue;
    }
    if (open && !leavesFence(line, open)) {
      const next = open.shift > 0 ? shiftLeft(line, open.shift) : line;
      if (closesFence(line, open.fence)) open = undefined;
      if (next !== line) {
        lines[i] = next;
        changed++;
      }
      continue;
    }
    open = undefined;
    let next = line;
    const indent = /^[ \t]+/.exec(next)?.[0];
    if (indent && columns(indent) > MAX_INDENT) next = ' '.repeat(MAX_INDENT) + next.slice(indent.length);
    const quotes = /^(?:[ \t]*>){9,}/.exec(next)?.[0];
    if (quotes) next = `${'>'.repeat(MAX_QUOTE_DEPTH)} ${next.slice(quotes.length).trimStart()}`;
    const fence = opensFence(line);
    if (fence) open = { ...fence, shift: columns(/^[ \t]*/.exec(line)![0]) - columns(/^[ \t]*/.exec(next)![0]) };
    if (next !== line) {
      lines[i] = next;
      changed++;
    }
  }
  return { text: changed > 0 ? lines.join('\n') : text, changed };
}

/** The fence a line opens (after any indentation and list markers) and the column it starts in. */
function opensFence(line: string): { fence: string; column: number } | undefined {
  const m = /^([ \t]*(?:(?:[-*+]|\d{1,9}[.)])[ \t]+)*)(`{3,}|~{3,})(.*)$/.exec(line);
  if (!m || (m[2]![0] === '`' && m[3]!.includes('`'))) return undefined;
  return { fence: m[2]!, column: columns(m[1]!) };
}

function closesFence(line: string, fence: string): boolean {
  const m = /^[ \t]*(`{3,}|~{3,})[ \t]*$/.exec(line);
  return m !== null && m[1]![0] === fence[0] && m[1]!.length >= fence.length;
}

/** True when a non-blank line is indented less than the fence: its container, and so the code block, has ended. */
function leavesFence(line: string, open: OpenFence): boolean {
  if (line.trim() === '') return false;
  return columns(/^[ \t]*/.exec(line)![0]) < open.column;
}

/** `line` with up to `n` columns of leading whitespace removed. */
function shiftLeft(line: string, n: number): string {
  const indent = /^[ \t]*/.exec(line)![0];
  const width = columns(indent);
  return ' '.repeat(Math.max(0, width - n)) + line.slice(indent.length);
}

function columns(whitespace: string): number {
  let n = 0;
  for (const ch of whitespace) n += ch === '\t' ? 4 - (n % 4) : 1;
  return n;
}
