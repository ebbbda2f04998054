import type { Context } from 'hono';
import { HelpdeskError } from '../errors.js';

const JSON_TYPE = /^application\/(?:[\w.+-]+\+)?json\s*(?:;|$)/i;

/**
 * The request's JSON body. Throws `unsupported_media_type` unless the body is declared
 * as JSON, and `bad_request` when it is empty or not valid JSON.
 */
export async function readJsonBody(c: Context): Promise<unknown> {
  const type = c.req.header('content-type') ?? '';
  if (!JSON_TYPE.test(type)) {
    throw new HelpdeskError(
      'unsupported_media_type',
      'Anmodningen skal have indholdstypen application/json (sæt headeren Content-Type: application/json).',
    );
  }
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
