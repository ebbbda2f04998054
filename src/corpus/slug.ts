const MAX_SLUG = 64;

/**
 * An ASCII slug: lower case, æ→ae, ø→oe, å→aa, other accents dropped, runs of anything else
 * → one `-` (so a slug never contains `--`), at most `maxLength` characters cut at a word
 * boundary. `fallback` (default `afsnit`, for headings) when nothing is left.
 */
export function slugify(text: string, options: { maxLength?: number; fallback?: string } = {}): string {
  const max = options.maxLength ?? MAX_SLUG;
  const ascii = text
    .toLowerCase()
    .replace(/æ/g, 'ae')
    .replace(/ø/g, 'oe')
    .replace(/å/g, 'aa')
    .replace(/ß/g, 'ss')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '');
  let slug = ascii.replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
  if (slug.length > max) {
    slug = slug.slice(0, max);
    const cut = slug.lastIndexOf('-');
    if (cut > max / 2) slug = slug.slice(0, cut);
    slug = slug.replace(/-+$/, '');
  }
  return slug || (options.fallback ?? 'afsnit');
}
