import { promisify } from 'node:util';
import { brotliCompress, constants } from 'node:zlib';
import type { ContentEncoder } from '../../http/middleware/compress.js';

const brotli = promisify(brotliCompress);

/**
 * Brotli quality per effort: 11 (the maximum, ~20 ms for the 32 KB widget) for bodies encoded once and kept,
 * 5 for bodies encoded per request (about gzip's speed, smaller output). Range 0–11.
 */
export const BROTLI_QUALITY = { max: 11, fast: 5 } as const;

/** The `ContentEncoder` for `br` on Node: node:zlib's brotli, run on libuv's thread pool. */
export function brotliEncoder(): ContentEncoder {
  return {
    encoding: 'br',
    async encode(body, effort) {
      const out = await brotli(body, {
        params: {
          [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
          [constants.BROTLI_PARAM_QUALITY]: BROTLI_QUALITY[effort],
          [constants.BROTLI_PARAM_SIZE_HINT]: body.byteLength,
        },
      });
      return new Uint8Array(out);
    },
  };
}
