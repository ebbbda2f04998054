import type { Logger } from '../../logger.js';

const LEVELS = { debug: 10, info: 20, warn: 30, error: 40, silent: 100 } as const;
export type LogLevel = keyof typeof LEVELS;

const SECRET_KEY = /(secret|token|password|authorization|signature|api[-_]?key|cookie)/i;

/** Replace the values of secret-looking keys, recursively. */
export function redact(data: unknown, depth = 0): unknown {
  if (depth > 4 || data === null || typeof data !== 'object') return data;
  if (Array.isArray(data)) return data.map((d) => redact(d, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(data)) out[k] = SECRET_KEY.test(k) ? '[hidden]' : redact(v, depth + 1);
  return out;
}

/** Secrets shorter than this are not searched for in text (they would hide ordinary words). */
const MIN_SECRET_LENGTH = 8;

/**
 * A JSON-lines logger on stderr, one line per event (`{"t","level","event","msg",…data}`). Values
 * under secret-looking keys are never written, and the configured `secrets` themselves are cut out
 * of every line wherever they occur — e.g. in an error message from a model API or Slack that
 * repeats the key it was sent.
 */
export function createConsoleLogger(
  level: LogLevel,
  write: (line: string) => void = (l) => process.stderr.write(l),
  secrets: readonly (string | undefined)[] = [],
): Logger {
  const min = LEVELS[level];
  // Search for each secret as it appears inside a JSON string, longest first (one may contain another).
  const hidden = [...new Set(secrets.filter((x): x is string => !!x && x.length >= MIN_SECRET_LENGTH))]
    .sort((a, b) => b.length - a.length)
    .map((x) => JSON.stringify(x).slice(1, -1));
  const log = (lvl: Exclude<LogLevel, 'silent'>) => (msg: string, data?: Record<string, unknown>) => {
    if (LEVELS[lvl] < min) return;
    // the stable event key leads the line, before the English message
    const entry = {
      t: new Date().toISOString(),
      level: lvl,
      ...(data?.event === undefined ? {} : { event: data.event }),
      msg,
      ...(data ? (redact(data) as object) : {}),
    };
    let line = JSON.stringify(entry);
    for (const secret of hidden) line = line.split(secret).join('[hidden]');
    write(`${line}\n`);
  };
  return { debug: log('debug'), info: log('info'), warn: log('warn'), error: log('error') };
}
