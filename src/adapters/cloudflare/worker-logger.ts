import type { Logger } from '../../logger.js';

const LEVELS = { debug: 10, info: 20, warn: 30, error: 40, silent: 100 } as const;

const SECRET_KEY = /(secret|token|password|authorization|signature|api[-_]?key|cookie)/i;

/** A JSON logger on the Workers console (Workers Logs); values under secret-looking keys are never written. */
export function createWorkerLogger(
  level: keyof typeof LEVELS,
  write: (line: string) => void = (line) => console.log(line),
): Logger {
  const min = LEVELS[level];
  const log = (lvl: 'debug' | 'info' | 'warn' | 'error') => (msg: string, data?: Record<string, unknown>) => {
    if (LEVELS[lvl] < min) return;
    const safe: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(data ?? {})) safe[k] = SECRET_KEY.test(k) ? '[hidden]' : v;
    write(JSON.stringify({ level: lvl, ...(safe.event === undefined ? {} : { event: safe.event }), msg, ...safe }));
  };
  return { debug: log('debug'), info: log('info'), warn: log('warn'), error: log('error') };
}
