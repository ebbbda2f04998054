/**
 * The absolute URL for a link to `url` (resolved against `base`), or undefined when it is not
 * an http(s) address — `javascript:`, `data:` and the like are never made into links.
 */
export function safeHref(url: string, base: string): string | undefined {
  const trimmed = url.trim();
  if (trimmed === '') return undefined;
  let parsed: URL;
  try {
    parsed = new URL(trimmed, base);
  } catch {
    return undefined;
  }
  return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.href : undefined;
}
