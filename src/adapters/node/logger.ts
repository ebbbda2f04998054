import type { Logger } from '../../http/deps.js';

const LEVELS = { debug: 10, info: 20, warn: 30, error: 40, silent: 100 } as const;
export type LogLevel = keyof typeof LEVELS;

const SECRET_KEY = /(secret|token|password|authorization|signature|api[-_]?key|cookie)/i;

/** Replace the values of secret-looking keys, recursively. */
export function redact(data: unknown, depth = 0): unknown {
  if (depth > 4 || data === null || typeof data !== 'object') return data;
  if (Array.isArray(data)) return data.map((d) => redact(d, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(data)) out[k] = SECRET_KEY.test(k) ? '[skjult]' : redact(v, depth + 1);
  return out;
}

/** A JSON-lines logger on stderr; values under secret-looking keys are never written. */
export function createConsoleLogger(
  level: LogLevel,
  write: (line: string) => void = (l) => process.stderr.write(l),
): Logger {
  const min = LEVELS[level];
  const log = (lvl: Exclude<LogLevel, 'silent'>) => (msg: string, data?: Record<string, unknown>) => {
    if (LEVELS[lvl] < min) return;
    const entry = { t: new Date().toISOString(), level: lvl, msg, ...(data ? (redact(data) as object) : {}) };
    write(`${JSON.stringify(entry)}\n`);
  };
  return { debug: log('debug'), info: log('info'), warn: log('warn'), error: log('error') };
}
