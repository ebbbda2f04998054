import type { Context } from 'hono';

/**
 * The request body as raw bytes, or undefined when it is larger than `maxBytes`.
 * A declared `Content-Length` over the cap is refused before any byte is read; otherwise the
 * body is read as a stream and reading stops at the first chunk past the cap (a chunked body
 * without `Content-Length` is never held in memory beyond `maxBytes` plus one chunk).
 * Signatures are checked over exactly these bytes, before any parsing.
 */
export async function readRawBody(c: Context, maxBytes: number): Promise<Uint8Array | undefined> {
  const declared = Number(c.req.header('content-length') ?? '0');
  if (Number.isFinite(declared) && declared > maxBytes) return undefined;
  const body = c.req.raw.body;
  if (!body) return new Uint8Array(0);
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      // The rest is left unread: the runtime drains or drops it after the 413 is sent.
      if (size > maxBytes) return undefined;
      chunks.push(value);
    }
  } finally {
    reader.releaseLock();
  }
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}
