import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { type ErrorCode, HelpdeskError } from '../errors.js';
import type { Logger } from '../logger.js';

/** The JSON error body of every failed API request. */
export interface ErrorBody {
  error: { code: string; message: string; details?: Record<string, unknown> };
}

/** Shown instead of an unexpected error's detail (which goes to the log). */
export const GENERIC_ERROR_MESSAGE = 'Der opstod en uventet fejl på serveren. Prøv igen om lidt.';

const STATUS: Partial<Record<ErrorCode, ContentfulStatusCode>> = {
  bad_request: 400,
  validation_failed: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  payload_too_large: 413,
  unsupported_media_type: 415,
  invalid_document: 422,
  rate_limited: 429,
  not_implemented: 501,
  upstream_failed: 502,
  index_not_ready: 503,
  store_unavailable: 503,
  timeout: 504,
  storage_full: 507,
};

/** Default Danish messages for errors that arrive without a usable one (e.g. a bare HTTPException). */
const DEFAULT_MESSAGE: Partial<Record<ErrorCode, string>> = {
  bad_request: 'Anmodningen er ugyldig.',
  unauthorized: 'Adgang kræver gyldige loginoplysninger.',
  forbidden: 'Du har ikke adgang til denne ressource.',
  not_found: 'Ressourcen findes ikke.',
  payload_too_large: 'Anmodningens indhold er for stort.',
  unsupported_media_type: 'Anmodningens indholdstype understøttes ikke.',
  rate_limited: 'For mange forespørgsler. Vent lidt, og prøv igen.',
  upstream_failed: 'En ekstern tjeneste svarede ikke som forventet. Prøv igen om lidt.',
  index_not_ready: 'Vidensbasen indlæses stadig. Prøv igen om lidt.',
  timeout: 'Svaret tog for lang tid. Prøv igen om lidt.',
  store_unavailable:
    'Driftsdatabasen er ikke tilgængelig lige nu, så feedback og henvendelser kan ikke gemmes. Spørgsmål besvares stadig.',
  storage_full: 'Serveren har ikke plads til at gemme mere lige nu. Prøv igen senere.',
};

/**
 * The keys of `details` a client sees, by code: the failing request fields (`fields`, a list of
 * dotted paths) or the lines of a document to fix (`issues`). Everything else stays in the log.
 */
const PUBLIC_DETAILS: Partial<Record<ErrorCode, readonly string[]>> = {
  bad_request: ['fields'],
  validation_failed: ['fields'],
  invalid_document: ['issues'],
};

/** Codes whose message is for the operator (it names files on the server): clients get the default message. */
const OPERATOR_ONLY: ReadonlySet<ErrorCode> = new Set(['store_unavailable', 'storage_full']);

/** HTTP status for an error code; codes without a client meaning give 500. */
export function statusFor(code: ErrorCode): ContentfulStatusCode {
  return STATUS[code] ?? 500;
}

/** The `{"error": {code, message, details?}}` body. */
export function errorBody(code: ErrorCode, message: string, details?: Record<string, unknown>): ErrorBody {
  return { error: { code, message, ...(details ? { details } : {}) } };
}

/** A JSON error response; the status follows the code unless given. `details` only for codes that publish them. */
export function jsonError(
  c: Context,
  code: ErrorCode,
  message: string,
  status?: ContentfulStatusCode,
  details?: Record<string, unknown>,
): Response {
  return c.json(errorBody(code, message, details), status ?? statusFor(code));
}

const CODE_BY_STATUS: Record<number, ErrorCode> = {
  400: 'bad_request',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
  422: 'invalid_document',
  429: 'rate_limited',
  501: 'not_implemented',
  502: 'upstream_failed',
  503: 'index_not_ready',
  504: 'timeout',
  507: 'storage_full',
};

/** Any thrown value as a HelpdeskError (HTTPExceptions keep their status; the rest become `internal`). */
export function toHelpdeskError(err: unknown): HelpdeskError {
  if (HelpdeskError.isInstance(err)) return err;
  if (err instanceof HTTPException) {
    const code = CODE_BY_STATUS[err.status] ?? 'internal';
    const message = code === 'internal' ? GENERIC_ERROR_MESSAGE : (DEFAULT_MESSAGE[code] ?? GENERIC_ERROR_MESSAGE);
    return new HelpdeskError(code, message, { cause: err });
  }
  return new HelpdeskError('internal', GENERIC_ERROR_MESSAGE, { cause: err });
}

/**
 * The public form of an error: its code, status and a message safe to show.
 * Server-side failures (500) never expose their message; it is logged instead.
 */
export function publicError(err: unknown): {
  code: ErrorCode;
  status: ContentfulStatusCode;
  message: string;
  details?: Record<string, unknown>;
} {
  const e = toHelpdeskError(err);
  const status = statusFor(e.code);
  const message =
    status === 500
      ? GENERIC_ERROR_MESSAGE
      : (OPERATOR_ONLY.has(e.code) ? undefined : e.message) || (DEFAULT_MESSAGE[e.code] ?? GENERIC_ERROR_MESSAGE);
  const details = publicDetails(e);
  return { code: status === 500 ? 'internal' : e.code, status, message, ...(details ? { details } : {}) };
}

/** The part of an error's `details` its code publishes (see `PUBLIC_DETAILS`); undefined when nothing. */
function publicDetails(e: HelpdeskError): Record<string, unknown> | undefined {
  const keys = (PUBLIC_DETAILS[e.code] ?? []).filter((key) => e.details?.[key] !== undefined);
  return keys.length > 0 ? Object.fromEntries(keys.map((key) => [key, e.details![key]])) : undefined;
}

/**
 * True when the client has gone (its connection closed, or the runtime cut a request that did not
 * arrive in time): a failure then most likely comes from the body it stopped sending.
 */
export function clientGone(c: Context): boolean {
  return c.req.raw.signal.aborted;
}

/**
 * Logs an error: server-side failures with their detail, client errors briefly. A failure after
 * the client has gone (`gone`, see `clientGone`) is logged briefly too, without a stack trace.
 */
export function logError(logger: Logger, err: unknown, data: Record<string, unknown>, gone = false): void {
  const { status, code } = publicError(err);
  if (gone) {
    logger.debug('The client went away before the response was ready', {
      event: 'request.client_gone',
      ...data,
      error: err instanceof Error ? err.message : String(err),
    });
  } else if (status >= 500) {
    const detail =
      err instanceof Error
        ? { error: err.message, name: err.name, stack: err.stack, cause: describe(err.cause) }
        : { error: String(err) };
    logger.error('Request failed', { event: 'request.failed', ...data, status, code, ...detail });
  } else {
    logger.debug('Request refused', { event: 'request.refused', ...data, status, code });
  }
}

/** The JSON error response of any thrown value (see `publicError`), keeping an HTTPException's `Retry-After`. */
export function errorResponse(c: Context, err: unknown): Response {
  const { code, status, message, details } = publicError(err);
  const res = jsonError(c, code, message, status, details);
  const retryAfter = err instanceof HTTPException ? err.res?.headers.get('Retry-After') : undefined;
  if (retryAfter) res.headers.set('Retry-After', retryAfter);
  return res;
}

/**
 * The one error handler (`app.onError`) of the app and every module mounted in it: each error is
 * logged and answered as JSON `{"error": {code, message, details?}}`, never a stack trace.
 */
export function errorHandler(logger: Logger) {
  return (err: unknown, c: Context): Response => {
    logError(logger, err, { method: c.req.method, path: c.req.path, requestId: c.get('requestId') }, clientGone(c));
    return errorResponse(c, err);
  };
}

function describe(cause: unknown): string | undefined {
  if (cause === undefined) return undefined;
  return cause instanceof Error ? `${cause.name}: ${cause.message}` : String(cause);
}
