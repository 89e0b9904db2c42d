import { describe, expect, it } from 'vitest';
import { isPauseSpan, nextLocalMidnight, pauseDeadline } from './timed-pause';

describe('timed pause spans', () => {
  it('accepts whole minutes up to a day, and tomorrow', () => {
    for (const ok of [1, 15, 60, 1440, 'tomorrow']) expect(isPauseSpan(ok)).toBe(true);
    for (const bad of [0, -15, 1.5, 1441, Number.NaN, Infinity, '15', 'today', null, undefined, {}, [15]])
      expect(isPauseSpan(bad)).toBe(false);
  });

  it('ends a minutes pause that many minutes on, and tomorrow at the next local midnight', () => {
    const now = new Date(2025, 5, 10, 14, 5).getTime();
    expect(pauseDeadline(now, 15)).toBe(new Date(2025, 5, 10, 14, 20).getTime());
    expect(pauseDeadline(now, 60)).toBe(new Date(2025, 5, 10, 15, 5).getTime());
    expect(pauseDeadline(now, 'tomorrow')).toBe(new Date(2025, 5, 11, 0, 0).getTime());
  });
});

describe('nextLocalMidnight', () => {
  it('is the start of the next local day', () => {
    const now = new Date(2025, 5, 10, 18, 45).getTime();
    expect(nextLocalMidnight(now)).toBe(new Date(2025, 5, 11, 0, 0).getTime());
    const atMidnight = new Date(2025, 5, 11, 0, 0).getTime();
    expect(nextLocalMidnight(atMidnight)).toBe(new Date(2025, 5, 12, 0, 0).getTime());
  });
});
