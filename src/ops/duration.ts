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

/** Longest period a `since` may reach back: a hundred years. */
export const MAX_PERIOD_DAYS = 36_500;

/**
 * The moment `period` before `now`. Throws `bad_request` for a period longer than `MAX_PERIOD_DAYS` (which
 * would reach before any date, or past what a Date can hold: "999999999999d").
 */
export function since(period: string, now: Date): Date {
  const ms = parseDuration(period);
  if (ms > MAX_PERIOD_DAYS * UNIT_MS.d!) {
    throw new HelpdeskError('bad_request', `Perioden "${period}" er for lang: højst ${MAX_PERIOD_DAYS} dage.`, {
      details: { fields: ['since'] },
    });
  }
  return new Date(now.getTime() - ms);
}
