import { AttuneError } from '../../shared/envelope';
import { HELP, options, type Parsed } from '../args/command';
import { flagOption, numberOption, parseStrict, stringOption } from '../args/strict';
import { parseDuration } from '../analyze/duration';

export const SOAK_USAGE = `usage: attune soak [--minutes N] [--fps N] [--kill-engine-every DURATION] [--json]
  --minutes N                  simulated minutes of media, above 0 and at most 1440 (default 5)
  --fps N                      camera frames per simulated second, 1–60 (default 30)
  --kill-engine-every DURATION kill the engine with SIGKILL this often (e.g. 20s; at least 1s; default never);
                               the media then goes no faster than real time, so the kills fall inside the run
  --json                       one JSON report on stdout`;

export interface SoakOptions {
  /** Simulated minutes of media (default 5). */
  minutes: number;
  /** Camera frames per simulated second (default 30). */
  fps: number;
  /** Kill the engine with SIGKILL every this many wall-clock ms; null: never (default). */
  killEveryMs: number | null;
  json: boolean;
}

export function parseSoakArgs(argv: readonly string[]): Parsed<SoakOptions> {
  const { help, values } = parseStrict(argv, {
    minutes: { type: 'string' },
    fps: { type: 'string' },
    'kill-engine-every': { type: 'string' },
    json: { type: 'boolean', default: false },
  });
  if (help) return HELP;
  const minutes = numberOption(values, 'minutes', { min: 0, max: 24 * 60, integer: false }) ?? 5;
  if (minutes <= 0) throw new AttuneError('bad-input', `--minutes must be above 0, got ${String(values.minutes)}`);
  const fps = numberOption(values, 'fps', { min: 1, max: 60 }) ?? 30;
  const kill = stringOption(values, 'kill-engine-every');
  const killEveryMs = kill === undefined ? null : parseDuration(kill);
  if (killEveryMs !== null && killEveryMs < 1000) {
    throw new AttuneError('bad-input', '--kill-engine-every must be at least 1s (the engine needs time to start)');
  }
  return options({ minutes, fps, killEveryMs, json: flagOption(values, 'json') });
}
