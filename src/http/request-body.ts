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
  const text = await c.req.text();
  if (text.trim() === '') {
    throw new HelpdeskError('bad_request', 'Anmodningen mangler en JSON-krop.');
  }
  try {
    return JSON.parse(text);
  } catch (cause) {
    throw new HelpdeskError('bad_request', 'Anmodningens indhold er ikke gyldig JSON. Ret syntaksen, og prøv igen.', {
      cause,
    });
  }
}
