import { describe, expect, it } from 'vitest';
import { contrast, darkenUntil, normalizeHex, paletteFor, readableOn } from '../../src/widget/color.js';

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

  it('meets AA (4.5:1) for text on the brand and accent text on white, for many brand colours', () => {
    for (const brand of [
      '#0b5394',
      '#ffeb3b',
      '#00ff00',
      '#ff0000',
      '#777777',
      '#ffffff',
      '#000000',
      '#e91e63',
      '#00bcd4',
    ]) {
      const p = paletteFor(brand);
      expect(contrast(p.brand, p.onBrand)).toBeGreaterThanOrEqual(4.5);
      expect(contrast(p.accent, '#ffffff')).toBeGreaterThanOrEqual(4.5);
    }
  });

  it('leaves an accent that already meets the ratio unchanged', () => {
    expect(darkenUntil('#0b5394', '#ffffff', 4.5)).toBe('#0b5394');
  });
});
