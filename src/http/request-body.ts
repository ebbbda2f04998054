import type { Context } from 'hono';
import { HelpdeskError } from '../errors.js';

const JSON_TYPE = /^application\/(?:[\w.+-]+\+)?json\s*(?:;|$)/i;

/**
 * Throws `unsupported_media_type` unless the request declares a JSON body. A form or `text/plain`
 * post, which any web page can send to another site without asking (no CORS preflight), never
 * gets past it.
 */
export function requireJsonBody(c: Context): void {
  if (!JSON_TYPE.test(c.req.header('content-type') ?? '')) {
    throw new HelpdeskError(
      'unsupported_media_type',
      'Anmodningen skal have indholdstypen application/json (sæt headeren Content-Type: application/json).',
    );
  }
}

/**
 * The request's JSON body. Throws `unsupported_media_type` unless the body is declared
 * as JSON, and `bad_request` when it is empty or not valid JSON.
 */
export async function readJsonBody(c: Context): Promise<unknown> {
  requireJsonBody(c);
  return parseJsonBody(c);
}

/**
 * The request's body parsed as JSON, whatever its declared type; an empty body is `{}` when
 * `allowEmpty`. Throws `bad_request` (field `body`) when it is empty or not valid JSON.
 */
export async function parseJsonBody(c: Context, { allowEmpty = false } = {}): Promise<unknown> {
  const text = await c.req.text();
  if (text.trim() === '') {
    if (allowEmpty) return {};
    throw new HelpdeskError('bad_request', 'Anmodningen mangler en JSON-krop.', { details: { fields: ['body'] } });
  }
  try {
    return JSON.parse(text);
  } catch (cause) {
    throw new HelpdeskError('bad_request', 'Anmodningens indhold er ikke gyldig JSON. Ret syntaksen, og prøv igen.', {
      cause,
      details: { fields: ['body'] },
    });
  }
}

/**
 * The request's `multipart/form-data` body. Throws `unsupported_media_type` unless it is declared so, and
 * `bad_request` (field `body`) when it cannot be parsed (a missing or broken boundary, a truncated part).
 */
export async function parseFormBody(c: Context): Promise<Record<string, string | File | (string | File)[]>> {
  if (!/^multipart\/form-data/i.test(c.req.header('content-type') ?? '')) {
    throw new HelpdeskError('unsupported_media_type', 'Send filen som multipart/form-data i feltet `file`.');
  }
  try {
    return await c.req.parseBody();
  } catch (cause) {
    throw new HelpdeskError('bad_request', 'Anmodningens multipart-indhold kan ikke læses. Send filen igen.', {
      cause,
      details: { fields: ['body'] },
    });
  }
}
