import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { AttuneEvents, EventListener } from '../../shared/api';
import { fail, ok, type Envelope } from '../../shared/envelope';
import type { AppStatus } from '../../shared/mood';
import { followPause } from './follow-pause';

const status = (paused: boolean): AppStatus => ({
  engine: 'ready',
  paused,
  camera: 'on',
  modelLoadMs: 1,
  lastFrameAt: null,
  problem: null,
});

function fakeApp(answers: Envelope<AppStatus>[]) {
  const listeners: EventListener<'status'>[] = [];
  let resolveNext: ((e: Envelope<AppStatus>) => void) | null = null;
  const app = {
    calls: 0,
    getStatus: () => {
      app.calls += 1;
      const next = answers.shift();
      if (next) return Promise.resolve(next);
      return new Promise<Envelope<AppStatus>>((resolve) => (resolveNext = resolve));
    },
    on: <E extends keyof AttuneEvents>(_event: E, listener: EventListener<E>) => {
      listeners.push(listener as EventListener<'status'>);
      return () => listeners.splice(listeners.indexOf(listener as EventListener<'status'>), 1);
    },
    emit: (s: AppStatus) => listeners.forEach((l) => l(s)),
    answerLate: (e: Envelope<AppStatus>) => resolveNext?.(e),
    listenerCount: () => listeners.length,
  };
  return app;
}

function fakeSampler() {
  const log: string[] = [];
  return {
    log,
    start: () => {
      log.push('start');
      return Promise.resolve();
    },
    stop: (reason: 'off' | 'paused' = 'off') => {
      log.push(`stop:${reason}`);
    },
  };
}

const flush = async (): Promise<void> => {
  for (let i = 0; i < 5; i++) await Promise.resolve();
};

describe('followPause', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('starts the camera only once the app says it is not paused', async () => {
    const app = fakeApp([ok(status(false))]);
    const sampler = fakeSampler();
    followPause(app, sampler);
    expect(sampler.log).toEqual([]);
    await flush();
    expect(sampler.log).toEqual(['start']);
  });

  it('keeps the camera off when the app starts paused, and follows status events', async () => {
    const app = fakeApp([ok(status(true))]);
    const sampler = fakeSampler();
    followPause(app, sampler);
    await flush();
    app.emit(status(true));
    app.emit(status(false));
    app.emit(status(false));
    app.emit(status(true));
    expect(sampler.log).toEqual(['stop:paused', 'start', 'stop:paused']);
  });

  it('asks again later when the app cannot answer yet', async () => {
    const app = fakeApp([fail('engine-unavailable', 'starting'), ok(status(false))]);
    const sampler = fakeSampler();
    followPause(app, sampler, { statusRetryMs: 1_000 });
    await flush();
    expect(sampler.log).toEqual([]);
    vi.advanceTimersByTime(1_000);
    await flush();
    expect(app.calls).toBe(2);
    expect(sampler.log).toEqual(['start']);
  });

  it('prefers a status event over an older answer that arrives after it', async () => {
    const app = fakeApp([]);
    const sampler = fakeSampler();
    followPause(app, sampler);
    app.emit(status(true));
    app.answerLate(ok(status(false)));
    await flush();
    expect(sampler.log).toEqual(['stop:paused']);
  });

  it('stops following and releases the camera when disposed', async () => {
    const app = fakeApp([ok(status(false))]);
    const sampler = fakeSampler();
    const stop = followPause(app, sampler);
    await flush();
    stop();
    app.emit(status(true));
    expect(sampler.log).toEqual(['start', 'stop:off']);
    expect(app.listenerCount()).toBe(0);
  });
});
