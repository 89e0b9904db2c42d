import { describe, expect, it } from 'vitest';
import { rhythmCues } from './rhythm';

/** Level track (dB, 10 ms frames): `syllables` bumps of 0 dB separated by dips to `dip` dB. */
function track(syllables: number, framesEach: number, dip: number): Float32Array {
  return Float32Array.from({ length: syllables * framesEach }, (_, i) => {
    const pos = (i % framesEach) / framesEach;
    return dip * (1 - Math.sin(Math.PI * pos));
  });
}

describe('rhythmCues', () => {
  it('counts one peak per prominent bump and measures pauses and voiced runs', () => {
    const level = track(8, 25, -30); // 8 bumps of 250 ms: 4 per second
    const voiced = Uint8Array.from(level, (v) => (v > -10 ? 1 : 0));
    const active = Array.from(level.keys());
    const r = rhythmCues(level, voiced, active, 0.01);
    expect(r.peakRate).toBeCloseTo(4, 0);
    expect(r.voicedRunRate).toBeCloseTo(4, 0);
    expect(r.voicedRunS).toBeGreaterThan(0.1);
    expect(r.pauseFraction).toBeGreaterThan(0.1);
  });

  it('ignores bumps under 4 dB and returns zeros for too little speech', () => {
    const flat = track(8, 25, -2);
    expect(rhythmCues(flat, new Uint8Array(flat.length), Array.from(flat.keys()), 0.01).peakRate).toBe(0);
    expect(rhythmCues(flat, new Uint8Array(flat.length), [1, 2, 3], 0.01)).toEqual({
      peakRate: 0,
      voicedRunRate: 0,
      voicedRunS: 0,
      pauseFraction: 0,
    });
  });
});
