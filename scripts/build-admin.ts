/**
 * Bundles the maintainers' console (`src/console/main.ts`) into one minified IIFE, `dist/admin.js`,
 * served at `/admin.js` by the page at `/admin` (no inline script: the page's CSP forbids it).
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** Where the built console is written. */
export const ADMIN_OUT = resolve(root, 'dist/admin.js');

/** The console bundled in memory; `from` is the repository root holding `src/console/` (see `buildWidget`). */
export async function buildAdmin(from = root): Promise<string> {
  const result = await build({
    entryPoints: [resolve(from, 'src/console/main.ts')],
    bundle: true,
    minify: true,
    format: 'iife',
    target: 'es2022',
    platform: 'browser',
    write: false,
    legalComments: 'none',
    charset: 'utf8',
    logLevel: 'silent',
  });
  const file = result.outputFiles[0];
  if (!file) throw new Error('esbuild produced no output for src/console/main.ts');
  return `/*! opi-helpdesk console */\n${file.text}`;
}

async function main(): Promise<void> {
  const js = await buildAdmin();
  await mkdir(dirname(ADMIN_OUT), { recursive: true });
  await writeFile(ADMIN_OUT, js);
  console.log(`dist/admin.js: ${(new TextEncoder().encode(js).length / 1024).toFixed(1)} KB`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  });
}
