/**
 * Recognisable personal data in free text, replaced before the text is stored: e-mail addresses,
 * Danish CPR numbers (ddmmyy-xxxx, ddmmyyxxxx, with a valid day and month) and phone numbers
 * (eight Danish digits, optionally grouped and with +45/0045, or any number with a + country code).
 * Names cannot be recognised reliably and are left as written.
 */

/** What each kind of personal data is replaced by (Danish: operators read the question log). */
export const REDACTED = {
  email: '[e-mail]',
  cpr: '[cpr-nr.]',
  phone: '[telefonnr.]',
} as const;

const EMAIL = /[^\s@<>()[\]{},;:"'`]+@[^\s@<>()[\]{},;:"'`]+\.[\p{L}]{2,}/giu;
/** ddmmyy, then an optional hyphen or space, then four digits; not part of a longer number or a reference (OPI-…). */
const CPR = /(?<![\p{L}\d+-])(?:0[1-9]|[12]\d|3[01])(?:0[1-9]|1[0-2])\d{2}[-\s]?\d{4}(?![\d-])/gu;
/** +45/0045 and eight digits in any grouping of pairs (12345678, 12 34 56 78, 1234 5678, 12-34-56-78). */
const DANISH_PHONE = /(?<![\p{L}\d+-])(?:(?:\+|00)45[\s-]?)?\d{2}(?:[\s-]?\d{2}){3}(?![\d-])/gu;
/** A foreign number written with its country code: + and 7 to 14 digits, spaces or hyphens allowed between them. */
const INTERNATIONAL_PHONE = /(?<![\d+])\+\d(?:[\s-]?\d){6,13}(?!\d)/g;
/** Two years with a separator ("2021-2022", "2019 2020"): a period, not a phone number. */
const YEAR_RANGE = /^(?:19|20)\d{2}[\s-](?:19|20)\d{2}$/;

/** `text` with every recognisable e-mail address, CPR number and phone number replaced (see `REDACTED`). */
export function redactPersonalData(text: string): string {
  return text
    .replace(EMAIL, REDACTED.email)
    .replace(CPR, REDACTED.cpr)
    .replace(INTERNATIONAL_PHONE, REDACTED.phone)
    .replace(DANISH_PHONE, (match) => (YEAR_RANGE.test(match) ? match : REDACTED.phone));
}
