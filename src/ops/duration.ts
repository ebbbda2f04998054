import { HelpdeskError } from '../errors.js';

const UNIT_MS: Record<string, number> = { h: 3_600_000, d: 86_400_000, w: 7 * 86_400_000 };

/**
 * Milliseconds of a period such as `30d`, `12h` or `2w` (a bare number is days).
 * Throws `bad_request` naming the accepted forms.
 */
export function parseDuration(text: string): number {
  const m = /^\s*(\d+)\s*([hdw]?)\s*$/i.exec(text);
  if (!m || Number(m[1]) <= 0) {
    throw new HelpdeskError(
      'bad_request',
      `Ugyldig periode "${text}": skriv fx 30d (dage), 12h (timer) eller 2w (uger).`,
      {
        details: { fields: ['since'] },
      },
    );
  }
  return Number(m[1]) * UNIT_MS[(m[2] || 'd').toLowerCase()]!;
}

/** The moment `period` before `now`. */
export function since(period: string, now: Date): Date {
  return new Date(now.getTime() - parseDuration(period));
}
