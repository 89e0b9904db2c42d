import { describe, expect, it } from 'vitest';
import { CIRCLE_MAX, CIRCLE_MIN, breathAt, breathCue, countdownWords, exerciseMs } from './breathing';

describe('paced breathing', () => {
  it('lasts one minute: six breaths of 4 s in and 6 s out', () => {
    expect(exerciseMs()).toBe(60_000);
  });

  it('starts breathing in, small', () => {
    const m = breathAt(0);
    expect(m).toMatchObject({ phase: 'in', breath: 1, progress: 0, phaseSecondsLeft: 4, secondsLeft: 60 });
    expect(m.scale).toBeCloseTo(CIRCLE_MIN);
  });

  it('is halfway through the in-breath at 2 s, halfway grown', () => {
    const m = breathAt(2000);
    expect(m).toMatchObject({ phase: 'in', breath: 1, progress: 0.5, phaseSecondsLeft: 2, secondsLeft: 58 });
    expect(m.scale).toBeCloseTo((CIRCLE_MIN + CIRCLE_MAX) / 2);
  });

  it('turns to breathing out at 4 s, full size', () => {
    const m = breathAt(4000);
    expect(m).toMatchObject({ phase: 'out', breath: 1, progress: 0, phaseSecondsLeft: 6, secondsLeft: 56 });
    expect(m.scale).toBeCloseTo(CIRCLE_MAX);
    expect(breathAt(7000)).toMatchObject({ phase: 'out', progress: 0.5, phaseSecondsLeft: 3 });
  });

  it('starts the second breath at 10 s and the last at 50 s', () => {
    expect(breathAt(10_000)).toMatchObject({ phase: 'in', breath: 2, secondsLeft: 50 });
    expect(breathAt(59_999)).toMatchObject({ phase: 'out', breath: 6, phaseSecondsLeft: 1, secondsLeft: 1 });
  });

  it('is done at one minute, and treats negative time as the start', () => {
    expect(breathAt(60_000)).toMatchObject({ phase: 'done', breath: 6, secondsLeft: 0, scale: CIRCLE_MIN });
    expect(breathAt(-500)).toMatchObject({ phase: 'in', breath: 1, progress: 0 });
  });

  it('follows a custom pace', () => {
    const pace = { inMs: 1000, outMs: 1000, breaths: 2 };
    expect(exerciseMs(pace)).toBe(4000);
    expect(breathAt(2500, pace)).toMatchObject({ phase: 'in', breath: 2, progress: 0.5 });
  });

  it('cues and counts down in words', () => {
    expect(breathCue(breathAt(1200))).toBe('Breathe in… 3');
    expect(breathCue(breathAt(4100))).toBe('Breathe out… 6');
    expect(breathCue(breathAt(60_000))).toMatch(/minute/);
    expect(countdownWords(60)).toBe('1:00');
    expect(countdownWords(9)).toBe('0:09');
    expect(countdownWords(-1)).toBe('0:00');
  });
});
