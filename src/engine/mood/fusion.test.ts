import { describe, expect, it } from 'vitest';
import { EMOTIONS } from '../../shared/labels';
import { fuse, ModalityEvidence, uniformProbs } from './fusion';
import { peaked } from './synthetic';

const tuning = { halfLifeMs: 2_000, staleAfterMs: 10_000, saturationCount: 2 };

describe('ModalityEvidence', () => {
  it('says nothing before any evidence', () => {
    const e = new ModalityEvidence(tuning);
    expect(e.strength(0)).toBe(0);
    expect(e.probs(0)).toBeNull();
    expect(e.lastAt()).toBeNull();
  });

  it('decays weight and count by the half-life (hand-computed)', () => {
    const e = new ModalityEvidence(tuning);
    e.add(0, peaked('happy'), 0.8);
    // One half-life later: mass 0.4, count 0.5 → mean weight 0.8 · (1 − e^(−0.5/2)).
    expect(e.strength(2_000)).toBeCloseTo(0.8 * (1 - Math.exp(-0.25)), 12);
    expect(e.probs(2_000)?.happy).toBeCloseTo(1, 12);
  });

  it('keeps the probabilities in EMOTIONS order', () => {
    const e = new ModalityEvidence(tuning);
    for (const label of EMOTIONS) {
      const one = new ModalityEvidence(tuning);
      one.add(0, peaked(label), 1);
      expect(one.probs(0)?.[label]).toBe(1);
    }
    e.add(0, peaked('sad', 0.7), 1);
    e.add(0, peaked('angry', 0.7), 1);
    expect(e.probs(0)?.sad).toBeCloseTo((0.7 + 0.05) / 2, 12);
  });

  it('recency-weights: newer evidence counts more', () => {
    const e = new ModalityEvidence(tuning);
    e.add(0, peaked('sad'), 1);
    e.add(2_000, peaked('happy'), 1);
    // sad decayed to 0.5, happy 1 → happy 2/3.
    expect(e.probs(2_000)?.happy).toBeCloseTo(2 / 3, 12);
  });

  it('frames without a face dilute confidence', () => {
    const e = new ModalityEvidence(tuning);
    for (let i = 0; i < 20; i++) e.add(0, peaked('happy'), 0.8);
    expect(e.strength(0)).toBeCloseTo(0.8 * (1 - Math.exp(-10)), 12);
    for (let i = 0; i < 20; i++) e.add(0, null, 0);
    // Mean weight over 40 observations, half of them empty: 0.4.
    expect(e.strength(0)).toBeCloseTo(0.4, 6);
  });

  it('goes silent when stale, and ignores time running backwards', () => {
    const e = new ModalityEvidence(tuning);
    e.add(1_000, peaked('happy'), 0.8);
    e.add(500, peaked('happy'), 0.8);
    expect(e.lastAt()).toBe(1_000);
    expect(e.strength(11_000)).toBeGreaterThan(0);
    expect(e.strength(11_001)).toBe(0);
  });
});

describe('fuse', () => {
  const none = { strength: 0, probs: null, lastAt: null };

  it('is uniform with confidence 0 when nothing is fresh', () => {
    const f = fuse({ face: none, voice: none, text: none });
    expect(f.confidence).toBe(0);
    expect(f.probs).toEqual(uniformProbs());
    expect(f.modalities.face).toEqual({ share: 0, probs: null, lastAt: null });
  });

  it('mixes by strength, and combines confidence as independent evidence (hand-computed)', () => {
    const f = fuse({
      face: { strength: 0.6, probs: peaked('sad'), lastAt: 10 },
      voice: { strength: 0.2, probs: peaked('neutral'), lastAt: 5 },
      text: { strength: 0, probs: peaked('happy'), lastAt: 1 },
    });
    expect(f.modalities.face.share).toBeCloseTo(0.75, 12);
    expect(f.modalities.voice.share).toBeCloseTo(0.25, 12);
    expect(f.modalities.text).toEqual({ share: 0, probs: null, lastAt: 1 });
    expect(f.probs.sad).toBeCloseTo(0.75, 12);
    expect(f.probs.neutral).toBeCloseTo(0.25, 12);
    expect(f.confidence).toBeCloseTo(1 - 0.4 * 0.8, 12);
  });
});
