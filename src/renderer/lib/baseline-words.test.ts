import { describe, expect, it } from 'vitest';
import { EMOTIONS, type Emotion } from '../../shared/labels';
import type { BaselineInfo, CalibrationState } from '../../shared/prompts';
import {
  CALIBRATION_INTRO,
  RESET_DONE,
  baselineWords,
  calibrationProgress,
  calibrationWords,
  gatheredWords,
  secondsLeft,
  secondsLeftWords,
} from './baseline-words';
import { diagnosticIn } from './non-diagnostic.test-support';

const zero = Object.fromEntries(EMOTIONS.map((e) => [e, 0])) as Record<Emotion, number>;
const info = (patch: Partial<BaselineInfo> = {}): BaselineInfo => ({
  calibratedAt: null,
  corrections: 0,
  faceBias: zero,
  voiceBias: zero,
  ...patch,
});
const collecting: Extract<CalibrationState, { phase: 'collecting' }> = {
  phase: 'collecting',
  startedAt: 1000,
  durationMs: 20_000,
  faceFrames: 12,
  voiceSeconds: 1.6,
};
const at = (h: number, m: number, day = 22): number => new Date(2026, 10, day, h, m).getTime();

describe('calibration words', () => {
  it('counts down and measures progress', () => {
    expect(secondsLeft(collecting, 1000)).toBe(20);
    expect(secondsLeft(collecting, 1001)).toBe(20);
    expect(secondsLeft(collecting, 11_000)).toBe(10);
    expect(secondsLeft(collecting, 30_000)).toBe(0);
    expect(calibrationProgress(collecting, 11_000)).toBe(0.5);
    expect(calibrationProgress(collecting, 0)).toBe(0);
    expect(calibrationProgress(collecting, 99_000)).toBe(1);
    expect(calibrationProgress({ ...collecting, durationMs: 0 }, 0)).toBe(1);
  });

  it('says what was gathered', () => {
    expect(gatheredWords(1, 1)).toBe('1 picture of your face and 1 second of speech');
    expect(gatheredWords(40, 5.6)).toBe('40 pictures of your face and 6 seconds of speech');
  });

  it('describes each phase', () => {
    expect(calibrationWords(collecting)).toMatch(/^Calibrating/);
    expect(secondsLeftWords(collecting, 19_000)).toBe('2 seconds left');
    expect(secondsLeftWords(collecting, 20_500)).toBe('1 second left');
    const done = { phase: 'done', at: at(9, 5), faceFrames: 40, voiceSeconds: 6 } as const;
    expect(calibrationWords(done)).toBe('Done at 09:05: Attune used 40 pictures of your face and 6 seconds of speech.');
    expect(calibrationWords({ phase: 'failed', at: 0, reason: 'no face in view' })).toBe(
      'That did not work: no face in view. You can try again whenever you like.',
    );
    expect(calibrationWords({ phase: 'failed', at: 0, reason: 'No face.' })).toMatch(
      /^That did not work: No face\. You/,
    );
  });

  it('describes the baseline', () => {
    expect(baselineWords(info(), at(12, 0))).toBe('Not calibrated yet. No corrections from you yet.');
    expect(baselineWords(info({ calibratedAt: at(9, 5), corrections: 1 }), at(12, 0))).toBe(
      'Calibrated today at 09:05. Shaped by 1 correction from you.',
    );
    expect(baselineWords(info({ calibratedAt: at(9, 5, 20), corrections: 3 }), at(12, 0))).toMatch(
      /^Calibrated on .+ at 09:05\. Shaped by 3 corrections from you\.$/,
    );
  });

  it('never sounds like a diagnosis', () => {
    const texts = [
      CALIBRATION_INTRO,
      RESET_DONE,
      calibrationWords({ phase: 'idle' }),
      calibrationWords(collecting),
      secondsLeftWords(collecting, 5000),
      calibrationWords({ phase: 'done', at: 0, faceFrames: 1, voiceSeconds: 2 }),
      calibrationWords({ phase: 'failed', at: 0, reason: 'too dark' }),
      baselineWords(info(), 0),
      baselineWords(info({ calibratedAt: 0, corrections: 2 }), 0),
    ];
    expect(diagnosticIn(texts)).toEqual([]);
  });
});
