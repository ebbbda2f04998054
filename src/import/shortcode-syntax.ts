/** One piece of a text with Hugo-style shortcodes: plain text or a `{{< name … >}}` / `{{% name … %}}` tag. */
export type ShortcodeToken =
  | { type: 'text'; value: string }
  | {
      type: 'tag';
      /** Lower-cased name, e.g. `note`, `highlight`. */
      name: string;
      /** `{{< /name >}}`. */
      closing: boolean;
      /** `{{< name />}}`: never takes a closing tag. */
      selfClosing: boolean;
      params: ShortcodeParams;
      raw: string;
    };

/** A tag's parameters: positional ones in order, named ones by lower-cased key. */
export interface ShortcodeParams {
  positional: string[];
  named: Record<string, string>;
}

const TAG = /\{\{([<%])-?\s*(\/?)\s*([\w./-]+)([\s\S]*?)\s*(\/?)\s*-?[>%]\}\}/g;
const PARAM =
  /([\w-]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|'([^']*)'|`([^`]*)`|(\S+))|"((?:[^"\\]|\\.)*)"|'([^']*)'|`([^`]*)`|(\S+)/g;

/** Split `text` into text and shortcode tags, in order. */
export function tokenizeShortcodes(text: string): ShortcodeToken[] {
  const tokens: ShortcodeToken[] = [];
  let last = 0;
  for (const m of text.matchAll(TAG)) {
    if (m.index > last) tokens.push({ type: 'text', value: text.slice(last, m.index) });
    tokens.push({
      type: 'tag',
      name: m[3]!.toLowerCase(),
      closing: m[2] === '/',
      selfClosing: m[5] === '/',
      params: parseParams(m[4] ?? ''),
      raw: m[0],
    });
    last = m.index + m[0].length;
  }
  if (last < text.length) tokens.push({ type: 'text', value: text.slice(last) });
  return tokens;
}

/**
 * For each opening tag that has a closing tag of the same name (properly nested), the index of that
 * closing tag. Tags without a partner are standalone (or stray, for closing tags).
 */
export function pairShortcodes(tokens: readonly ShortcodeToken[]): Map<number, number> {
  const pairs = new Map<number, number>();
  const open = new Map<string, number[]>();
  tokens.forEach((token, i) => {
    if (token.type !== 'tag' || token.selfClosing) return;
    const stack = open.get(token.name) ?? [];
    if (!token.closing) {
      stack.push(i);
      open.set(token.name, stack);
    } else {
      const start = stack.pop();
      if (start !== undefined) pairs.set(start, i);
    }
  });
  return pairs;
}

function parseParams(raw: string): ShortcodeParams {
  const params: ShortcodeParams = { positional: [], named: {} };
  for (const m of raw.matchAll(PARAM)) {
    if (m[1] !== undefined) {
      params.named[m[1].toLowerCase()] = unescapeQuotes(m[2] ?? m[3] ?? m[4] ?? m[5] ?? '');
    } else {
      params.positional.push(unescapeQuotes(m[6] ?? m[7] ?? m[8] ?? m[9] ?? ''));
    }
  }
  return params;
}

function unescapeQuotes(value: string): string {
  return value.replace(/\\(["\\])/g, '$1');
}
