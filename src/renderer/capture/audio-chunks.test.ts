import { describe, expect, it } from 'vitest';
import { AudioChunker, StreamResampler } from './audio-chunks';

describe('StreamResampler', () => {
  it('passes 16 kHz through unchanged', () => {
    const r = new StreamResampler(16_000);
    expect(Array.from(r.process(new Float32Array([0.5, -0.25, 1])))).toEqual([0.5, -0.25, 1]);
  });

  it('averages three samples per output at 48 kHz, keeping a constant constant', () => {
    const r = new StreamResampler(48_000);
    expect(Array.from(r.process(new Float32Array(9).fill(0.5)))).toEqual([0.5, 0.5, 0.5]);
    const ramp = new StreamResampler(48_000);
    // Trailing 3-tap means of 0..8: index 0 → 0 (one sample so far), 3 → (1+2+3)/3 = 2, 6 → (4+5+6)/3 = 5.
    expect(Array.from(ramp.process(Float32Array.from([0, 1, 2, 3, 4, 5, 6, 7, 8])))).toEqual([0, 2, 5]);
  });

  it('interpolates at 44.1 kHz and gives the same output whether fed whole or in pieces', () => {
    const input = Float32Array.from({ length: 4410 }, (_, i) => Math.sin(i / 20));
    const whole = new StreamResampler(44_100).process(input);
    expect(whole.length).toBe(1600);
    const pieces = new StreamResampler(44_100);
    const parts: number[] = [];
    for (let i = 0; i < input.length; i += 128) parts.push(...pieces.process(input.subarray(i, i + 128)));
    expect(parts.length).toBe(whole.length);
    parts.forEach((v, i) => expect(v).toBeCloseTo(whole[i] as number, 6));
  });

  it('turns non-finite samples into silence and rejects bad rates', () => {
    expect(Array.from(new StreamResampler(16_000).process(Float32Array.from([NaN, Infinity])))).toEqual([0, 0]);
    expect(() => new StreamResampler(0)).toThrow(RangeError);
  });
});

describe('AudioChunker', () => {
  it('cuts 100 ms chunks stamped with their first sample time', () => {
    const c = new AudioChunker();
    // 1 000 samples ending at t = 10 000 started at 10 000 − 62.5.
    expect(c.push(new Float32Array(1000), 10_000)).toEqual([]);
    const out = c.push(new Float32Array(1000), 10_062.5);
    expect(out).toHaveLength(1);
    expect(out[0]?.t).toBe(9_937.5);
    expect(out[0]?.pcm.length).toBe(1600);
    // 400 pending + 1 200 more: the next chunk starts exactly 100 ms later despite a little clock jitter.
    expect(c.push(new Float32Array(1200), 10_140)).toEqual([{ t: 10_037.5, pcm: new Float32Array(1600) }]);
  });

  it('follows the clock after a gap and forgets audio on reset', () => {
    const c = new AudioChunker();
    c.push(new Float32Array(800), 1_050);
    // 800 more samples that ended 5 s later than the count says: the clock wins.
    expect(c.push(new Float32Array(800), 6_100)[0]?.t).toBe(6_000);
    c.push(new Float32Array(800), 7_000);
    c.reset();
    expect(c.push(new Float32Array(1600), 9_100)[0]?.t).toBe(9_000);
  });
});
