import type { Logger } from '../../src/logger.js';

/** One logged line; `data` only when some was given. */
export interface LogLine {
  level: 'debug' | 'info' | 'warn' | 'error';
  msg: string;
  data?: Record<string, unknown>;
}

/** A logger that keeps every line it is given. */
export class RecordingLogger implements Logger {
  readonly lines: LogLine[] = [];
  debug(msg: string, data?: Record<string, unknown>) {
    this.record('debug', msg, data);
  }
  info(msg: string, data?: Record<string, unknown>) {
    this.record('info', msg, data);
  }
  warn(msg: string, data?: Record<string, unknown>) {
    this.record('warn', msg, data);
  }
  error(msg: string, data?: Record<string, unknown>) {
    this.record('error', msg, data);
  }
  /** The lines of one level. */
  at(level: LogLine['level']): LogLine[] {
    return this.lines.filter((l) => l.level === level);
  }
  /** Everything logged, as one string. */
  text(): string {
    return JSON.stringify(this.lines);
  }
  private record(level: LogLine['level'], msg: string, data: Record<string, unknown> | undefined) {
    this.lines.push({ level, msg, ...(data ? { data } : {}) });
  }
}
