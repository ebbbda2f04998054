import type { Context, MiddlewareHandler } from 'hono';

/**
 * A content coding (RFC 9110 §8.4.1) that a runtime applies to a whole response body: the port behind
 * compression. gzip is `gzipEncoder` below (Web-standard `CompressionStream`); brotli comes from the runtime
 * (`adapters/node/brotli-encoder.ts`), because `CompressionStream` has no brotli on Node 20 or Workers.
 */
export interface ContentEncoder {
  /** Its token in `Accept-Encoding` and `Content-Encoding` (`br`, `gzip`). */
  readonly encoding: string;
  /**
   * The body encoded. `effort` is `max` for a body encoded once and kept (a response with an ETag, e.g.
   * `widget.js`) and `fast` for one encoded per request (JSON, `/docs` pages).
   */
  encode(body: Uint8Array<ArrayBuffer>, effort: 'fast' | 'max'): Promise<Uint8Array<ArrayBuffer>>;
}

/** gzip through the Web-standard `CompressionStream` (Node ≥ 18, Workers, browsers). */
export const gzipEncoder: ContentEncoder = {
  encoding: 'gzip',
  async encode(body) {
    const stream = new Blob([body]).stream().pipeThrough(new CompressionStream('gzip'));
    return new Uint8Array(await new Response(stream).arrayBuffer());
  },
};

/** Settings of `compress`; the defaults are `COMPRESSION_DEFAULTS`. */
export interface CompressOptions {
  /** Codings offered, most preferred first (a client that rates two equally gets the first). */
  encoders: readonly ContentEncoder[];
  /**
   * Bodies below this many bytes go out as they are: headers and a gzip frame would eat most of the gain and
   * the CPU is not worth it. Sensible range 512–2048 (one TCP segment is ~1,400 bytes).
   */
  minBytes?: number;
  /**
   * Encoded bodies of responses with an ETag kept by URL, ETag and coding, so a static asset (`widget.js`) is
   * encoded once per coding at `max` effort instead of per request. 8–64 is plenty: there are few such URLs.
   */
  cacheEntries?: number;
}

/** Defaults of `compress` (see `CompressOptions` for what each does). */
export const COMPRESSION_DEFAULTS = { minBytes: 1024, cacheEntries: 16 } as const;

/**
 * Types worth compressing: JSON, JavaScript, HTML and other text. `text/event-stream` is not among them: an SSE
 * stream must reach the client event by event, and compressing it would hold events back in the encoder.
 */
const COMPRESSIBLE =
  /^(?:application\/(?:[\w.-]+\+)?json|application\/(?:javascript|ecmascript|xml)|text\/(?:html|javascript|css|plain|markdown|xml|csv))\s*(?:;|$)/i;
const NO_TRANSFORM = /(?:^|,)\s*no-transform\s*(?:,|$)/i;
const VARY_ENCODING = /(?:^|,)\s*(?:accept-encoding|\*)\s*(?:,|$)/i;
/** Statuses that never carry a body, and a partial one that must stay byte-exact. */
const BODILESS = new Set([204, 206, 304]);

/**
 * The coding to use for an `Accept-Encoding` header: the offered one with the highest q-value (`*` stands for
 * any not named; q=0 refuses), ties to the earlier offered; `undefined` when none is acceptable or no header.
 */
export function negotiateEncoding(
  header: string | undefined,
  offered: readonly ContentEncoder[],
): ContentEncoder | undefined {
  if (!header) return undefined;
  const q = new Map<string, number>();
  for (const part of header.split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    if (!name) continue;
    const qParam = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const value = qParam ? Number(qParam.slice(2)) : 1;
    q.set(name.trim(), Number.isFinite(value) ? value : 0);
  }
  let best: { encoder: ContentEncoder; q: number } | undefined;
  for (const encoder of offered) {
    const rating = q.get(encoder.encoding) ?? q.get('*') ?? 0;
    if (rating > 0 && (!best || rating > best.q)) best = { encoder, q: rating };
  }
  return best?.encoder;
}

/**
 * Middleware compressing responses of compressible types (`COMPRESSIBLE`) of at least `minBytes` with the
 * coding the client prefers among `encoders`. Such responses carry `Vary: Accept-Encoding` whatever their size
 * or the client's header; the route's ETag and its 304 handling are left exactly as they are (the ETag names
 * the content, which is the same in every coding; caches keep the codings apart by `Vary`). Left alone: HEAD,
 * bodiless and partial statuses, a body already encoded, `Cache-Control: no-transform`, SSE and binary types.
 */
export function compress(options: CompressOptions): MiddlewareHandler {
  const minBytes = options.minBytes ?? COMPRESSION_DEFAULTS.minBytes;
  const cacheEntries = options.cacheEntries ?? COMPRESSION_DEFAULTS.cacheEntries;
  /** Encoded bodies by URL, ETag and coding, oldest first (Map order) for eviction. */
  const encoded = new Map<string, Promise<Uint8Array<ArrayBuffer>>>();

  return async function compressResponse(c, next) {
    await next();
    if (c.req.method === 'HEAD') return;
    const res = c.res;
    // status and headers only: reading the body here would take @hono/node-server off its fast path
    if (BODILESS.has(res.status) || res.headers.has('Content-Encoding')) return;
    const type = res.headers.get('Content-Type');
    if (!type || !COMPRESSIBLE.test(type) || NO_TRANSFORM.test(res.headers.get('Cache-Control') ?? '')) return;
    const vary = res.headers.get('Vary');
    if (!vary || !VARY_ENCODING.test(vary))
      res.headers.set('Vary', vary ? `${vary}, Accept-Encoding` : 'Accept-Encoding');
    const encoder = negotiateEncoding(c.req.header('Accept-Encoding'), options.encoders);
    const declared = res.headers.get('Content-Length');
    if (!encoder || (declared !== null && Number(declared) < minBytes)) return;

    const plain = new Uint8Array(await res.arrayBuffer());
    const headers = new Headers(res.headers);
    if (plain.byteLength < minBytes) {
      replace(c, new Response(plain, { status: res.status, headers }));
      return;
    }
    const etag = res.headers.get('ETag');
    let body: Uint8Array<ArrayBuffer>;
    if (etag) {
      const key = `${c.req.url}\n${etag}\n${encoder.encoding}`;
      let pending = encoded.get(key);
      if (!pending) {
        pending = encoder.encode(plain, 'max');
        pending.catch(() => encoded.delete(key));
        encoded.set(key, pending);
        if (encoded.size > cacheEntries) encoded.delete(encoded.keys().next().value!);
      }
      body = await pending;
    } else {
      body = await encoder.encode(plain, 'fast');
    }
    headers.set('Content-Encoding', encoder.encoding);
    headers.set('Content-Length', String(body.byteLength));
    replace(c, new Response(body, { status: res.status, headers }));
  };
}

/** Put `res` in place of the context's response as it is (assigning over one would merge the old headers in). */
function replace(c: Context, res: Response): void {
  c.res = undefined;
  c.res = res;
}
