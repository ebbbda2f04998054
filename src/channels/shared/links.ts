import { neutralizeMarkup, sourceLinkPolicy, splitLinks } from '../../answer/markup.js';

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

/** How a chat channel writes answer text: plain pieces, and links to the service's own sources. */
export interface AnswerTextStyle {
  /** A piece of plain text (escape what the channel would read as markup). */
  text(piece: string): string;
  /** A source link; `url` is absolute, or undefined when none can be made (no public base URL). */
  link(label: string, url: string | undefined): string;
}

/**
 * An answer's text for a chat channel: links, images and HTML made inert (`neutralizeMarkup`),
 * links to the service's own source viewer (absolute, or relative `/docs/…`) kept and written by
 * `style.link` with an absolute URL.
 * @param answer the answer text of any composer
 * @param publicBaseUrl the configured public base URL, if any
 */
export function channelAnswerText(answer: string, publicBaseUrl: string | undefined, style: AnswerTextStyle): string {
  const base = (publicBaseUrl ?? '').replace(/\/+$/, '');
  const absolute = sourceLinkPolicy(base);
  const relative = sourceLinkPolicy('');
  return splitLinks(neutralizeMarkup(answer, (url) => absolute(url) || relative(url)))
    .map((part) =>
      typeof part === 'string' ? style.text(part) : style.link(part.label, absoluteSourceUrl(part.url, base)),
    )
    .join('');
}
