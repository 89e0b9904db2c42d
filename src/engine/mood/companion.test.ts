import { describe, expect, it } from 'vitest';
import {
  DEFAULT_PROMPT_SETTINGS,
  QUIET_ENVIRONMENT,
  type BreakPrompt,
  type PromptSettings,
} from '../../shared/prompts';
import { emptyBaseline } from './baseline';
import { Companion, type CompanionInit } from './companion';
import { fixedOffsetLocalTime } from '../../shared/prompt-policy';
import { MINUTE, MONDAY_9AM, peaked, SECOND, simulateDay } from './synthetic';

const T0 = MONDAY_9AM;

function make(settings: Partial<PromptSettings> = {}, init: Partial<CompanionInit> = {}): Companion {
  return new Companion({
    settings: { ...DEFAULT_PROMPT_SETTINGS, enabled: true, ...settings },
    baseline: emptyBaseline(),
    localTime: fixedOffsetLocalTime(0),
    recentPrompts: [],
    ...init,
  });
}

const stored = (t: number, patch: Partial<BreakPrompt> = {}): BreakPrompt => ({
  id: 1,
  t,
  reason: 'sad',
  evidence: {
    reason: 'sad',
    from: t - 10 * MINUTE,
    to: t,
    evidenceMs: 600_000,
    share: 1,
    shareThreshold: 0.6,
    minEvidenceMs: 300_000,
    confidenceThreshold: 0.4,
    byModality: { face: 1, voice: 0, text: 0 },
  },
  action: null,
  answeredAt: null,
  recovered: null,
  ...patch,
});

describe('Companion: fusion of the three modalities', () => {
  it('shares the estimate between face, voice and text by their evidence', () => {
    const c = make();
    for (let t = T0; t < T0 + 5 * SECOND; t += 500) c.face(t, peaked('neutral', 0.7), 0.6, 1);
    c.voice(T0 + 2 * SECOND, T0 + 5 * SECOND, peaked('sad', 0.7), 0.6);
    const m = c.text(T0 + 5 * SECOND, peaked('sad', 0.7), 0.6);
    const { face, voice, text } = m.modalities;
    expect(face.share + voice.share + text.share).toBeCloseTo(1, 12);
    expect(face.share).toBeGreaterThan(0.3);
    expect(voice.share).toBeGreaterThan(0.2);
    expect(text.share).toBeGreaterThan(0.2);
    expect(voice.lastAt).toBe(T0 + 5 * SECOND);
    expect(m.probs.sad).toBeGreaterThan(0.4);
    expect(m.confidence).toBeGreaterThan(0.85);
  });

  it('weighs a short utterance less than a full one', () => {
    const short = make().voice(T0, T0 + 300, peaked('sad', 0.7), 0.8);
    const full = make().voice(T0, T0 + 3_000, peaked('sad', 0.7), 0.8);
    expect(short.confidence).toBeLessThan(full.confidence);
  });

  it('treats paused time as no evidence', () => {
    const c = make();
    c.pause(T0);
    const m = c.face(T0, peaked('sad', 0.9), 0.9, 1);
    expect(m.label).toBe('unknown');
    expect(m.confidence).toBe(0);
    expect(c.tick(T0 + SECOND, QUIET_ENVIRONMENT).blockedBy).toBe('paused');
    c.resume(T0 + 2 * SECOND);
    expect(c.current(T0 + 2 * SECOND).confidence).toBe(0);
  });
});

describe('Companion: prompts and answers', () => {
  it('keeps cooldown and cap across a restart', () => {
    const recent = make({}, { recentPrompts: [stored(T0 - 10 * MINUTE)] });
    const r = simulateDay({ companion: recent, from: T0, to: T0 + 20 * MINUTE, scene: () => 'sad' });
    expect(r.prompts).toHaveLength(0);
    expect(r.blocked.get('cooldown')).toBeGreaterThan(0);
    const four = [1, 2, 3, 4].map((i) => stored(T0 - i * 50 * MINUTE));
    const capped = make({}, { recentPrompts: four });
    const r2 = simulateDay({ companion: capped, from: T0, to: T0 + 20 * MINUTE, scene: () => 'sad' });
    expect(r2.prompts).toHaveLength(0);
    expect(r2.blocked.get('daily-cap')).toBeGreaterThan(0);
  });

  it('counts a prompt the engine has not yet confirmed', () => {
    const c = make();
    let prompts = 0;
    for (let t = T0; t < T0 + 30 * MINUTE; t += 500) {
      c.face(t, peaked('sad', 0.7), 0.6, 1);
      if (t % SECOND === 0 && c.tick(t, QUIET_ENVIRONMENT).prompt) prompts += 1;
    }
    expect(prompts).toBe(1);
  });

  it('a snooze holds prompts back for its length', () => {
    const c = make({ cooldownMinutes: 5 });
    const blocked: string[] = [];
    const day = simulateDay({
      companion: c,
      from: T0,
      to: T0 + 30 * MINUTE,
      scene: () => 'sad',
      answer: () => ({ action: 'snooze-15', afterMs: 0 }),
      onTick: (_t, r) => {
        if (r.blockedBy) blocked.push(r.blockedBy);
      },
    });
    expect(blocked).toContain('snoozed');
    expect(day.prompts.length).toBeGreaterThanOrEqual(2);
    expect((day.prompts[1]?.t ?? 0) - (day.prompts[0]?.t ?? 0)).toBeGreaterThanOrEqual(15 * MINUTE);
  });

  it('"this is wrong" needs fresh evidence before the next prompt (the personal model, not a bias, learns)', () => {
    const c = make({ cooldownMinutes: 5 });
    const day = simulateDay({
      companion: c,
      from: T0,
      to: T0 + 12 * MINUTE,
      scene: () => 'sad',
      answer: (p) => (p.id === 1 ? { action: 'wrong', afterMs: 2 * SECOND } : null),
    });
    expect(day.prompts).toHaveLength(2);
    // The second needed a fresh window: at least the minimum evidence (5 min) after the first.
    expect((day.prompts[1]?.t ?? 0) - (day.prompts[0]?.t ?? 0)).toBeGreaterThanOrEqual(5 * MINUTE);
    expect(c.baseline()).toEqual(emptyBaseline());
  });

  it('a correction is recorded with what was shown', () => {
    const c = make();
    for (let t = T0; t < T0 + 10 * SECOND; t += 500) c.face(t, peaked('angry', 0.6), 0.7, 1);
    const { correction } = c.correct(T0 + 10 * SECOND, 'neutral');
    expect(correction).toEqual({ t: T0 + 10 * SECOND, shown: 'angry', felt: 'neutral' });
    expect(c.baseline()).toEqual(emptyBaseline());
  });
});

describe('Companion: settings and baseline', () => {
  it('hands out copies', () => {
    const c = make();
    c.settings().enabled = false;
    expect(c.settings().enabled).toBe(true);
    c.setSettings({ ...DEFAULT_PROMPT_SETTINGS, windowMinutes: 2 });
    expect(c.settings()).toEqual({ ...DEFAULT_PROMPT_SETTINGS, windowMinutes: 2 });
    const b = c.baseline();
    b.faceBias.sad = 3;
    expect(c.baseline().faceBias.sad).toBe(0);
    c.setBaseline({ ...emptyBaseline(), corrections: 2 });
    expect(c.baseline().corrections).toBe(2);
  });

  it('a shorter window prompts sooner', () => {
    const c = make({ windowMinutes: 2 });
    const day = simulateDay({ companion: c, from: T0, to: T0 + 5 * MINUTE, scene: () => 'sad' });
    expect(day.prompts).toHaveLength(1);
    expect((day.prompts[0]?.t ?? 0) - T0).toBeLessThanOrEqual(2 * MINUTE);
  });
});
