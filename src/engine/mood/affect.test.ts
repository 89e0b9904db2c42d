import { describe, expect, it } from 'vitest';
import { probsFromVector } from '../../shared/labels';
import { valenceArousal } from './affect';

describe('affect', () => {
  it('computes expected valence and arousal', () => {
    // 0.5 happy (0.8, 0.5) + 0.5 sad (−0.7, −0.4) = (0.05, 0.05)
    const va = valenceArousal(probsFromVector([0, 0.5, 0.5, 0, 0, 0, 0]));
    expect(va.valence).toBeCloseTo(0.05);
    expect(va.arousal).toBeCloseTo(0.05);
  });
});
