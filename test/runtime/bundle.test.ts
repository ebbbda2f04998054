import { symlinkSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { type ChildServer, startChildServer } from '../../scripts/bench/server.js';
import { copyCorpus, removeTemps, tempDir } from './helpers.js';

/** Starting on a busy 2-core machine can take many seconds. */
const SLOW = 120_000;

afterAll(removeTemps);

describe('npm start: the server bundle', () => {
  let server: ChildServer | undefined;
  afterAll(async () => {
    await server?.stop();
  });

  it(
    'serves answers and builds the widget from the working directory when dist/widget.js is missing',
    async () => {
      // a fresh checkout as npm start sees it: sources present, no dist/widget.js (npm test builds that one here)
      const cwd = tempDir('bundle-cwd-');
      symlinkSync(resolve('src'), join(cwd, 'src'));
      server = await startChildServer({
        corpusDir: copyCorpus(),
        dataDir: tempDir('bundle-data-'),
        cwd,
        timeoutMs: SLOW - 10_000,
      });
      const widget = await fetch(`${server.url}/widget.js`);
      expect(widget.status).toBe(200);
      expect(await widget.text()).toMatch(/^\/\*! opi-helpdesk widget \*\//);
      const ask = await fetch(`${server.url}/api/ask`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ question: 'Hvad er OPI?' }),
      });
      expect(ask.status).toBe(200);
      expect(server.output()).not.toMatch(/Widgetten kunne ikke bygges/);
    },
    SLOW,
  );
});
