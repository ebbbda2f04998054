import { describe, expect, it } from 'vitest';
import { createConsoleLogger } from '../../../src/adapters/node/logger.js';
import { createWorkerLogger } from '../../../src/adapters/cloudflare/worker-logger.js';

describe('the JSON-lines loggers', () => {
  it('writes one line per event, the stable event key before the message', () => {
    const lines: string[] = [];
    createConsoleLogger('info', (l) => lines.push(l)).info('Index ready', { event: 'index.ready', documents: 3 });
    expect(lines).toHaveLength(1);
    const entry = JSON.parse(lines[0]!);
    expect(Object.keys(entry)).toEqual(['t', 'level', 'event', 'msg', 'documents']);
    expect(entry).toMatchObject({ level: 'info', event: 'index.ready', msg: 'Index ready', documents: 3 });
  });

  it('does the same on Workers', () => {
    const lines: string[] = [];
    createWorkerLogger('info', (l) => lines.push(l)).warn('Vector search failed', { event: 'vector.fallback' });
    expect(Object.keys(JSON.parse(lines[0]!))).toEqual(['level', 'event', 'msg']);
  });
});
