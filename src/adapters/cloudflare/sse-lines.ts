/**
 * The `data:` payloads of a Server-Sent Events byte stream, in order, across
 * chunk boundaries (Workers AI streams text generation this way).
 */
export async function* sseData(stream: ReadableStream<Uint8Array>): AsyncGenerator<string> {
  const reader = stream.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  try {
    while (true) {
      const { value, done } = await reader.read();
      buffer += done ? decoder.decode() : decoder.decode(value, { stream: true });
      const lines = buffer.split(/\r?\n/);
      buffer = done ? '' : (lines.pop() ?? '');
      for (const line of lines) {
        if (line.startsWith('data:')) yield line.slice(5).trimStart();
      }
      if (done) return;
    }
  } finally {
    reader.releaseLock();
  }
}
