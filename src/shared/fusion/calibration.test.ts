import { describe, expect, it } from 'vitest';
import { argmaxLabel } from '../labels';
import { applyBias, emptyBaseline, zeroBias } from './baseline';
import { Calibration } from './calibration';
import { peaked } from './synthetic';

const restingSad = {
  neutral: 0.45,
  happy: 0.03,
  sad: 0.4,
  angry: 0.03,
  fearful: 0.03,
  disgusted: 0.03,
  surprised: 0.03,
};

describe('Calibration', () => {
  it('collects for the duration, then pulls the resting face toward neutral', () => {
    const c = new Calibration();
    expect(c.current()).toEqual({ phase: 'idle' });
    c.start(1_000);
    for (let i = 0; i < 40; i++) c.face(restingSad, 0.9);
    c.face(null, 0);
    c.face(peaked('angry'), 0.1);
    expect(c.current()).toMatchObject({ phase: 'collecting', faceFrames: 40, durationMs: 20_000 });
    expect(c.finish(20_999, emptyBaseline())).toBeNull();
    const done = c.finish(21_000, emptyBaseline());
    expect(done?.state).toEqual({ phase: 'done', at: 21_000, faceFrames: 40, voiceSeconds: 0 });
    const b = done?.baseline;
    expect(b?.calibratedAt).toBe(21_000);
    expect(b?.faceBias.sad).toBeLessThan(0);
    expect(argmaxLabel(applyBias(restingSad, b?.faceBias ?? zeroBias()))).toBe('neutral');
    expect(b?.voiceBias).toEqual(zeroBias());
  });

  it('calibrates the voice too after a few spoken words', () => {
    const c = new Calibration();
    c.start(0, 10_000);
    for (let i = 0; i < 20; i++) c.face(peaked('neutral', 0.6), 1);
    c.voice(1_000, 2_500, peaked('sad', 0.5));
    c.voice(3_000, 4_000, peaked('sad', 0.5));
    expect(c.current()).toMatchObject({ voiceSeconds: 2.5 });
    const done = c.finish(10_000, emptyBaseline());
    expect(done?.baseline?.voiceBias.sad).toBeLessThan(0);
  });

  it('fails with a reason when too few face frames came', () => {
    const c = new Calibration();
    c.start(0);
    for (let i = 0; i < 9; i++) c.face(restingSad, 0.9);
    const done = c.finish(20_000, emptyBaseline());
    expect(done?.baseline).toBeNull();
    expect(done?.state).toMatchObject({ phase: 'failed', at: 20_000 });
    expect(done?.state.phase === 'failed' && done.state.reason).toMatch(/too few face frames \(9 of 10\)/);
  });

  it('can be cancelled, and ignores evidence when not collecting', () => {
    const c = new Calibration();
    c.face(restingSad, 1);
    c.start(0);
    expect(c.cancel()).toEqual({ phase: 'idle' });
    expect(c.finish(60_000, emptyBaseline())).toBeNull();
  });
});
