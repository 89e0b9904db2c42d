import { describe, expect, it } from 'vitest';
import { ManualClock } from '../shared/clock';
import { AppService } from './app-service';
import { ok } from '../shared/envelope';
import type { AppStatus } from '../shared/mood';
import { nextLocalMidnight } from '../shared/timed-pause';

const MINUTE = 60_000;

function setup(start = new Date(2025, 0, 15, 14, 5).getTime()) {
  const clock = new ManualClock(start);
  const engine: boolean[] = [];
  const shown: AppStatus[] = [];
  const told: boolean[] = [];
  const service = new AppService({
    engine: {
      request: (method, ...args) => {
        if (method === 'setSensingPaused') engine.push(args[0] as boolean);
        return Promise.resolve(ok(null) as never);
      },
    },
    captureTarget: () => ({ kind: 'message-port' }),
    emit: (event, payload) => {
      if (event === 'status') shown.push(payload as AppStatus);
    },
    onPausedChange: (paused) => told.push(paused),
    clock,
  });
  return { clock, service, engine, shown, told };
}

describe('AppService timed pause', () => {
  it('pauses for 15 minutes, shows the deadline, then resumes by itself', async () => {
    const t = setup();
    const status = await t.service.pauseFor(15);
    expect(status).toMatchObject({ paused: true, camera: 'paused', pausedUntil: t.clock.now() + 15 * MINUTE });
    expect(t.engine).toEqual([true]);
    t.clock.advance(15 * MINUTE - 1);
    expect(t.service.getStatus().paused).toBe(true);
    t.clock.advance(1);
    expect(t.service.getStatus()).toMatchObject({ paused: false, camera: 'off' });
    expect(t.service.getStatus().pausedUntil).toBeUndefined();
    expect(t.engine).toEqual([true, false]);
    // Every page and the tray heard both changes.
    expect(t.told).toEqual([true, false]);
    expect(t.shown.at(-1)?.paused).toBe(false);
    t.clock.advance(2 * 60 * MINUTE);
    expect(t.engine).toEqual([true, false]);
  });

  it('pauses until the next local midnight', async () => {
    const t = setup();
    const status = await t.service.pauseFor('tomorrow');
    const midnight = nextLocalMidnight(t.clock.now());
    expect(status.pausedUntil).toBe(midnight);
    t.clock.advance(midnight - t.clock.now() - 1);
    expect(t.service.getStatus().paused).toBe(true);
    t.clock.advance(1);
    expect(t.service.getStatus().paused).toBe(false);
  });

  it('Resume ends it early, and a plain pause is not timed', async () => {
    const t = setup();
    await t.service.pauseFor(60);
    await t.service.setPaused(false);
    expect(t.service.getStatus().pausedUntil).toBeUndefined();
    await t.service.setPaused(true);
    t.clock.advance(3 * 60 * MINUTE);
    expect(t.service.getStatus()).toMatchObject({ paused: true });
    expect(t.service.getStatus().pausedUntil).toBeUndefined();
    expect(t.engine).toEqual([true, false, true]);
  });

  it('a new timed pause replaces the previous deadline', async () => {
    const t = setup();
    await t.service.pauseFor(60);
    await t.service.pauseFor(15);
    t.clock.advance(15 * MINUTE);
    expect(t.service.getStatus().paused).toBe(false);
    t.clock.advance(60 * MINUTE);
    expect(t.engine).toEqual([true, true, false]);
  });

  it('re-checks at least every minute, and checkPause resumes at once when time jumped past the deadline', async () => {
    const t = setup();
    await t.service.pauseFor(60);
    t.clock.advance(59 * MINUTE);
    expect(t.service.getStatus().paused).toBe(true);
    t.clock.advance(MINUTE);
    expect(t.service.getStatus().paused).toBe(false);

    // A clock that jumps without firing timers (sleep, the e2e test clock): checkPause finds the deadline passed.
    const jumpy = setup();
    await jumpy.service.pauseFor(15);
    jumpy.service.dispose();
    jumpy.clock.advance(20 * MINUTE);
    expect(jumpy.service.getStatus().paused).toBe(true);
    jumpy.service.checkPause();
    expect(jumpy.service.getStatus().paused).toBe(false);
  });

  it('is offered to pages through the renderer contract', async () => {
    const t = setup();
    const status = await t.service.handlers().pauseFor(15);
    expect(status.pausedUntil).toBe(t.clock.now() + 15 * MINUTE);
  });
});
