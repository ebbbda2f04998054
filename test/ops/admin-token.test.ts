import { describe, expect, it } from 'vitest';
import { isAdminAuthorized } from '../../src/ops/admin-token.js';
import { MAX_PERIOD_DAYS, parseDuration, since } from '../../src/ops/duration.js';

describe('isAdminAuthorized', () => {
  it('accepts only the exact bearer token', async () => {
    expect(await isAdminAuthorized('Bearer abc123', 'abc123')).toBe(true);
    expect(await isAdminAuthorized('bearer abc123', 'abc123')).toBe(true);
    expect(await isAdminAuthorized('Bearer abc12', 'abc123')).toBe(false);
    expect(await isAdminAuthorized('Bearer abc1234', 'abc123')).toBe(false);
    expect(await isAdminAuthorized('Bearer ABC123', 'abc123')).toBe(false);
    expect(await isAdminAuthorized('abc123', 'abc123')).toBe(false);
    expect(await isAdminAuthorized('Bearer abc123 extra', 'abc123')).toBe(false);
    expect(await isAdminAuthorized(undefined, 'abc123')).toBe(false);
    expect(await isAdminAuthorized('Bearer ', '')).toBe(false);
  });
});

describe('parseDuration', () => {
  it('reads days, hours and weeks', () => {
    expect(parseDuration('30d')).toBe(30 * 86_400_000);
    expect(parseDuration('12h')).toBe(12 * 3_600_000);
    expect(parseDuration('2w')).toBe(14 * 86_400_000);
    expect(parseDuration('7')).toBe(7 * 86_400_000);
  });

  it('refuses anything else with a message naming the forms', () => {
    expect(() => parseDuration('forever')).toThrow(/30d/);
    expect(() => parseDuration('0d')).toThrow(/Ugyldig periode/);
    expect(() => parseDuration('-5d')).toThrow(/Ugyldig periode/);
  });
});

describe('since', () => {
  it('refuses a period longer than a hundred years as bad_request, never an invalid date', () => {
    const now = new Date('2026-12-07T12:00:00Z');
    expect(since(`${MAX_PERIOD_DAYS}d`, now).getTime()).toBe(now.getTime() - MAX_PERIOD_DAYS * 86_400_000);
    expect(() => since('999999999999d', now)).toThrow(/for lang/);
    expect(() => since(`${MAX_PERIOD_DAYS + 1}d`, now)).toThrow(expect.objectContaining({ code: 'bad_request' }));
  });
});
