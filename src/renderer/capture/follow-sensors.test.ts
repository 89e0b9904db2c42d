import { describe, expect, it } from 'vitest';
import { fail, ok } from '../../shared/envelope';
import type { SensorSettings } from '../../shared/history-api';
import { followSensors, type SensorApi } from './follow-sensors';

const ON: SensorSettings = { camera: true, microphone: true, frameRate: 2 };

function setUp(completed: boolean) {
  const applied: SensorSettings[] = [];
  let listener: ((s: SensorSettings) => void) | null = null;
  let settings = ON;
  const api: SensorApi = {
    getSensorSettings: () => Promise.resolve(ok(settings)),
    getFirstRun: () => Promise.resolve(ok({ completed })),
    on: ((event: string, l: (s: SensorSettings) => void) => {
      if (event === 'sensors') listener = l;
      return () => (listener = null);
    }) as SensorApi['on'],
  };
  const follow = followSensors(api, { setSensors: (s) => applied.push(s) });
  return {
    applied,
    follow,
    change(next: SensorSettings) {
      settings = next;
      listener?.(next);
    },
    listening: () => listener !== null,
  };
}

/** Lets the pending answers (already-resolved promises) arrive. */
async function settle(): Promise<void> {
  for (let i = 0; i < 5; i++) await Promise.resolve();
}

describe('followSensors', () => {
  it('applies the settings once asked, and nothing before the first run is completed', async () => {
    const fresh = setUp(false);
    await settle();
    expect(fresh.applied).toEqual([{ camera: false, microphone: false, frameRate: 2 }]);
    const done = setUp(true);
    await settle();
    expect(done.applied).toEqual([ON]);
  });

  it('asks again on a sensors event and stops listening when stopped', async () => {
    const s = setUp(true);
    await settle();
    s.change({ camera: false, microphone: true, frameRate: 1 });
    await settle();
    expect(s.applied.at(-1)).toEqual({ camera: false, microphone: true, frameRate: 1 });
    s.follow.stop();
    expect(s.listening()).toBe(false);
  });

  it('applies nothing while the app cannot answer', async () => {
    const applied: SensorSettings[] = [];
    const api: SensorApi = {
      getSensorSettings: () => Promise.resolve(fail('engine-unavailable', 'starting')),
      getFirstRun: () => Promise.resolve(ok({ completed: true })),
      on: () => () => undefined,
    };
    const follow = followSensors(api, { setSensors: (s) => applied.push(s) }, 60_000);
    await settle();
    follow.stop();
    expect(applied).toEqual([]);
  });
});
