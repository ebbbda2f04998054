import type { Context } from 'hono';

/**
 * The request body as raw bytes, or undefined when it is larger than `maxBytes`.
 * Signatures are checked over exactly these bytes, before any parsing.
 */
export async function readRawBody(c: Context, maxBytes: number): Promise<Uint8Array | undefined> {
  const declared = Number(c.req.header('content-length') ?? '0');
  if (Number.isFinite(declared) && declared > maxBytes) return undefined;
  const bytes = new Uint8Array(await c.req.arrayBuffer());
  return bytes.byteLength > maxBytes ? undefined : bytes;
}
