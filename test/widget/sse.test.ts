import { describe, expect, it } from 'vitest';
import { createSseParser, readSse, type SseEvent } from '../../src/widget/sse.js';

function parseAll(chunks: string[]): SseEvent[] {
  const events: SseEvent[] = [];
  const parser = createSseParser((e) => events.push(e));
  for (const c of chunks) parser.push(c);
  parser.end();
  return events;
}

describe('createSseParser', () => {
  it('parses named events with JSON data, as Hono streamSSE writes them', () => {
    expect(parseAll(['event: delta\ndata: {"text":"Hej "}\n\nevent: done\ndata: {"answer":"Hej"}\n\n'])).toEqual([
      { event: 'delta', data: '{"text":"Hej "}' },
      { event: 'done', data: '{"answer":"Hej"}' },
    ]);
  });

  it('joins events split at any point across chunks, including inside CRLF', () => {
    const text = 'event: citations\r\ndata: [1,2]\r\n\r\nevent: delta\r\ndata: {"text":"a"}\r\n\r\n';
    const expected = [
      { event: 'citations', data: '[1,2]' },
      { event: 'delta', data: '{"text":"a"}' },
    ];
    for (let cut = 1; cut < text.length; cut++) {
      expect(parseAll([text.slice(0, cut), text.slice(cut)])).toEqual(expected);
    }
  });

  it('joins multi-line data, ignores comments and unknown fields, and names unnamed events "message"', () => {
    expect(parseAll([': keep-alive\nid: 7\nretry: 10\ndata: a\ndata: b\n\n'])).toEqual([
      { event: 'message', data: 'a\nb' },
    ]);
  });

  it('dispatches a final event without a trailing blank line on end(), and none for an event without data', () => {
    expect(parseAll(['event: ping\n\nevent: done\ndata: {}'])).toEqual([{ event: 'done', data: '{}' }]);
  });
});

describe('readSse', () => {
  it('reads a byte stream with multi-byte characters split between chunks', async () => {
    const bytes = new TextEncoder().encode('event: delta\ndata: {"text":"Åbn kilden ø"}\n\n');
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < bytes.length; i += 3) controller.enqueue(bytes.slice(i, i + 3));
        controller.close();
      },
    });
    const events: SseEvent[] = [];
    await readSse(body, (e) => events.push(e));
    expect(events).toEqual([{ event: 'delta', data: '{"text":"Åbn kilden ø"}' }]);
  });
});
