import { describe, expect, it } from 'vitest';
import { parseDuration } from './duration';

describe('parseDuration', () => {
  it('reads units and plain seconds to ms', () => {
    expect(parseDuration('20m')).toBe(1_200_000);
    expect(parseDuration('90s')).toBe(90_000);
    expect(parseDuration('1h30m')).toBe(5_400_000);
    expect(parseDuration('1h2m3s4ms')).toBe(3_723_004);
    expect(parseDuration('1500ms')).toBe(1500);
    expect(parseDuration('1.5h')).toBe(5_400_000);
    expect(parseDuration('90')).toBe(90_000);
    expect(parseDuration(' 2.5 ')).toBe(2500);
    expect(parseDuration('0')).toBe(0);
  });

  it('explains what it cannot read', () => {
    const bad = (text: string, why: RegExp) =>
      expect(() => parseDuration(text), text).toThrow(
        expect.objectContaining({ kind: 'bad-input', message: expect.stringMatching(why) as unknown }),
      );
    bad('', /it is empty.*use e\.g\. 20m/);
    bad('20 minutes', /unknown format/);
    bad('-5s', /unknown format/);
    bad('5d', /unknown format/);
    bad('30m1h', /hours down to milliseconds/);
    bad('1m1m', /each once/);
    bad('1h 30m', /unknown format/);
  });
});
