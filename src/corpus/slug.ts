const MAX_SLUG = 64;

/**
 * An ASCII anchor slug of a heading: lower case, æ→ae, ø→oe, å→aa, other accents dropped,
 * runs of anything else → one `-` (so a slug never contains `--`). `afsnit` when nothing is left.
 */
export function slugify(text: string): string {
  const ascii = text
    .toLowerCase()
    .replace(/æ/g, 'ae')
    .replace(/ø/g, 'oe')
    .replace(/å/g, 'aa')
    .replace(/ß/g, 'ss')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '');
  let slug = ascii.replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
  if (slug.length > MAX_SLUG) {
    slug = slug.slice(0, MAX_SLUG);
    const cut = slug.lastIndexOf('-');
    if (cut > MAX_SLUG / 2) slug = slug.slice(0, cut);
    slug = slug.replace(/-+$/, '');
  }
  return slug || 'afsnit';
}
