import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../shared/clock';
import { fixedOffset } from '../../shared/history';
import { probsFromVector } from '../../shared/labels';
import { Engine } from './engine';
import { engineApi } from '../process/engine-routes';
import type { FrameAnalyzer } from '../vision/frame-analyzer';
import { HistoryService } from '../history/history-service';
import { PersonalService } from '../personal/personal-service';
import { CheckInStore } from '../store/check-ins';
import { PersonalStore } from '../store/personal';
import { openDatabase } from '../store/open-database';
import { SampleStore } from '../store/samples';
import { SettingsStore } from '../store/settings';
import { sample } from '../store/test-helpers';
import { testMoodService } from '../test-support/mood-service';

const noFrames: FrameAnalyzer = {
  process: () => Promise.reject(new Error('no frames in this test')),
  release: () => Promise.resolve(),
};
const T0 = Date.UTC(2026, 0, 5, 10);

function setup(withHistory = true) {
  const db = openDatabase(':memory:');
  const clock = new ManualClock(T0);
  const samples = new SampleStore(db);
  const deferred: (() => void)[] = [];
  const { mood } = testMoodService({ samples, emit: () => undefined, clock });
  const history = new HistoryService({
    db,
    clock,
    settings: new SettingsStore(db),
    checkIns: new CheckInStore(db),
    log: () => undefined,
    calendar: fixedOffset(0),
    defer: (step) => deferred.push(step),
  });
  const personal = new PersonalService({
    store: new PersonalStore(db),
    clock,
    emit: () => undefined,
    log: () => undefined,
  });
  const engine = new Engine({
    analyzer: noFrames,
    samples,
    mood,
    personal,
    history: withHistory ? history : undefined,
    emit: () => undefined,
    log: () => undefined,
  });
  return { engine, api: engineApi(engine), clock, samples, deferred, mood, personal };
}

describe('Engine with its history', () => {
  it('answers what is stored through the history service, or internal without one', () => {
    const { api, samples } = setup();
    samples.insert([sample(T0, 'fused'), sample(T0 + 1000, 'face')]);
    expect(api.getDataSummary()).toEqual({
      samples: 2,
      bySource: { face: 1, voice: 0, text: 0, fused: 1 },
      first: T0,
      last: T0 + 1000,
    });
    expect(() => setup(false).api.getDataSummary()).toThrow(expect.objectContaining({ kind: 'internal' }));
  });

  it('starts the history upkeep from its 1 Hz beat without running it there', () => {
    const { engine, api, clock, samples, deferred } = setup();
    samples.insert([sample(T0, 'fused'), sample(T0 + 1000, 'fused')]);
    clock.advance(120_000);
    engine.tick();
    expect(deferred).toHaveLength(1);
    for (let step = deferred.shift(); step; step = deferred.shift()) step();
    expect(api.getDayHistory({ from: T0, to: T0 + 3_600_000 }).rollups.map((r) => r.n)).toEqual([2]);
  });

  it('forgets the personal model when everything is deleted', () => {
    const { engine, api, clock, personal } = setup();
    personal.face(clock.now(), probsFromVector([0.1, 0.1, 0.6, 0.1, 0.04, 0.03, 0.03]), 1);
    api.correctMood('neutral');
    expect(api.getPersonal().face).toMatchObject({ examples: 1, bySource: { correction: 1 } });
    engine.deleteHistory({ kind: 'all' });
    expect(api.getPersonal().face).toMatchObject({ examples: 0, active: false });
    expect(engine.countSamples()).toBe(0);
  });

  it('refuses a correction while paused, storing nothing and teaching nothing', () => {
    const { engine, api, clock, personal } = setup();
    personal.face(clock.now(), probsFromVector([0.1, 0.1, 0.6, 0.1, 0.04, 0.03, 0.03]), 1);
    engine.setPaused(true);
    expect(() => api.correctMood('neutral')).toThrow(expect.objectContaining({ kind: 'paused' }));
    expect(api.getPersonal().face.examples).toBe(0);
  });

  it('forwards settings and the first run', () => {
    const { engine, api } = setup();
    expect(api.setSensorSettings({ frameRate: 1 }).frameRate).toBe(1);
    expect(api.completeFirstRun({ camera: true, microphone: false })).toEqual({ completed: true });
    expect(api.getSensorSettings()).toEqual({ camera: true, microphone: false, frameRate: 1 });
    expect(engine.setRetention({ rawDays: 10 })).toEqual({ rawDays: 10 });
    expect(api.getRetention()).toEqual({ rawDays: 10 });
  });

  it('answers history calls with a typed error where it keeps no history (analyze)', () => {
    const { engine, api } = setup(false);
    expect(() => api.getRetention()).toThrow(expect.objectContaining({ kind: 'internal' }));
    expect(engine.tick()).toBeNull();
  });
});
