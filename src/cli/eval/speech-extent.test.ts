import { describe, expect, it } from 'vitest';
import { speechExtent } from './speech-extent';

describe('speechExtent', () => {
  it('finds the audible part of a span, ignoring a lone click far below the peak', () => {
    const rate = 1000; // 10-sample frames
    const pcm = new Float32Array(3000);
    pcm.fill(0.5, 1000, 2000); // the sentence, 1.0–2.0 s
    pcm[500] = 0.01; // a click: one sample, 40+ dB under the sentence once averaged
    expect(speechExtent(pcm, rate, { start: 0, end: 3 })).toEqual({ start: 0.99, end: 2.01 });
  });

  it('returns null for a silent span', () => {
    expect(speechExtent(new Float32Array(1000), 1000, { start: 0, end: 1 })).toBeNull();
  });
});
