import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../shared/clock';
import type { EngineEvent } from '../../shared/engine-protocol';
import { probsFromVector } from '../../shared/labels';
import type { MoodSample } from '../../shared/mood';
import type { BreakPrompt, PromptAction } from '../../shared/prompts';
import { testMoodService } from '../test-support/mood-service';

const SAD = probsFromVector([0.05, 0.02, 0.85, 0.02, 0.02, 0.02, 0.02]);
const HAPPY = probsFromVector([0.05, 0.85, 0.02, 0.02, 0.02, 0.02, 0.02]);

function setup() {
  const rows: MoodSample[] = [];
  const events: EngineEvent[] = [];
  const clock = new ManualClock(Date.UTC(2026, 0, 5, 10));
  const samples = { insert: (s: MoodSample[]) => rows.push(...s), range: () => rows, count: () => rows.length };
  const t = testMoodService({ samples, emit: (e) => events.push(e), clock });
  const prompts = (): BreakPrompt[] =>
    events.flatMap((e) => (e.name === 'prompt' && e.payload.action === null ? [e.payload] : []));
  /** `minutes` of one feeling from text every 30 s, ticking every second. */
  const feel = (probs: typeof SAD, minutes: number): void => {
    for (let s = 0; s < minutes * 60; s++) {
      if (s % 30 === 0) t.mood.text(clock.now(), probs, 0.8);
      clock.advance(1_000);
      t.mood.tick();
    }
  };
  /** `seconds` of a face showing `probs`, two frames a second, ticking every second. */
  const look = (probs: typeof SAD, seconds: number): void => {
    for (let i = 0; i < seconds * 2; i++) {
      clock.advance(500);
      t.mood.face(clock.now(), probs, 0.8, 1);
      if (i % 2 === 1) t.mood.tick();
    }
  };
  return { mood: t.mood, history: t.events, rows, events, clock, prompts, feel, look };
}

describe('MoodService', () => {
  it('stores the fused mood at 1 Hz only while there is evidence, with each modality share', () => {
    const { mood, rows, clock, feel } = setup();
    for (let i = 0; i < 5; i++) {
      clock.advance(1_000);
      mood.tick();
    }
    expect(rows).toEqual([]);
    feel(SAD, 1);
    const fused = rows.filter((r) => r.source === 'fused');
    expect(fused.length).toBeGreaterThanOrEqual(59);
    expect(fused.length).toBeLessThanOrEqual(61);
    expect(fused.at(-1)?.shares).toEqual({ face: 0, voice: 0, text: 1 });
  });

  it('raises, stores and announces a prompt, and records every answer', () => {
    const { mood, prompts, feel, events } = setup();
    mood.setPromptSettings({ enabled: true, windowMinutes: 1, cooldownMinutes: 5, dailyCap: 20, quietHours: null });
    const actions: PromptAction[] = ['breathe', 'stretch', 'snooze-15', 'snooze-60', 'not-now', 'wrong'];
    for (const [i, action] of actions.entries()) {
      for (let step = 0; step < 200 && prompts().length === i; step++) feel(SAD, 0.5);
      const prompt = prompts()[i];
      expect(prompt, `prompt ${i + 1}`).toBeDefined();
      mood.answerPrompt(prompt?.id ?? -1, action, action === 'wrong' ? 'neutral' : undefined);
    }
    expect(mood.getPrompts(0, Infinity).map((p) => p.action)).toEqual(actions);
    expect(events.filter((e) => e.name === 'prompt')).not.toHaveLength(0);
  });

  it('keeps prompt settings within their limits and off by default', () => {
    const { mood } = setup();
    expect(mood.getPromptSettings().enabled).toBe(false);
    expect(() => mood.setPromptSettings({ windowMinutes: 0 })).toThrow(/windowMinutes/);
    expect(mood.setPromptSettings({ enabled: true }).enabled).toBe(true);
  });

  it('stores the daily check-in reminder time, off by default, apart from break suggestions', () => {
    const { mood } = setup();
    expect(mood.getPromptSettings().checkInReminder).toBeNull();
    mood.setPromptSettings({ checkInReminder: 20 * 60 });
    expect(mood.getPromptSettings()).toMatchObject({ checkInReminder: 20 * 60, enabled: false });
    expect(() => mood.setPromptSettings({ checkInReminder: 1440 })).toThrow(/checkInReminder/);
  });

  it('stores a correction as an event (the personal model, not a bias here, learns from it)', () => {
    const { mood, look, history } = setup();
    look(HAPPY, 30);
    const after = mood.correctMood('neutral');
    expect(after?.label).toBe('happy');
    expect(history.range(0, Infinity, 'correction')).toMatchObject([{ data: { shown: 'happy', felt: 'neutral' } }]);
  });

  it('refuses a correction while paused and stores nothing', () => {
    const { mood, look, history } = setup();
    look(HAPPY, 10);
    mood.pause();
    expect(() => mood.correctMood('sad')).toThrow(expect.objectContaining({ kind: 'paused' }));
    expect(history.range(0, Infinity, 'correction')).toEqual([]);
  });
});
