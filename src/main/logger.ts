/**
 * A small leveled logger for the main process. Lines go to stderr by default; the sink is injected so
 * a file in userData can be added later without touching the callers.
 */
import type { Clock } from '../shared/clock';
import { systemClock } from '../shared/clock';
import type { LogLevel } from '../shared/engine-protocol';

export interface Logger {
  debug(message: string): void;
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
  log(level: LogLevel, message: string): void;
  /** A logger whose lines carry `scope` (e.g. "engine"). */
  child(scope: string): Logger;
}

export interface LoggerOptions {
  /** Lines below this level are dropped (default 'info'; ATTUNE_LOG_LEVEL overrides it in index.ts). */
  level?: LogLevel;
  /** Receives each formatted line, newline included (default: process.stderr). */
  write?: (line: string) => void;
  clock?: Clock;
  scope?: string;
}

const RANK: Record<LogLevel, number> = { debug: 0, info: 1, warn: 2, error: 3 };

export function isLogLevel(value: unknown): value is LogLevel {
  return typeof value === 'string' && value in RANK;
}

export function createLogger(options: LoggerOptions = {}): Logger {
  const level = options.level ?? 'info';
  const write = options.write ?? ((line: string) => void process.stderr.write(line));
  const clock = options.clock ?? systemClock;
  const prefix = options.scope ? `[${options.scope}] ` : '';
  const log = (lineLevel: LogLevel, message: string): void => {
    if (RANK[lineLevel] < RANK[level]) return;
    write(`${new Date(clock.now()).toISOString()} ${lineLevel.toUpperCase()} ${prefix}${message}\n`);
  };
  return {
    log,
    debug: (message) => log('debug', message),
    info: (message) => log('info', message),
    warn: (message) => log('warn', message),
    error: (message) => log('error', message),
    child: (scope) => createLogger({ level, write, clock, scope: options.scope ? `${options.scope}:${scope}` : scope }),
  };
}
