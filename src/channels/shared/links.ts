/**
 * An absolute link to a source: `url` as is when absolute, else resolved against the
 * public base URL. Undefined when it cannot be made absolute (no base URL configured).
 */
export function absoluteSourceUrl(url: string, publicBaseUrl: string | undefined): string | undefined {
  if (/^https?:\/\//i.test(url)) return url;
  if (!publicBaseUrl) return undefined;
  try {
    const base = publicBaseUrl.endsWith('/') ? publicBaseUrl : `${publicBaseUrl}/`;
    return new URL(url.replace(/^\/+/, ''), base).toString();
  } catch {
    return undefined;
  }
}
