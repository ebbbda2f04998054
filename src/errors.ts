/**
 * The one error type of opi-helpdesk. `code` is a closed union so that
 * callers (and the HTTP layer's status mapping) can switch on it.
 */
export type ErrorCode =
  | 'bad_request'
  | 'validation_failed'
  | 'not_found'
  | 'payload_too_large'
  | 'unsupported_media_type'
  | 'unauthorized'
  | 'forbidden'
  | 'rate_limited'
  | 'index_not_ready'
  | 'index_incompatible'
  | 'corpus_invalid'
  | 'config_invalid'
  | 'upstream_failed'
  | 'store_unavailable'
  | 'storage_full'
  | 'timeout'
  | 'invalid_document'
  | 'not_implemented'
  | 'internal';

/** An error with a stable `code`, a message that says what to do, and an optional `cause`. */
export class HelpdeskError extends Error {
  override readonly name = 'HelpdeskError';
  readonly code: ErrorCode;
  /** Extra machine-readable detail (e.g. the failing field); never secrets. */
  readonly details?: Record<string, unknown>;

  constructor(code: ErrorCode, message: string, options?: { cause?: unknown; details?: Record<string, unknown> }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    if (options?.details) this.details = options.details;
  }

  /** True for any HelpdeskError, also across module copies. */
  static isInstance(value: unknown): value is HelpdeskError {
    return value instanceof Error && (value as { name?: string }).name === 'HelpdeskError' && 'code' in value;
  }
}
