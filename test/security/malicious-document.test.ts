import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readCorpusDir } from '../../src/adapters/node/fs-corpus.js';
import { loadConfig } from '../../src/config.js';
import { loadCorpus } from '../../src/corpus/index.js';
import { createApp } from '../../src/http/app.js';
import { silentLogger } from '../../src/logger.js';
import { createNodeHelpdesk } from '../../src/runtime/node-helpdesk.js';
import { get, postJson } from '../support/http.js';

const corpus = mkdtempSync(join(tmpdir(), 'hostile-corpus-'));
const HOSTILE = `---
title: "Samarbejde <img src=x onerror=alert(1)> </title><script>alert(2)</script>"
kind: guide
summary: "Om samarbejde\\" onmouseover=\\"alert(3)"
source:
  organisation: "<b>Ond</b> organisation"
  title: "Kilde"
  url: "javascript:alert(4)"
updated: "2024-01-01"
---

## Samarbejde "><script>alert(5)</script>

Samarbejde mellem kommune og virksomhed kræver en aftale. <script>alert(6)</script>
<img src=x onerror="alert(7)"> [klik her](javascript:alert(8)) <a href="javascript:alert(9)">link</a>

<iframe src="https://evil.example"></iframe>
`;

let app: ReturnType<typeof createApp>;
beforeAll(async () => {
  cpSync('test/fixtures/helpdesk-corpus', corpus, { recursive: true });
  mkdirSync(join(corpus, 'guide'), { recursive: true });
  writeFileSync(join(corpus, 'guide', 'ondsindet.md'), HOSTILE);
  // a second file with the same slug in another folder must not replace the first
  mkdirSync(join(corpus, 'case'), { recursive: true });
  writeFileSync(join(corpus, 'case', 'samarbejdsformer.md'), HOSTILE.replace('Samarbejde mellem', 'OVERTAGET mellem'));
  const config = loadConfig({ CORPUS_DIR: corpus, RATE_LIMIT_PER_MINUTE: '0' });
  const { helpdesk, manager } = await createNodeHelpdesk({
    config,
    logger: silentLogger,
    inMemory: true,
    vectorStore: 'exact',
  });
  await manager.open();
  app = createApp({ helpdesk, config, logger: silentLogger });
});
afterAll(() => rmSync(corpus, { recursive: true, force: true }));

describe('a malicious document author', () => {
  it('cannot run script in the source viewer: every payload is escaped text and javascript: never becomes a link', async () => {
    const res = await app.request(get('/docs/ondsindet'));
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('&lt;script&gt;');
    expect(html).not.toMatch(/<script|<img|<iframe|<a [^>]*href="javascript:/i);
    expect(html).not.toMatch(/<[^>]*\son[a-z]+\s*=/i); // no event-handler attribute inside any real tag
    expect(html).not.toMatch(/href="javascript:/i);
    const list = await (await app.request(get('/docs'))).text();
    expect(list).not.toMatch(/<script|<img/i);
  });

  it('gets cited by answers only with relative viewer links, and the answer JSON carries text, not markup that the API renders', async () => {
    const res = await app.request(
      postJson('/api/ask', { question: 'Hvad kræver samarbejde mellem kommune og virksomhed?' }),
    );
    expect(res.status).toBe(200);
    const answer = await res.json();
    for (const c of answer.citations as { url: string; text: string }[]) {
      expect(c.url).toMatch(/^\/docs\/[a-z0-9-]+#[a-z0-9-]+$/);
      expect(c.text).not.toMatch(/<img|<a /i);
    }
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
  });

  it('can shadow a document only by reusing its slug, which serves one document and is reported as an error', async () => {
    const all = (await (await app.request(get('/api/documents'))).json()).documents as {
      docId: string;
      path: string;
    }[];
    const same = all.filter((d) => d.docId === 'samarbejdsformer');
    expect(same).toHaveLength(1);
    expect(same[0]!.path).toBe('case/samarbejdsformer.md'); // the first by path wins
    const { issues } = loadCorpus(await readCorpusDir(corpus));
    expect(issues.some((i) => i.path === 'guide/samarbejdsformer.md' && i.severity === 'error')).toBe(true);
  });

  it('cannot reach files outside the corpus through document ids', async () => {
    for (const id of ['..%2F..%2Fpackage.json', '..%2Fguide%2Fondsindet', '%2Fetc%2Fpasswd', 'ondsindet.md']) {
      const api = await app.request(get(`/api/documents/${id}`));
      expect(api.status, id).toBe(404);
      const viewer = await app.request(get(`/docs/${id}`));
      expect(viewer.status, id).toBe(404);
      expect(await viewer.text()).not.toContain('"name": "opi-helpdesk"');
    }
  });
});
