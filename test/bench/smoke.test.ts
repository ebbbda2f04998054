import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readCorpusDir } from '../../src/adapters/node/fs-corpus.js';
import { chunkDocument, loadCorpus } from '../../src/corpus/index.js';
import { generateCorpus, parseSize } from '../../scripts/bench/corpus-generator.js';
import { machineInfo, MARKERS, renderMarkdown } from '../../scripts/bench/report.js';
import { runSize, type SizeResult } from '../../scripts/bench/run-size.js';
import { renderSvg } from '../../scripts/bench/svg-chart.js';

const work = mkdtempSync(join(tmpdir(), 'opi-bench-smoke-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('corpus generator', () => {
  it('parses size names', () => {
    expect(parseSize('1k')).toBe(1000);
    expect(parseSize('100k')).toBe(100_000);
    expect(parseSize('1M')).toBe(1_000_000);
    expect(parseSize('250')).toBe(250);
    expect(() => parseSize('lots')).toThrow(/Ukendt størrelse/);
  });

  it('is deterministic, valid and close to the requested chunk count', async () => {
    const a = generateCorpus({ chunks: 200, dir: join(work, 'a'), questions: 10 });
    const b = generateCorpus({ chunks: 200, dir: join(work, 'b'), questions: 10 });
    expect(b).toEqual(a);
    expect(readFileSync(join(work, 'b', a.samplePaths[0]!), 'utf8')).toBe(
      readFileSync(join(work, 'a', a.samplePaths[0]!), 'utf8'),
    );
    const { documents, issues } = loadCorpus(await readCorpusDir(join(work, 'a')));
    expect(issues).toEqual([]);
    expect(documents).toHaveLength(a.documents);
    const chunks = documents.reduce((n, d) => n + chunkDocument(d).length, 0);
    expect(chunks).toBe(a.expectedChunks);
    expect(Math.abs(chunks - 200)).toBeLessThan(30);
    const other = generateCorpus({ chunks: 200, dir: join(work, 'c'), seed: 7, questions: 10 });
    expect(other.questions).not.toEqual(a.questions);
  });
});

describe('benchmark run (smoke)', () => {
  let result: SizeResult;

  it('measures every section on a tiny corpus', { timeout: 240_000 }, async () => {
    result = await runSize({
      size: '200',
      workDir: join(work, 'run'),
      loadSeconds: 1,
      warmupSeconds: 0,
      questions: 20,
      connections: 4,
      log: () => {},
    });
    expect(result.chunks).toBeGreaterThan(150);
    expect(result.documents).toBeGreaterThan(10);
    expect(result.ingest.incrementalMs).toHaveLength(2);
    expect(result.ingest.markdownMBps).toBeGreaterThan(0);
    expect(result.indexBytes).toBeGreaterThan(0);
    expect(result.memory.rssAfterLoadMB).toBeGreaterThan(10);
    expect(result.coldStartMs).toBeGreaterThan(0);
    expect(result.inProcess.search.n).toBe(20);
    expect(result.inProcess.ask.p99).toBeGreaterThanOrEqual(result.inProcess.ask.p50);
    expect(result.http?.search.total).toBeGreaterThan(0);
    expect(result.http?.ask.total).toBeGreaterThan(0);
    expect(result.http?.search.non2xx).toBe(0);
    expect(result.http?.ask.errors).toBe(0);
    expect(result.vector.defaultRecall).toBeGreaterThan(0);
    expect(result.vector.defaultRecall).toBeLessThanOrEqual(1);
    expect(result.vector.curve.map((p) => p.ef)).toEqual([10, 16, 32, 64, 128, 256]);
  });

  it('renders the report table and the chart', () => {
    const md = renderMarkdown(machineInfo(), [result]);
    expect(md).toContain(MARKERS.start);
    expect(md).toContain('| Måling | 200 |');
    expect(md).toMatch(/\| Tekststykker \(chunks\) \| \d/);
    expect(md).toContain('## Mål');
    const again = renderMarkdown(machineInfo(), [result], md.replace(MARKERS.end, `${MARKERS.end}\n\nNoter bevares.`));
    expect(again).toContain('Noter bevares.');
    expect(again.split(MARKERS.start)).toHaveLength(2);
    const svg = renderSvg([result]);
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg).toContain('<circle');
    expect(svg).not.toContain('NaN');
  });
});
