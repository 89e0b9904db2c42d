import { describe, expect, it } from 'vitest';
import { ManualClock } from '../shared/clock';
import { PauseTimer, nextLocalMidnight } from './pause-timer';
import { HOUR_MS, MINUTE_MS } from './tray-menu';

function setup(start = Date.UTC(2025, 0, 15, 9, 0)) {
  const clock = new ManualClock(start);
  const calls: boolean[] = [];
  const timer = new PauseTimer({ clock, setPaused: (paused) => calls.push(paused) });
  return { clock, calls, timer };
}

describe('PauseTimer', () => {
  it('pauses for 15 minutes, then resumes', () => {
    const t = setup();
    t.timer.pauseFor(15 * MINUTE_MS);
    expect(t.calls).toEqual([true]);
    expect(t.timer.pausedUntil).toBe(t.clock.now() + 15 * MINUTE_MS);
    t.clock.advance(15 * MINUTE_MS - 1);
    expect(t.calls).toEqual([true]);
    t.clock.advance(1);
    expect(t.calls).toEqual([true, false]);
    expect(t.timer.pausedUntil).toBeNull();
    t.clock.advance(HOUR_MS);
    expect(t.calls).toEqual([true, false]);
  });

  it('resumes early when asked', () => {
    const t = setup();
    t.timer.pauseFor(HOUR_MS);
    t.timer.resume();
    t.clock.advance(2 * HOUR_MS);
    expect(t.calls).toEqual([true, false]);
  });

  it('a new pause replaces the previous deadline', () => {
    const t = setup();
    t.timer.pauseFor(HOUR_MS);
    t.timer.pauseFor(15 * MINUTE_MS);
    t.clock.advance(15 * MINUTE_MS);
    expect(t.calls).toEqual([true, true, false]);
    t.clock.advance(HOUR_MS);
    expect(t.calls).toEqual([true, true, false]);
  });

  it('forgets its deadline when the pause changes elsewhere (dashboard)', () => {
    const t = setup();
    t.timer.pauseFor(15 * MINUTE_MS);
    t.timer.pausedChanged(false);
    t.clock.advance(HOUR_MS);
    expect(t.calls).toEqual([true]);
  });

  it('ignores the change notification its own pause causes', () => {
    const clock = new ManualClock(0);
    const calls: boolean[] = [];
    // Like AppService: setPaused tells onPausedChange synchronously.
    const timer: PauseTimer = new PauseTimer({
      clock,
      setPaused: (paused) => {
        calls.push(paused);
        timer.pausedChanged(paused);
      },
    });
    timer.pauseFor(MINUTE_MS);
    clock.advance(MINUTE_MS);
    expect(calls).toEqual([true, false]);
  });

  it('re-checks at least every checkEveryMs, so wake-up from sleep resumes promptly', () => {
    const clock = new ManualClock(0);
    const calls: boolean[] = [];
    const timer = new PauseTimer({ clock, setPaused: (p) => calls.push(p), checkEveryMs: 60_000 });
    timer.pauseFor(HOUR_MS);
    clock.advance(59 * MINUTE_MS);
    expect(calls).toEqual([true]);
    clock.advance(MINUTE_MS);
    expect(calls).toEqual([true, false]);
  });

  it('check() resumes once the deadline has passed', () => {
    const t = setup();
    t.timer.pauseFor(MINUTE_MS);
    t.timer.check();
    expect(t.calls).toEqual([true]);
    t.timer.dispose();
    t.timer.pauseFor(MINUTE_MS);
    t.clock.advance(MINUTE_MS);
    t.timer.check();
    expect(t.calls).toEqual([true, true, false]);
  });

  it('reports a failing setPaused instead of throwing', async () => {
    const clock = new ManualClock(0);
    const errors: unknown[] = [];
    const timer = new PauseTimer({
      clock,
      setPaused: () => Promise.reject(new Error('engine gone')),
      onError: (err) => errors.push(err),
    });
    timer.pauseFor(MINUTE_MS);
    await Promise.resolve();
    await Promise.resolve();
    expect(errors).toHaveLength(1);
  });

  it('pauses until the next local midnight', () => {
    const t = setup();
    t.timer.pauseUntilTomorrow();
    const until = t.timer.pausedUntil ?? 0;
    expect(until).toBe(nextLocalMidnight(t.clock.now()));
    t.clock.advance(until - t.clock.now() - 1);
    expect(t.calls).toEqual([true]);
    t.clock.advance(1);
    expect(t.calls).toEqual([true, false]);
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
