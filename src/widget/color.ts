import { DARK, LIGHT } from './theme.js';

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

/**
 * `hex` moved step by step towards black (or white when `lighten`) until it reaches `ratio` contrast against
 * `against`: accent text on the panel's background.
 */
export function darkenUntil(hex: string, against: string, ratio: number, lighten = false): string {
  let rgb = channels(hex);
  let out = hex;
  for (let i = 0; i < 40 && contrast(out, against) < ratio; i++) {
    rgb = rgb.map((v) => (lighten ? Math.ceil(v + (255 - v) * 0.1) : Math.floor(v * 0.9))) as [number, number, number];
    out = `#${((1 << 24) | (rgb[0] << 16) | (rgb[1] << 8) | rgb[2]).toString(16).slice(1)}`;
  }
  return out;
}

/**
 * The widget's palette for a brand colour: the fill and the text on it, and per colour scheme the accent
 * (text and borders on the panel's background) and the text on an accent fill.
 */
export interface Palette {
  brand: string;
  onBrand: string;
  accent: string;
  onAccent: string;
  darkAccent: string;
  onDarkAccent: string;
}

/** A palette whose pairs meet WCAG AA (4.5:1) for any brand colour, on a light (`light`) and a dark (`dark`) panel. */
export function paletteFor(brand: string, light = LIGHT.bg, dark = DARK.bg): Palette {
  const accent = darkenUntil(brand, light, 4.5);
  const darkAccent = darkenUntil(brand, dark, 4.5, true);
  return {
    brand,
    onBrand: readableOn(brand),
    accent,
    onAccent: readableOn(accent),
    darkAccent,
    onDarkAccent: readableOn(darkAccent),
  };
}
