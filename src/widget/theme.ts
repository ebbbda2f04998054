/**
 * The widget's neutral colours for one colour scheme. Every text pair meets WCAG AA (4.5:1) and `field`
 * (the border of inputs) reaches 3:1 against `bg`; `test/widget/color.test.ts` checks both schemes.
 */
export interface Scheme {
  /** Panel and field background. */
  bg: string;
  /** Behind the panel in full-page mode. */
  page: string;
  text: string;
  /** Secondary text on `bg` and `soft`. */
  muted: string;
  /** The helpdesk's bubbles and read-only fields. */
  soft: string;
  /** Dividers and button borders (decorative). */
  line: string;
  field: string;
  errBg: string;
  errText: string;
  okBg: string;
  okText: string;
  tipBg: string;
  tipText: string;
}

/** Colours when the user prefers a light scheme (the default). */
export const LIGHT: Scheme = {
  bg: '#ffffff',
  page: '#eef1f5',
  text: '#1a1a1a',
  muted: '#4d4d4d',
  soft: '#f2f4f7',
  line: '#c9ccd1',
  field: '#767676',
  errBg: '#fdecec',
  errText: '#8a1111',
  okBg: '#e8f5e9',
  okText: '#14532d',
  tipBg: '#1a1a1a',
  tipText: '#ffffff',
};

/** Colours under `prefers-color-scheme: dark`. */
export const DARK: Scheme = {
  bg: '#1c1e22',
  page: '#111316',
  text: '#ececec',
  muted: '#b9bec7',
  soft: '#2b2f36',
  line: '#4b515b',
  field: '#8e949e',
  errBg: '#3d1a1d',
  errText: '#ffc2c2',
  okBg: '#173221',
  okText: '#b9f0c9',
  tipBg: '#ececec',
  tipText: '#111111',
};

/** A scheme as CSS custom properties (`--bg:…;--text:…`). */
export function schemeVars(s: Scheme): string {
  return Object.entries(s)
    .map(([k, v]) => `--${k}:${v}`)
    .join(';');
}
