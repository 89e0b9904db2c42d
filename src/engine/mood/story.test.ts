import { describe, expect, it } from 'vitest';
import { AFFECT_COORDS } from './affect';
import { EMOTIONS } from '../../shared/labels';
import { agreeingAffect, AXIS_NEUTRAL_BAND } from './story';

describe('agreeingAffect', () => {
  it('keeps Neutral inside "neither pleasant nor unpleasant" and "balanced"', () => {
    const { valence, arousal } = agreeingAffect('neutral', 0.45, 0.3);
    expect(Math.abs(valence)).toBeLessThan(AXIS_NEUTRAL_BAND);
    expect(Math.abs(arousal)).toBeLessThan(AXIS_NEUTRAL_BAND);
  });

  it('never lets Happy read "neither" or Sad read "pleasant"', () => {
    expect(agreeingAffect('happy', 0.05, 0.1).valence).toBeGreaterThanOrEqual(AXIS_NEUTRAL_BAND);
    expect(agreeingAffect('sad', 0.3, 0.4).valence).toBeLessThanOrEqual(-AXIS_NEUTRAL_BAND);
    expect(agreeingAffect('sad', 0.3, 0.4).arousal).toBeLessThan(AXIS_NEUTRAL_BAND);
    expect(agreeingAffect('angry', -0.5, 0).arousal).toBeGreaterThanOrEqual(AXIS_NEUTRAL_BAND);
  });

  it("leaves values that already agree untouched, including each label's own place", () => {
    for (const label of EMOTIONS) {
      const { valence, arousal } = AFFECT_COORDS[label];
      expect(agreeingAffect(label, valence, arousal)).toEqual({ valence, arousal });
    }
    expect(agreeingAffect('unknown', 0.9, -0.9)).toEqual({ valence: 0.9, arousal: -0.9 });
  });

  it('turns NaN into 0 rather than passing it on', () => {
    expect(agreeingAffect('unknown', Number.NaN, 0).valence).toBe(0);
  });
});
