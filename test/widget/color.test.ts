import { describe, expect, it } from 'vitest';
import { contrast, darkenUntil, normalizeHex, paletteFor, readableOn } from '../../src/widget/color.js';
import { DARK, LIGHT, type Scheme } from '../../src/widget/theme.js';

describe('normalizeHex', () => {
  it('accepts 3- and 6-digit hex colours with or without #, and rejects anything else', () => {
    expect(normalizeHex('#0B5394')).toBe('#0b5394');
    expect(normalizeHex('f80')).toBe('#ff8800');
    expect(normalizeHex(' #abc ')).toBe('#aabbcc');
    for (const bad of ['red', '#12345', 'url(javascript:x)', '#0b5394;background:red', '', undefined]) {
      expect(normalizeHex(bad)).toBeUndefined();
    }
  });
});

describe('contrast', () => {
  it('gives the WCAG ratios of known pairs', () => {
    expect(contrast('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrast('#ffffff', '#ffffff')).toBeCloseTo(1, 5);
    expect(contrast('#767676', '#ffffff')).toBeCloseTo(4.54, 2);
  });
});

describe('palette', () => {
  it('picks white text on dark brands and near-black text on light brands', () => {
    expect(readableOn('#0b5394')).toBe('#ffffff');
    expect(readableOn('#ffeb3b')).toBe('#111111');
  });

  const brands = ['#0b5394', '#ffeb3b', '#00ff00', '#ff0000', '#777777', '#ffffff', '#000000', '#e91e63', '#00bcd4'];

  it('meets AA (4.5:1) for text on the brand and accent text on white, for many brand colours', () => {
    for (const brand of brands) {
      const p = paletteFor(brand);
      expect(contrast(p.brand, p.onBrand)).toBeGreaterThanOrEqual(4.5);
      expect(contrast(p.accent, '#ffffff')).toBeGreaterThanOrEqual(4.5);
      expect(contrast(p.accent, p.onAccent), brand).toBeGreaterThanOrEqual(4.5);
    }
  });

  it('lightens the accent for the dark panel until it meets AA there, with readable text on it', () => {
    for (const brand of brands) {
      const p = paletteFor(brand);
      expect(contrast(p.darkAccent, DARK.bg), brand).toBeGreaterThanOrEqual(4.5);
      expect(contrast(p.darkAccent, p.onDarkAccent), brand).toBeGreaterThanOrEqual(4.5);
    }
    expect(paletteFor('#0b5394').darkAccent).not.toBe('#0b5394');
  });

  it('leaves an accent that already meets the ratio unchanged', () => {
    expect(darkenUntil('#0b5394', '#ffffff', 4.5)).toBe('#0b5394');
  });
});

describe('colour schemes', () => {
  const schemes: [string, Scheme][] = [
    ['light', LIGHT],
    ['dark', DARK],
  ];

  it.each(schemes)('%s: every text colour meets AA (4.5:1) on the backgrounds it is drawn on', (_, s) => {
    const pairs: [string, string, string][] = [
      ['text on bg', s.text, s.bg],
      ['text on soft', s.text, s.soft],
      ['muted on bg', s.muted, s.bg],
      ['muted on soft', s.muted, s.soft],
      ['error on its background', s.errText, s.errBg],
      ['error on bg', s.errText, s.bg],
      ['receipt on its background', s.okText, s.okBg],
      ['tooltip', s.tipText, s.tipBg],
    ];
    for (const [name, fg, bg] of pairs) expect(contrast(fg, bg), name).toBeGreaterThanOrEqual(4.5);
  });

  it.each(schemes)('%s: field borders reach 3:1 against the panel (WCAG 1.4.11)', (_, s) => {
    expect(contrast(s.field, s.bg)).toBeGreaterThanOrEqual(3);
  });
});
