/** Decides whether an answer may link to `url` (the service's own source links). */
export type LinkPolicy = (url: string) => boolean;

/** No link is allowed: every link is reduced to its text. */
export const noLinks: LinkPolicy = () => false;

/**
 * The links an answer may carry: the service's own source viewer, `<baseUrl>/docs/…`
 * (relative `/docs/…` when `baseUrl` is '', as `sourceUrl` makes them).
 * @param baseUrl the public base URL ('' for relative links)
 */
export function sourceLinkPolicy(baseUrl: string): LinkPolicy {
  const base = baseUrl.replace(/\/+$/, '');
  // A relative link is read against a stand-in origin: it must stay on it, under /docs/.
  const relative = base === '';
  let origin: string;
  let path: string;
  try {
    const parsed = new URL(relative ? RELATIVE_BASE : base);
    origin = parsed.origin;
    path = `${relative ? '' : parsed.pathname.replace(/\/+$/, '')}/docs/`;
  } catch {
    return noLinks;
  }
  const prefix = relative ? path : `${origin}${path}`;
  return (url) => {
    if (/[\s<>"'`\\]/.test(url) || !url.startsWith(prefix)) return false;
    try {
      const parsed = new URL(url, RELATIVE_BASE);
      // `..` segments are resolved before the path is compared
      return parsed.origin === origin && parsed.pathname.startsWith(path);
    } catch {
      return false;
    }
  };
}

/** The origin relative source links are resolved against (never contacted). */
const RELATIVE_BASE = 'http://relative.invalid';

/** `![alt](url)` */
const IMAGE = /!\[([^\]\n]*)\]\(([^()\n]*(?:\([^()\n]*\)[^()\n]*)*)\)/g;
/** `[text](url "title")` */
const LINK = /\[([^\]\n]*)\]\(\s*<?([^\s()<>]*(?:\([^\s()<>]*\)[^\s()<>]*)*)>?(?:\s+(?:"[^"\n]*"|'[^'\n]*'))?\s*\)/g;
/** A reference definition line: `[ref]: url`. */
const DEFINITION = /^[ \t]*\[[^\]\n]+\]:[ \t]*\S.*(?:\n|$)/gm;
/** `<https://…>` and `<mailto:…>` autolinks. */
const AUTOLINK = /<([a-z][a-z0-9+.-]{1,31}:[^\s<>]*)>/gi;
/** HTML comments, script and style elements with their content, processing instructions, declarations and tags. */
const HTML = /<!--[\s\S]*?(?:-->|$)|<(script|style)\b[^>]*>[\s\S]*?<\/\1\s*>|<[?!][^<>]*>?|<\/?[a-z][^<>]*>/gi;
/** A `<` that could start a tag once more text follows. */
const TAG_START = /<+(?=[a-z/!?])/gi;
/** A URL with a scheme (`https://`, `ftp://`), a script-like scheme (`javascript:`), or a `www.` host. */
const SCHEME_URL = /(?:[a-z][a-z0-9+.-]{1,31}:\/\/|\b(?:javascript|vbscript|data|file):(?=\S)|\bwww\.)[^\s<>"'`]*/gi;
/** Labels (letters and digits, hyphens inside) joined by single dots: perhaps a bare host name. */
const HOST_RUN = /[\p{L}\p{N}](?:[\p{L}\p{N}-]*[\p{L}\p{N}])?(?:\.[\p{L}\p{N}](?:[\p{L}\p{N}-]*[\p{L}\p{N}])?)*/gu;
/** The path after a host name. */
const PATH = /\/[^\s<>"'`]*/y;
/** Top-level domains chat clients make links of besides the two-letter ones. */
const GENERIC_TLDS = new Set(
  'com net org edu gov mil int info biz name pro xyz app dev online site top link click shop store tech cloud live blog news email website space club digital agency page art wiki'.split(
    ' ',
  ),
);
const LABEL = /^[\p{L}\p{N}](?:[\p{L}\p{N}-]*[\p{L}\p{N}])?$/u;

/**
 * Answer text with its markup made inert: Markdown images become their alt text, Markdown
 * links their text, reference definitions, autolinks, HTML tags and comments are removed, and
 * so is every URL or host name — except links `allowed` accepts, which stay as written.
 * E-mail addresses stay (they are contact details, not links to a host).
 * The result holds no `<` that could start a tag, so pieces of it joined by spaces cannot form one.
 * @param text an answer (or one sentence of it)
 * @param allowed the links that may stay (none by default)
 */
export function neutralizeMarkup(text: string, allowed: LinkPolicy = noLinks): string {
  // Removing one construct can join the text around it into another (`<<img`, `ht<b></b>tps://`):
  // repeat until nothing changes. Every round shortens the text; one that still changes after
  // MAX_ROUNDS is hostile, and nothing of it is kept.
  let out = text;
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const next = neutralizeOnce(out, allowed);
    if (next === out) return out;
    out = next;
  }
  return '';
}

/** Rounds of `neutralizeOnce` before a text counts as hostile (real answers need one or two). */
const MAX_ROUNDS = 16;

function neutralizeOnce(text: string, allowed: LinkPolicy): string {
  let out = text
    .replace(DEFINITION, '')
    .replace(IMAGE, (_, alt: string) => alt)
    .replace(LINK, (whole: string, label: string, url: string) => (allowed(url) ? whole : label))
    .replace(AUTOLINK, (_: string, url: string) => (allowed(url) ? url : ''))
    .replace(HTML, '')
    .replace(TAG_START, '');
  out = removeUrls(out, allowed);
  if (out === text) return text;
  return out
    .replace(/\[\s*\]\(\s*\)|\(\s*\)|\[\s*\]/g, '')
    .replace(/[ \t]{2,}/g, ' ')
    .replace(/[ \t]+([.,;:!?…])/g, '$1')
    .trim();
}

/**
 * URLs and host names outside the Markdown links that survived, removed unless `allowed`; the
 * punctuation after them stays. Host names inside e-mail addresses stay.
 */
function removeUrls(text: string, allowed: LinkPolicy): string {
  const kept: string[] = [];
  const keep = (whole: string) => `\u0000${kept.push(whole) - 1}\u0000`;
  const hidden = text.replace(LINK, keep).replace(SCHEME_URL, (match: string) => {
    const url = withoutTrailingPunctuation(match);
    return allowed(url) ? keep(match) : match.slice(url.length);
  });
  let cleaned = '';
  let last = 0;
  for (const m of hidden.matchAll(HOST_RUN)) {
    if (m.index < last) continue;
    const start = m.index;
    const host = m[0];
    const end = start + host.length;
    const inEmail =
      (hidden[start - 1] === '@' && /[\p{L}\p{N}_+%-]/u.test(hidden[start - 2] ?? '')) ||
      (hidden[end] === '@' && /[\p{L}\p{N}]/u.test(hidden[end + 1] ?? ''));
    if (inEmail || !isHostName(host)) continue;
    PATH.lastIndex = end;
    const path = withoutTrailingPunctuation(PATH.exec(hidden)?.[0] ?? '');
    cleaned += hidden.slice(last, start);
    last = end + path.length;
  }
  cleaned += hidden.slice(last);
  return cleaned.replace(/\u0000(\d+)\u0000/g, (_, i: string) => kept[Number(i)] ?? '');
}

/**
 * A host name as chat clients make links of it: dotted labels, the last before the top-level
 * domain of at least two characters, and a top-level domain of two letters or a common generic
 * one (so `rapport.pdf`, `f.eks` and `m.fl` are none).
 */
function isHostName(host: string): boolean {
  const labels = host.split('.');
  if (labels.length < 2 || !labels.every((l) => LABEL.test(l))) return false;
  const tld = labels.at(-1)!.toLowerCase();
  return labels.at(-2)!.length >= 2 && (/^[a-z]{2}$/.test(tld) || GENERIC_TLDS.has(tld));
}

/** A URL without the punctuation that ends the sentence around it (a `)` only when it closes nothing in the URL). */
function withoutTrailingPunctuation(match: string): string {
  let url = match;
  for (;;) {
    const last = url.at(-1);
    if (last === undefined) return url;
    if (last === ')' && url.split('(').length > url.split(')').length - 1) return url;
    if (!/[.,;:!?)\]'"»”]/.test(last)) return url;
    url = url.slice(0, -1);
  }
}

/** A Markdown link of an answer (after `neutralizeMarkup`, only links its policy allowed are left). */
export interface AnswerLink {
  label: string;
  url: string;
}

/**
 * The answer cut into plain text and its Markdown links, in order, so that a channel can render
 * each link its own way (Slack's `<url|label>`) and escape the text between.
 */
export function splitLinks(text: string): (string | AnswerLink)[] {
  const out: (string | AnswerLink)[] = [];
  let last = 0;
  for (const m of text.matchAll(LINK)) {
    if (m.index > last) out.push(text.slice(last, m.index));
    out.push({ label: m[1]!, url: m[2]! });
    last = m.index + m[0].length;
  }
  if (last < text.length) out.push(text.slice(last));
  return out;
}
