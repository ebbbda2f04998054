import { describe, expect, it } from 'vitest';
import { REDACTED, redactPersonalData } from '../../src/store/redact.js';

describe('redactPersonalData', () => {
  it('replaces e-mail addresses, whatever their case or letters', () => {
    expect(redactPersonalData('Skriv til Anne.Holm+opi@Kommune.DK eller søren@æble.dk.')).toBe(
      `Skriv til ${REDACTED.email} eller ${REDACTED.email}.`,
    );
  });

  it('replaces CPR numbers written ddmmyy-xxxx, ddmmyyxxxx or with a space', () => {
    for (const cpr of ['010203-1234', '0102031234', '311299 4321']) {
      expect(redactPersonalData(`Mit CPR-nummer er ${cpr}, hvad nu?`), cpr).toBe(
        `Mit CPR-nummer er ${REDACTED.cpr}, hvad nu?`,
      );
    }
  });

  it('replaces Danish phone numbers in the usual groupings, with or without +45, and foreign ones with a country code', () => {
    for (const phone of [
      '12345678',
      '12 34 56 78',
      '1234 5678',
      '+45 12 34 56 78',
      '004512345678',
      '+46 70 123 45 67',
    ]) {
      expect(redactPersonalData(`Ring på ${phone} i morgen`), phone).toBe(`Ring på ${REDACTED.phone} i morgen`);
    }
  });

  it('keeps what is not personal data: years, periods, amounts, dates and ordinary numbers', () => {
    const text =
      'I 2021-2022 sparede 240 elever 17 minutter; budgettet var 1.500.000 kr. den 01.02.2026, sag 2024/117, OPI-2026-0042.';
    expect(redactPersonalData(text)).toBe(text);
  });

  it('does not treat an impossible date as a CPR number', () => {
    expect(redactPersonalData('Nummer 3213991234')).toBe('Nummer 3213991234');
  });
});
