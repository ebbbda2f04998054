import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { type ChildServer, startChildServer } from '../../scripts/bench/server.js';
import { copyCorpus, removeTemps, tempDir } from './helpers.js';

/** Starting on a busy 2-core machine can take many seconds. */
const SLOW = 120_000;

afterAll(removeTemps);

/**
 * The packages the server bundle loads: bare specifiers of every file reachable from its entry points (`seen` collects
 * those files).
 */
function bundlePackages(
  entries = [
    'dist/server/node.js',
    'dist/server/parallel-build-worker.js',
    'dist/server/danish-word-list-worker.js',
    'dist/server/hnsw-graph-file-worker.js',
    'dist/server/hnsw-build-worker.js',
    'dist/server/search-worker.js',
  ],
  seen = new Set<string>(),
): Set<string> {
  const packages = new Set<string>();
  const queue = [...entries];
  for (let file = queue.pop(); file; file = queue.pop()) {
    if (seen.has(file)) continue;
    seen.add(file);
    const code = readFileSync(file, 'utf8');
    // (a specifier has no spaces: a string in the code that ends with "from" is no import)
    for (const [, specifier] of code.matchAll(/(?:\bfrom\s*|\bimport\s*\(\s*|\bimport\s+)["']([^"'\s]+)["']/g)) {
      if (specifier!.startsWith('.')) queue.push(join(dirname(file), specifier!));
      else packages.add(specifier!.startsWith('node:') ? 'node:' : packageName(specifier!));
    }
  }
  return packages;
}

/**
 * The worker entries the bundle's code starts that are not where it looks for them. Code shared by several entries is
 * split into `dist/server/chunks/`; a worker URL made relative to such a chunk ("./search-worker.js") points into
 * `chunks/`, where no entry is, and the work silently falls back to the main thread.
 */
function misplacedWorkers(files: Iterable<string>, dir = 'dist/server'): string[] {
  const wrong: string[] = [];
  for (const file of files) {
    const code = readFileSync(file, 'utf8');
    for (const [, name] of code.matchAll(/new URL\(\s*[`"']\.\/([\w-]+-worker)/g))
      if (!existsSync(join(dirname(file), `${name}.js`))) wrong.push(`${file}: ${name}`);
    for (const [, name] of code.matchAll(/workerEntryUrl\(\s*["']([\w-]+)["']/g))
      if (!existsSync(join(dir, `${name}.js`))) wrong.push(`${file}: ${name}`);
  }
  return wrong;
}

/** `@scope/name` or `name` of a bare specifier such as `hono/cors`. */
function packageName(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]!;
}

describe('npm start: the server bundle', () => {
  let server: ChildServer | undefined;
  afterAll(async () => {
    await server?.stop();
  });

  it(
    'serves answers without the built widget, answers /widget.js with the command that builds it, and holds no build tooling',
    async () => {
      // a working directory without dist/widget.js: the build step (npm run build) did not run there
      server = await startChildServer({
        corpusDir: copyCorpus(),
        dataDir: tempDir('bundle-data-'),
        cwd: tempDir('bundle-cwd-'),
        timeoutMs: SLOW - 10_000,
      });
      const ask = await fetch(`${server.url}/api/ask`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ question: 'Hvad er OPI?' }),
      });
      expect(ask.status).toBe(200);
      const widget = await fetch(`${server.url}/widget.js`);
      expect(widget.status).toBe(404);
      expect(((await widget.json()) as { error: { message: string } }).error.message).toMatch(/npm run build:widget/);
      // what npm start loads needs only production dependencies: no esbuild, no build scripts
      const { dependencies } = JSON.parse(readFileSync('package.json', 'utf8')) as { dependencies: object };
      const files = new Set<string>();
      const loaded = bundlePackages(undefined, files);
      expect(loaded).toContain('hono');
      expect([...loaded].filter((name) => name !== 'node:' && !(name in dependencies))).toEqual([]);
      // every worker thread the bundle starts is found where the code looks for it
      expect(files.size).toBeGreaterThan(6);
      expect(misplacedWorkers(files)).toEqual([]);
      // the benchmark's memory reading of a server that has stopped says so, with its exit, not ENOENT of /proc
      expect(server.rss()).toBeGreaterThan(0);
      await server.stop();
      expect(() => server!.rss()).toThrow(/has stopped \(exit code/);
    },
    SLOW,
  );
});
