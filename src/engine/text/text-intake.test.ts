import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AttuneError } from '../../shared/envelope';
import type { EngineEvent } from '../../shared/engine-protocol';
import { ManualClock } from '../../shared/clock';
import { Engine } from '../core/engine';
import { engineApi } from '../process/engine-routes';
import { testMoodService } from '../test-support/mood-service';
import type { FrameAnalyzer } from '../vision/frame-analyzer';
import { CheckInStore } from '../store/check-ins';
import { openDatabase } from '../store/open-database';
import { SampleStore } from '../store/samples';
import { SettingsStore } from '../store/settings';
import { TextClassifier } from './text-classifier';
import { SETTING, TextIntake } from './text-intake';

const classifier = TextClassifier.load(
  join(import.meta.dirname, '..', '..', '..', 'resources', 'models', 'text-emotion.json'),
);
const NOW = 1_700_000_000_000;
const noFrames: FrameAnalyzer = {
  process: () => Promise.reject(new Error('no frames in these tests')),
  release: () => Promise.resolve(),
};

function setup() {
  const db = openDatabase(':memory:');
  const samples = new SampleStore(db);
  const settings = new SettingsStore(db);
  let tokens = 0;
  const text = new TextIntake({
    classifier,
    samples,
    checkIns: new CheckInStore(db),
    settings,
    now: () => NOW,
    newToken: () => `token-${++tokens}`,
  });
  const events: EngineEvent[] = [];
  const emit = (e: EngineEvent): number => events.push(e);
  const { mood } = testMoodService({ samples, emit, clock: new ManualClock(NOW) });
  const engine = new Engine({ analyzer: noFrames, samples, text, mood, emit, log: () => undefined });
  return { db, samples, settings, engine, api: engineApi(engine), events };
}

describe('text evidence in the engine', () => {
  it('stores a text reading as numbers only and moves the live mood', () => {
    const { engine, samples, events, db } = setup();
    const stored = engine.addText({ text: 'I am so happy and grateful today!', source: 'chat' });
    expect(stored).toMatchObject({ t: NOW, source: 'text', label: 'happy' });
    expect(samples.range(0, NOW + 1, 'text')).toEqual([stored]);
    const live = events.find((e) => e.name === 'mood');
    expect(live?.name === 'mood' && live.payload.probs.happy).toBeGreaterThan(0.5);
    const columns = db.prepare<[], { type: string }>("SELECT type FROM pragma_table_info('samples')").all();
    expect(columns.some((c) => c.type === 'BLOB')).toBe(false);
  });

  it('stores an old text without touching the live mood', () => {
    const { engine, events } = setup();
    engine.addText({ text: 'this is awful, I hate it', at: NOW - 3_600_000 });
    expect(events).toEqual([]);
    expect(engine.getLiveMood()).toBeNull();
  });

  it('stores a batch in one go, and nothing when any message is bad', () => {
    const { engine, samples } = setup();
    expect(engine.addTexts([{ text: 'great news' }, { text: 'so sad', at: NOW - 5 }])).toBe(2);
    const bad = () => engine.addTexts([{ text: 'fine' }, { text: 7 } as never, { text: 'ok' }]);
    expect(bad).toThrow(AttuneError);
    expect(bad).toThrow(/message 2: "text" must be a string/);
    expect(samples.range(0, NOW + 1, 'text')).toHaveLength(2);
  });

  it('keeps the check-in rating as ground truth and the note only when storeText is on', () => {
    const { engine, api, settings } = setup();
    const rating = { pleasantness: -0.5, energy: 0.5 };
    const first = engine.checkIn({ note: 'Stressful meeting, I am worried', selfRating: rating });
    expect(first).toMatchObject({ selfRating: rating, note: null, sample: { source: 'text' } });
    expect(api.getTextSettings()).toEqual({ storeText: false });
    expect(api.setStoreText(true)).toEqual({ storeText: true });
    expect(settings.get(SETTING.storeText, false)).toBe(true);
    const second = engine.checkIn({ note: 'better now' });
    expect(second.note).toBe('better now');
    expect(api.getCheckIns({ from: 0, to: NOW + 1 })).toEqual([first, second]);
    expect(() => engine.checkIn({ note: '' })).toThrow(/write a note or pick a mood/);
  });

  it('lets the meter rating outweigh the words for that moment, in the stored reading and the live mood', () => {
    const { engine, events } = setup();
    const words = 'so angry about this delay, furious';
    expect(engine.addText({ text: words, at: NOW - 600_000 }).label).toBe('angry');
    const saved = engine.checkIn({ note: words, selfRating: { pleasantness: 0.5, energy: 1 } });
    expect(saved.sample).toMatchObject({ source: 'text', valence: 0.5, arousal: 1 });
    expect(['happy', 'surprised']).toContain(saved.sample.label);
    const live = events.filter((e) => e.name === 'mood').at(-1);
    expect(live?.name === 'mood' && live.payload.probs.angry).toBeLessThan(0.25);
    expect(live?.name === 'mood' && live.payload.label).not.toBe('angry');
  });

  it('makes the endpoint token once and keeps the switch off until turned on', () => {
    const { api } = setup();
    expect(api.getIngestSettings()).toEqual({ token: 'token-1', enabled: false });
    expect(api.setIngestSwitch(true)).toEqual({ token: 'token-1', enabled: true });
    expect(api.getIngestSettings()).toEqual({ token: 'token-1', enabled: true });
  });

  it('says the text model is missing when the engine has none', () => {
    const samples = { insert: () => undefined, range: () => [], count: () => 0 };
    const engine = new Engine({
      analyzer: noFrames,
      samples,
      mood: testMoodService({ samples, emit: () => undefined }).mood,
      emit: () => undefined,
      log: () => undefined,
    });
    expect(() => engine.addText({ text: 'hi' })).toThrow(expect.objectContaining({ kind: 'model-missing' }));
  });
});
