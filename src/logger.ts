/**
 * The Logger port: one line per event, English `msg` and machine-readable `data`; it never
 * receives secrets. Adapters write it (JSON lines on Node, `console` on Workers).
 */
export interface Logger {
  debug(msg: string, data?: Record<string, unknown>): void;
  info(msg: string, data?: Record<string, unknown>): void;
  warn(msg: string, data?: Record<string, unknown>): void;
  error(msg: string, data?: Record<string, unknown>): void;
}

/** A logger that drops everything (tests, scripts). */
export const silentLogger: Logger = { debug() {}, info() {}, warn() {}, error() {} };
