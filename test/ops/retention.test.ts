import { afterEach, describe, expect, it, vi } from 'vitest';
import { purgeExpired, startRetentionJob } from '../../src/ops/retention.js';
import type { PurgeResult, Store } from '../../src/store/store.js';
import { RecordingLogger, tempStore } from './helpers.js';

/** A store whose `purge` records its cut-offs and answers `result` (or throws `fail`). */
function purgingStore(result: PurgeResult, fail?: Error) {
  const cutoffs: string[] = [];
  const store = {
    async purge(olderThan: Date) {
      cutoffs.push(olderThan.toISOString());
      if (fail) throw fail;
      return result;
    },
  } as unknown as Store;
  return { store, cutoffs };
}

afterEach(() => {
  vi.useRealTimers();
});

describe('retention', () => {
  it('purges what is older than the retention period on a real store', async () => {
    let t = new Date('2025-01-01T00:00:00Z');
    const ctx = await tempStore({ now: () => t });
    await ctx.store.logQuestion({
      question: 'gammel',
      channel: 'web',
      answered: true,
      topScore: 1,
      citedChunkIds: [],
      latencyMs: 1,
    });
    t = new Date('2025-03-01T00:00:00Z');
    await ctx.store.logQuestion({
      question: 'ny',
      channel: 'web',
      answered: true,
      topScore: 1,
      citedChunkIds: [],
      latencyMs: 1,
    });
    expect(await purgeExpired(ctx.store, 90, t)).toMatchObject({ questions: 0 });
    expect(await purgeExpired(ctx.store, 30, t)).toMatchObject({ questions: 1 });
    expect((await ctx.store.listQuestions()).map((q) => q.question)).toEqual(['ny']);
    await ctx.cleanup();
  });

  it('runs at start and then every interval until stopped', async () => {
    vi.useFakeTimers();
    const logger = new RecordingLogger();
    const { store, cutoffs } = purgingStore({ questions: 2, feedback: 0, escalations: 1 });
    let now = new Date('2025-06-01T00:00:00Z');
    const stop = startRetentionJob(store, 90, logger, 60_000, () => now);
    await vi.advanceTimersByTimeAsync(0);
    expect(cutoffs).toEqual(['2025-03-03T00:00:00.000Z']);
    now = new Date('2025-06-02T00:00:00Z');
    await vi.advanceTimersByTimeAsync(60_000);
    expect(cutoffs).toEqual(['2025-03-03T00:00:00.000Z', '2025-03-04T00:00:00.000Z']);
    expect(logger.lines.filter((l) => l.msg === 'retention purge')).toHaveLength(2);
    stop();
    await vi.advanceTimersByTimeAsync(600_000);
    expect(cutoffs).toHaveLength(2);
  });

  it('logs a failing purge and keeps running', async () => {
    vi.useFakeTimers();
    const logger = new RecordingLogger();
    const { store, cutoffs } = purgingStore(
      { questions: 0, feedback: 0, escalations: 0 },
      new Error('database is locked'),
    );
    const stop = startRetentionJob(store, 30, logger, 1000);
    await vi.advanceTimersByTimeAsync(2500);
    expect(cutoffs).toHaveLength(3);
    expect(logger.lines.filter((l) => l.level === 'error')).toHaveLength(3);
    expect(logger.lines[0]!.data).toEqual({ event: 'retention.failed', error: 'database is locked' });
    stop();
  });
});
