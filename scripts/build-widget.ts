/**
 * Bundles the browser widget (`src/widget/main.ts`) into one minified IIFE, `dist/widget.js`.
 * Run as a script it writes the file, prints its raw and gzipped size, and fails above the size budget.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** Where the built widget is written. */
export const WIDGET_OUT = resolve(root, 'dist/widget.js');

/** The widget's size budget, gzipped. */
export const MAX_GZIP_BYTES = 40 * 1024;

/**
 * The widget bundled in memory: one minified ES2020 IIFE with no imports. `from` is the repository
 * root holding `src/widget/`; pass it when this module runs from a bundle (`dist/server/`), where its
 * own location says nothing about where the sources are.
 */
export async function buildWidget(from = root): Promise<string> {
  const result = await build({
    entryPoints: [resolve(from, 'src/widget/main.ts')],
    bundle: true,
    minify: true,
    format: 'iife',
    target: 'es2020',
    platform: 'browser',
    write: false,
    legalComments: 'none',
    charset: 'ascii',
    logLevel: 'silent',
  });
  const file = result.outputFiles[0];
  if (!file) throw new Error('esbuild produced no output for src/widget/main.ts');
  return `/*! opi-helpdesk widget */\n${file.text}`;
}

/** Raw and gzipped size of the built widget in bytes. */
export function widgetSize(js: string): { raw: number; gzip: number } {
  const bytes = new TextEncoder().encode(js);
  return { raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
}

async function main(): Promise<void> {
  const js = await buildWidget();
  await mkdir(dirname(WIDGET_OUT), { recursive: true });
  await writeFile(WIDGET_OUT, js);
  const { raw, gzip } = widgetSize(js);
  const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
  console.log(`dist/widget.js: ${kb(raw)} raw, ${kb(gzip)} gzipped (budget ${kb(MAX_GZIP_BYTES)} gzipped)`);
  if (gzip > MAX_GZIP_BYTES) {
    console.error(`The widget is ${kb(gzip - MAX_GZIP_BYTES)} over its gzip budget: make src/widget/ smaller.`);
    process.exitCode = 1;
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  });
}
