import { z } from 'zod';
import { HelpdeskError } from '../errors.js';

const danish = z.locales.da().localeError;

/** The dotted path of a zod issue, e.g. `history.0.role`. */
function fieldOf(issue: z.core.$ZodIssue): string {
  return issue.path.map(String).join('.');
}

/**
 * Parses `input` with `schema` or throws a `validation_failed` HelpdeskError
 * whose message names the failing field (in Danish). `where` says what was parsed, e.g. "forespørgslen".
 */
export function parseOrThrow<S extends z.ZodType>(schema: S, input: unknown, where: string): z.output<S> {
  const result = schema.safeParse(input, { error: danish });
  if (result.success) return result.data;
  const issues = result.error.issues.map((issue) => {
    const field = fieldOf(issue);
    return field ? `feltet \`${field}\`: ${issue.message}` : issue.message;
  });
  const fields = result.error.issues.map(fieldOf).filter(Boolean);
  throw new HelpdeskError('validation_failed', `Ugyldig ${where} – ${issues.join('; ')}.`, {
    details: { fields },
  });
}
