import { z } from 'zod';
import { HelpdeskError } from '../errors.js';

const danish = z.locales.da().localeError;

/** What a whole-value issue (an empty path, e.g. a failed refinement of the body) is reported as. */
const ROOT_FIELD = 'body';

/** The fields a zod issue names as dotted paths (`history.0.role`); an unknown key names the key itself. */
function fieldsOf(issue: z.core.$ZodIssue): string[] {
  const at = issue.path.map(String);
  if (issue.code === 'unrecognized_keys') return issue.keys.map((key) => [...at, key].join('.'));
  return [at.join('.') || ROOT_FIELD];
}

/**
 * Parses `input` with `schema` or throws a `validation_failed` HelpdeskError whose message names
 * each failing field (in Danish) and whose `details.fields` lists them. `where` says what was
 * parsed, e.g. "forespørgsel".
 */
export function parseOrThrow<S extends z.ZodType>(schema: S, input: unknown, where: string): z.output<S> {
  const result = schema.safeParse(input, { error: danish });
  if (result.success) return result.data;
  const issues = result.error.issues.map((issue) => {
    const fields = fieldsOf(issue).filter((field) => field !== ROOT_FIELD);
    return fields.length > 0 ? `feltet \`${fields.join('`, `')}\`: ${issue.message}` : issue.message;
  });
  const fields = [...new Set(result.error.issues.flatMap(fieldsOf))];
  throw new HelpdeskError('validation_failed', `Ugyldig ${where} – ${issues.join('; ')}.`, {
    details: { fields },
  });
}
