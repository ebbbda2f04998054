import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { type RunningServer, startServer } from '../../src/runtime/node.js';
import { RecordingLogger } from '../support/recording-logger.js';
import { cleanEnv, copyCorpus, removeTemps, tempDir, waitFor } from './helpers.js';

const TOKEN = 'console-runtime-token-123456';
const auth = { authorization: `Bearer ${TOKEN}` };

const DOC = `---
title: "Zebrastriber i udbud"
kind: guide
summary: "Hvordan zebrastriber bruges i et udbud."
tags: [udbud]
source:
  organisation: "Testkommunen"
  title: "Notat om zebrastriber"
updated: "2026-11-01"
---

## Zebrastriber

Zebrastriber males med hvid vejmaling to gange om året i et zebrastribeudbud.
`;

describe('console documents on the Node server', () => {
  const servers: RunningServer[] = [];
  afterAll(async () => {
    for (const s of servers) await s.close();
    removeTemps();
  });

  for (const watch of ['true', 'false']) {
    it(`writes a saved document atomically into CORPUS_DIR and the index serves it within 5 s (WATCH_CORPUS=${watch}); a deleted one is gone`, async () => {
      const corpus = copyCorpus();
      const server = await startServer({
        env: cleanEnv({
          CORPUS_DIR: corpus,
          DATA_DIR: tempDir('opi-console-data-'),
          PORT: '0',
          HOST: '127.0.0.1',
          WATCH_CORPUS: watch,
          RATE_LIMIT_PER_MINUTE: '0',
          ADMIN_TOKEN: TOKEN,
        }),
        logger: new RecordingLogger(),
      });
      servers.push(server);
      const search = async () =>
        (await (await fetch(`${server.url}/api/search?q=zebrastriber`)).json()) as { results: { docId: string }[] };
      expect((await search()).results.map((r) => r.docId)).not.toContain('zebra');
      const put = await fetch(`${server.url}/api/admin/documents/zebra`, {
        method: 'PUT',
        headers: { ...auth, 'content-type': 'text/markdown' },
        body: DOC,
      });
      expect(put.status).toBe(201);
      expect(readFileSync(join(corpus, 'guide/zebra.md'), 'utf8')).toBe(DOC);
      expect(readdirSync(join(corpus, 'guide')).filter((f) => f.endsWith('.tmp'))).toEqual([]);
      await waitFor(
        'the saved document in search',
        async () => (await search()).results.some((r) => r.docId === 'zebra'),
        5000,
      );
      const del = await fetch(`${server.url}/api/admin/documents/zebra`, { method: 'DELETE', headers: auth });
      expect(del.status).toBe(204);
      expect(existsSync(join(corpus, 'guide/zebra.md'))).toBe(false);
      await waitFor(
        'the deleted document gone from search',
        async () => !(await search()).results.some((r) => r.docId === 'zebra'),
        5000,
      );
    }, 60_000);
  }
});
