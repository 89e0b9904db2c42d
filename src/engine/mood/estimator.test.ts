import { describe, expect, it } from 'vitest';
import { AFFECT_COORDS } from './affect';
import { emptyBaseline, zeroBias } from './baseline';
import { MoodEstimator } from './estimator';
import { uniformProbs } from './fusion';
import { peaked } from './synthetic';

describe('MoodEstimator', () => {
  it('without evidence: unknown, uniform, no valence or arousal', () => {
    const m = new MoodEstimator().mood(0, emptyBaseline());
    expect(m).toMatchObject({ label: 'unknown', confidence: 0, valence: 0, arousal: 0, probs: uniformProbs() });
  });

  it('reads valence and arousal off the fused probabilities', () => {
    const e = new MoodEstimator();
    let m = e.mood(0, emptyBaseline());
    for (let t = 0; t <= 2_000; t += 500) {
      e.face(t, peaked('happy'), 0.8, 1);
      m = e.mood(t, emptyBaseline());
    }
    expect(m.label).toBe('happy');
    expect(m.valence).toBeCloseTo(AFFECT_COORDS.happy.valence, 12);
    expect(m.arousal).toBeCloseTo(AFFECT_COORDS.happy.arousal, 12);
  });

  it('applies the face bias to the face and leaves text alone', () => {
    const e = new MoodEstimator();
    e.face(0, peaked('neutral', 0.5), 0.8, 1);
    e.text(0, peaked('neutral', 0.5), 0.8);
    const baseline = { ...emptyBaseline(), faceBias: { ...zeroBias(), sad: 1 } };
    const m = e.mood(0, baseline);
    expect(m.modalities.face.probs?.sad).toBeGreaterThan(m.modalities.text.probs?.sad ?? 1);
    expect(m.modalities.text.probs).toEqual(peaked('neutral', 0.5));
  });

  it('is unknown while paused, whatever the evidence', () => {
    const e = new MoodEstimator();
    for (let t = 0; t <= 2_000; t += 500) {
      e.face(t, peaked('sad'), 0.8, 1);
      e.mood(t, emptyBaseline());
    }
    expect(e.mood(2_000, emptyBaseline()).label).toBe('sad');
    expect(e.mood(2_200, emptyBaseline(), true)).toMatchObject({ label: 'unknown', confidence: 0 });
    // The smoother kept its state through the pause.
    expect(e.mood(2_500, emptyBaseline()).label).toBe('sad');
  });
});
