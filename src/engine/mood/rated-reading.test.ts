import { describe, expect, it } from 'vitest';
import { probsFromVector, EMOTIONS } from '../../shared/labels';
import type { MoodSample } from '../../shared/mood';
import { rateReading, ratingProbs } from './rated-reading';

const angryWords: MoodSample = {
  t: 5,
  source: 'text',
  label: 'angry',
  probs: probsFromVector([0.02, 0.02, 0.02, 0.9, 0.02, 0.01, 0.01]),
  valence: -0.55,
  arousal: 0.65,
  confidence: 0.8,
};

describe('rateReading', () => {
  it('lets "pleasant, very high energy" on the meter outweigh words the model read as angry', () => {
    const moment = rateReading(angryWords, { pleasantness: 0.5, energy: 1 });
    expect(['happy', 'surprised']).toContain(moment.label);
    expect(moment.valence).toBe(0.5);
    expect(moment.arousal).toBe(1);
    expect(moment.probs.angry).toBeLessThan(0.25);
    expect(moment.probs.happy + moment.probs.surprised).toBeGreaterThan(0.5);
    expect(moment.confidence).toBeGreaterThanOrEqual(0.9);
    expect(moment.t).toBe(5);
    expect(moment.source).toBe('text');
  });

  it('names the label nearest the rating', () => {
    expect(rateReading(angryWords, { pleasantness: 0, energy: 0 }).label).toBe('neutral');
    expect(rateReading(angryWords, { pleasantness: -1, energy: -0.5 }).label).toBe('sad');
    expect(rateReading(angryWords, { pleasantness: 1, energy: 0.5 }).label).toBe('happy');
  });

  it('gives probabilities that sum to 1', () => {
    const p = ratingProbs({ pleasantness: -0.5, energy: 0.5 });
    expect(EMOTIONS.reduce((s, e) => s + p[e], 0)).toBeCloseTo(1, 12);
  });
});
