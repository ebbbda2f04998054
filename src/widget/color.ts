/** A colour as `#rrggbb`, or undefined when `value` is not a 3- or 6-digit hex colour. */
export function normalizeHex(value: string | undefined): string | undefined {
  const m = /^#?([0-9a-f]{3}|[0-9a-f]{6})$/i.exec((value ?? '').trim());
  if (!m) return undefined;
  const hex = m[1]!.toLowerCase();
  return `#${hex.length === 3 ? [...hex].map((c) => c + c).join('') : hex}`;
}

function channels(hex: string): [number, number, number] {
  const n = Number.parseInt(hex.slice(1), 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

/** WCAG relative luminance of a `#rrggbb` colour (0 = black, 1 = white). */
export function luminance(hex: string): number {
  const [r, g, b] = channels(hex).map((v) => {
    const c = v / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** WCAG contrast ratio between two `#rrggbb` colours (1–21). */
export function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

/** The more readable text colour on `background`: white or near-black (black when only that reaches 4.5:1). */
export function readableOn(background: string): string {
  const best = contrast(background, '#ffffff') >= contrast(background, '#111111') ? '#ffffff' : '#111111';
  return contrast(background, best) >= 4.5 ? best : '#000000';
}

/** `hex` darkened step by step until it reaches `ratio` contrast against `against` (for accent text on white). */
export function darkenUntil(hex: string, against: string, ratio: number): string {
  let [r, g, b] = channels(hex);
  let out = hex;
  for (let i = 0; i < 40 && contrast(out, against) < ratio; i++) {
    [r, g, b] = [r, g, b].map((v) => Math.floor(v * 0.9)) as [number, number, number];
    out = `#${((1 << 24) | (r << 16) | (g << 8) | b).toString(16).slice(1)}`;
  }
  return out;
}

/** The widget's palette for a brand colour: the fill, text on the fill, and accent text on white. */
export interface Palette {
  brand: string;
  onBrand: string;
  accent: string;
}

/** A palette whose pairs meet WCAG AA (4.5:1) for any brand colour. */
export function paletteFor(brand: string): Palette {
  const onBrand = readableOn(brand);
  return { brand, onBrand, accent: darkenUntil(brand, '#ffffff', 4.5) };
}
