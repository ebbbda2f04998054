/**
 * The URL of a worker thread's entry module (`name`, without extension) beside the module that starts it (`from`:
 * its `import.meta.url`). From the TypeScript source that is the `.ts` file next to it; in the server bundle the
 * entries sit in `dist/server/`, while code shared by several entries is split into `dist/server/chunks/`: from
 * there the entry is one folder up.
 */
export function workerEntryUrl(name: string, from: string): URL {
  const extension = from.endsWith('.ts') ? '.ts' : '.js';
  const here = new URL('.', from);
  const folder = here.pathname.endsWith('/chunks/') ? new URL('..', here) : here;
  return new URL(`${name}${extension}`, folder);
}
