import { describe, expect, it } from 'vitest';
import { workerEntryUrl } from '../../../src/adapters/node/worker-url.js';

describe('workerEntryUrl', () => {
  it('finds the entry beside the source, and one folder up from a shared chunk of the server bundle', () => {
    expect(workerEntryUrl('search-worker', 'file:///app/src/adapters/node/search-pool.ts').href).toBe(
      'file:///app/src/adapters/node/search-worker.ts',
    );
    expect(workerEntryUrl('search-worker', 'file:///app/dist/server/node.js').href).toBe(
      'file:///app/dist/server/search-worker.js',
    );
    expect(workerEntryUrl('danish-word-list-worker', 'file:///app/dist/server/chunks/chunk-AB12.js').href).toBe(
      'file:///app/dist/server/danish-word-list-worker.js',
    );
  });
});
