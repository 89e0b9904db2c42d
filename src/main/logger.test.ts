import { describe, expect, it } from 'vitest';
import { ManualClock } from '../shared/clock';
import { createLogger, isLogLevel } from './logger';

describe('createLogger', () => {
  it('writes timestamped lines at or above its level', () => {
    const lines: string[] = [];
    const log = createLogger({ level: 'info', write: (l) => lines.push(l), clock: new ManualClock(0) });
    log.debug('hidden');
    log.info('shown');
    log.error('bad');
    expect(lines).toEqual(['1970-01-01T00:00:00.000Z INFO shown\n', '1970-01-01T00:00:00.000Z ERROR bad\n']);
  });

  it('scopes child loggers', () => {
    const lines: string[] = [];
    const log = createLogger({ level: 'debug', write: (l) => lines.push(l), clock: new ManualClock(0) });
    log.child('engine').child('vision').log('warn', 'slow');
    expect(lines).toEqual(['1970-01-01T00:00:00.000Z WARN [engine:vision] slow\n']);
  });

  it('recognises level names', () => {
    expect(isLogLevel('warn')).toBe(true);
    expect(isLogLevel('verbose')).toBe(false);
    expect(isLogLevel(undefined)).toBe(false);
  });
});
