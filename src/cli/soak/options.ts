import { parseArgs } from 'node:util';
import { AttuneError } from '../../shared/envelope';
import { parseDuration } from '../analyze/duration';

export interface SoakOptions {
  /** Simulated minutes of media (default 5). */
  minutes: number;
  /** Camera frames per simulated second (default 30). */
  fps: number;
  /** Kill the engine with SIGKILL every this many wall-clock ms; null: never (default). */
  killEveryMs: number | null;
  json: boolean;
}

export function parseSoakArgs(argv: string[]): SoakOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      minutes: { type: 'string', default: '5' },
      fps: { type: 'string', default: '30' },
      'kill-engine-every': { type: 'string' },
      json: { type: 'boolean', default: false },
    },
  });
  const minutes = Number(values.minutes);
  const fps = Number(values.fps);
  if (!(Number.isFinite(minutes) && minutes > 0 && minutes <= 24 * 60)) {
    throw new AttuneError('bad-input', `--minutes must be a number of minutes from 0 to 1440, got ${values.minutes}`);
  }
  if (!(Number.isInteger(fps) && fps >= 1 && fps <= 60)) {
    throw new AttuneError('bad-input', `--fps must be a whole number from 1 to 60, got ${values.fps}`);
  }
  const kill = values['kill-engine-every'];
  const killEveryMs = kill === undefined ? null : parseDuration(kill);
  if (killEveryMs !== null && killEveryMs < 1000) {
    throw new AttuneError('bad-input', '--kill-engine-every must be at least 1s (the engine needs time to start)');
  }
  return { minutes, fps, killEveryMs, json: values.json };
}
