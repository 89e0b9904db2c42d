import { describe, expect, it } from 'vitest';
import { parseSoakArgs } from './options';
import { refused } from '../args/refused.test-support';

describe('soak options', () => {
  it('defaults to 5 minutes at 30 frames/s with no kills', () => {
    expect(parseSoakArgs([])).toEqual({
      help: false,
      options: { minutes: 5, fps: 30, killEveryMs: null, json: false },
    });
  });

  it('reads fractional minutes, a kill interval and --json', () => {
    expect(parseSoakArgs(['--minutes', '0.5', '--fps', '10', '--kill-engine-every', '20s', '--json'])).toEqual({
      help: false,
      options: { minutes: 0.5, fps: 10, killEveryMs: 20_000, json: true },
    });
  });

  it('refuses numbers out of range, a kill interval under 1 s and unknown options', () => {
    expect(refused(() => parseSoakArgs(['--minutes', 'abc']))).toMatch(/--minutes must be a number/);
    expect(refused(() => parseSoakArgs(['--minutes', '0']))).toMatch(/--minutes must be above 0/);
    expect(refused(() => parseSoakArgs(['--fps', '61']))).toMatch(/--fps must be a whole number from 1 to 60/);
    expect(refused(() => parseSoakArgs(['--kill-engine-every', '500ms']))).toMatch(/at least 1s/);
    expect(refused(() => parseSoakArgs(['--minute', '3']))).toMatch(/Unknown option/);
  });
});
