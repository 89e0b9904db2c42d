import { describe, expect, it } from 'vitest';
import { ManualClock } from '../shared/clock';
import type { Environment } from '../shared/prompts';
import {
  DEFAULT_IDLE_AFTER_SECONDS,
  DEFAULT_POLL_MS,
  EnvironmentWatcher,
  type EnvironmentWatcherOptions,
  type PowerEvent,
} from './environment-watcher';

/** A power monitor whose idle time and events the test controls; it counts idle-time reads. */
class FakePower {
  idleSeconds = 0;
  reads = 0;
  private readonly listeners = new Map<PowerEvent, (() => void)[]>();

  on(event: PowerEvent, listener: () => void): void {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener]);
  }
  removeListener(event: PowerEvent, listener: () => void): void {
    this.listeners.set(
      event,
      (this.listeners.get(event) ?? []).filter((l) => l !== listener),
    );
  }
  getSystemIdleTime(): number {
    this.reads += 1;
    return this.idleSeconds;
  }
  emit(event: PowerEvent): void {
    for (const listener of this.listeners.get(event) ?? []) listener();
  }
  count(): number {
    return [...this.listeners.values()].reduce((n, list) => n + list.length, 0);
  }
}

function setup(options: Partial<EnvironmentWatcherOptions> = {}) {
  const clock = new ManualClock(Date.UTC(2025, 0, 15, 9, 0));
  const power = new FakePower();
  const changes: Environment[] = [];
  const watcher = new EnvironmentWatcher({ power, clock, onChange: (env) => changes.push(env), ...options });
  return { clock, power, changes, watcher };
}

const QUIET: Environment = { locked: false, idle: false, meeting: false, fullscreen: false };

describe('EnvironmentWatcher', () => {
  it('documents its defaults: idle after 5 minutes, polled every 15 s', () => {
    expect(DEFAULT_IDLE_AFTER_SECONDS).toBe(300);
    expect(DEFAULT_POLL_MS).toBe(15_000);
  });

  it('does nothing before start, and says nothing at start when all is quiet', () => {
    const t = setup();
    t.clock.advance(60_000);
    expect(t.power.reads).toBe(0);
    expect(t.power.count()).toBe(0);
    t.watcher.start();
    expect(t.power.reads).toBe(1);
    expect(t.power.count()).toBe(4);
    expect(t.changes).toEqual([]);
    expect(t.watcher.environment).toEqual(QUIET);
  });

  it('reports at once when the person is already idle at start', () => {
    const t = setup();
    t.power.idleSeconds = 600;
    t.watcher.start();
    expect(t.changes).toEqual([{ ...QUIET, idle: true }]);
  });

  it('is locked from lock-screen to unlock-screen', () => {
    const t = setup();
    t.watcher.start();
    t.power.emit('lock-screen');
    t.power.emit('unlock-screen');
    expect(t.changes).toEqual([{ ...QUIET, locked: true }, QUIET]);
  });

  it('is locked from suspend to resume', () => {
    const t = setup();
    t.watcher.start();
    t.power.emit('suspend');
    t.power.emit('resume');
    expect(t.changes).toEqual([{ ...QUIET, locked: true }, QUIET]);
  });

  it('a machine that locked, slept and woke stays locked until unlocked', () => {
    const t = setup();
    t.watcher.start();
    t.power.emit('lock-screen');
    t.power.emit('suspend');
    t.power.emit('resume');
    expect(t.watcher.environment.locked).toBe(true);
    t.power.emit('unlock-screen');
    expect(t.changes).toEqual([{ ...QUIET, locked: true }, QUIET]);
  });

  it('is idle from the threshold on, seen at the next poll', () => {
    const t = setup();
    t.watcher.start();
    t.power.idleSeconds = 299;
    t.clock.advance(DEFAULT_POLL_MS);
    expect(t.changes).toEqual([]);
    t.power.idleSeconds = 300;
    t.clock.advance(DEFAULT_POLL_MS - 1);
    expect(t.changes).toEqual([]);
    t.clock.advance(1);
    expect(t.changes).toEqual([{ ...QUIET, idle: true }]);
    t.power.idleSeconds = 2;
    t.clock.advance(DEFAULT_POLL_MS);
    expect(t.changes).toEqual([{ ...QUIET, idle: true }, QUIET]);
  });

  it('polls every pollMs and honours a custom idle threshold', () => {
    const t = setup({ idleAfterSeconds: 60, pollMs: 5_000 });
    t.watcher.start();
    t.clock.advance(20_000);
    expect(t.power.reads).toBe(5);
    t.power.idleSeconds = 60;
    t.clock.advance(5_000);
    expect(t.changes).toEqual([{ ...QUIET, idle: true }]);
  });

  it('reads idle at once on unlock and resume, and the next poll is a full period later', () => {
    const t = setup();
    t.watcher.start();
    t.power.emit('lock-screen');
    t.power.idleSeconds = 900;
    t.clock.advance(10_000);
    expect(t.changes).toEqual([{ ...QUIET, locked: true }]);
    t.power.idleSeconds = 0;
    t.power.emit('unlock-screen');
    expect(t.changes.at(-1)).toEqual(QUIET);
    const reads = t.power.reads;
    t.clock.advance(DEFAULT_POLL_MS - 1);
    expect(t.power.reads).toBe(reads);
    t.clock.advance(1);
    expect(t.power.reads).toBe(reads + 1);
    t.power.emit('resume');
    expect(t.power.reads).toBe(reads + 2);
  });

  it('is in a meeting while another app holds the camera', () => {
    const t = setup();
    t.watcher.start();
    t.watcher.setCameraState('on');
    t.watcher.setCameraState('busy');
    t.watcher.setCameraState('busy');
    t.watcher.setCameraState('off');
    expect(t.changes).toEqual([{ ...QUIET, meeting: true }, QUIET]);
  });

  it('keeps a camera state told before start and reports it at start', () => {
    const t = setup();
    t.watcher.setCameraState('busy');
    expect(t.changes).toEqual([]);
    t.watcher.start();
    expect(t.changes).toEqual([{ ...QUIET, meeting: true }]);
  });

  it('never reports full screen: other apps cannot be observed portably', () => {
    const t = setup();
    t.watcher.start();
    t.power.idleSeconds = 1_000;
    t.power.emit('lock-screen');
    t.watcher.setCameraState('busy');
    expect(t.changes.every((env) => !env.fullscreen)).toBe(true);
    expect(t.watcher.environment).toEqual({ locked: true, idle: true, meeting: true, fullscreen: false });
  });

  it('reports only changes, each as a fresh object', () => {
    const t = setup();
    t.watcher.start();
    t.power.emit('lock-screen');
    t.power.emit('lock-screen');
    t.power.emit('suspend');
    t.clock.advance(10 * DEFAULT_POLL_MS);
    expect(t.changes).toHaveLength(1);
    const first = t.changes[0];
    if (first) first.locked = false;
    expect(t.watcher.environment.locked).toBe(true);
  });

  it('dispose stops polling and listening', () => {
    const t = setup();
    t.watcher.start();
    t.watcher.dispose();
    const reads = t.power.reads;
    expect(t.power.count()).toBe(0);
    t.power.idleSeconds = 1_000;
    t.clock.advance(10 * DEFAULT_POLL_MS);
    t.power.emit('lock-screen');
    t.watcher.setCameraState('busy');
    t.watcher.start();
    expect(t.power.reads).toBe(reads);
    expect(t.changes).toEqual([]);
    t.watcher.dispose();
  });
});
