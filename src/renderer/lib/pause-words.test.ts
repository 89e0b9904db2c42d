import { describe, expect, it } from 'vitest';
import { PAUSE_CHOICES, pauseWords } from './pause-words';

const at = (h: number, m: number, day = 10): number => new Date(2025, 5, day, h, m).getTime();

describe('pauseWords', () => {
  it('says nothing while not paused, and "Paused" for a pause until resumed', () => {
    expect(pauseWords(null, at(14, 5))).toBeNull();
    expect(pauseWords({ paused: false }, at(14, 5))).toBeNull();
    expect(pauseWords({ paused: true }, at(14, 5))).toBe('Paused');
  });

  it('names the time a timed pause ends', () => {
    expect(pauseWords({ paused: true, pausedUntil: at(14, 20) }, at(14, 5))).toBe('Paused until 14:20');
    expect(pauseWords({ paused: true, pausedUntil: at(0, 0, 11) }, at(14, 5))).toBe('Paused until tomorrow');
    expect(pauseWords({ paused: true, pausedUntil: at(0, 10, 11) }, at(23, 55))).toBe('Paused until Wed 00:10');
  });

  it('offers the tray’s three timed pauses', () => {
    expect(PAUSE_CHOICES.map((c) => c.span)).toEqual([15, 60, 'tomorrow']);
  });
});
