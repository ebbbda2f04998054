import { readdirSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { buildWidget, MAX_GZIP_BYTES, widgetSize } from '../../scripts/build-widget.js';

const widgetDir = resolve(dirname(fileURLToPath(import.meta.url)), '../../src/widget');

describe('buildWidget', () => {
  it('bundles one self-contained IIFE under the gzip budget', async () => {
    const js = await buildWidget();
    const { raw, gzip } = widgetSize(js);
    expect(gzip).toBeLessThan(MAX_GZIP_BYTES);
    expect(raw).toBeGreaterThan(gzip);
    expect(js).toMatch(/^\/\*! opi-helpdesk widget \*\/\n"use strict";\(\(\)=>\{/);
    expect(js).not.toMatch(/\bimport\s*\(|\brequire\(|^import |^export /m);
  });

  it('names no third-party origin (only the SVG namespace) and builds no HTML from strings', async () => {
    const js = await buildWidget();
    const urls = [...new Set(js.match(/https?:\/\/[\w.-]+/g) ?? [])];
    expect(urls).toEqual(['http://www.w3.org']);
    expect(js).not.toMatch(/innerHTML|outerHTML|insertAdjacentHTML|document\.write|\beval\(|new Function/);
  });

  it('leaves the HTML parser out of the widget source, too', () => {
    for (const file of readdirSync(widgetDir)) {
      const source = readFileSync(resolve(widgetDir, file), 'utf8');
      expect(source, file).not.toMatch(/innerHTML|outerHTML|insertAdjacentHTML|document\.write/);
    }
  });
});
