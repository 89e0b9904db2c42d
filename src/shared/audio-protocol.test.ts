import { describe, expect, it } from 'vitest';
import { decodeAudio, encodeAudio, isAudioHeader, type AudioHeader } from './audio-protocol';

const header = (samples: number, extra: Partial<AudioHeader> = {}): AudioHeader => ({
  type: 'audio',
  seq: 2,
  t: 1000,
  sampleRate: 16_000,
  samples,
  ...extra,
});

describe('audio encoding', () => {
  it('round-trips header and Float32 little-endian samples', () => {
    const pcm = new Float32Array([0, 0.5, -1, 0.25]);
    const bytes = encodeAudio(header(4), pcm);
    const json = JSON.stringify(header(4));
    expect(Array.from(bytes.subarray(0, 4))).toEqual([json.length, 0, 0, 0]);
    expect(bytes.length).toBe(4 + json.length + 16);
    // 0.5 as Float32 little-endian is 00 00 00 3f.
    expect(Array.from(bytes.subarray(4 + json.length + 4, 4 + json.length + 8))).toEqual([0, 0, 0, 0x3f]);
    const out = decodeAudio(bytes);
    expect(out.header).toEqual(header(4));
    expect(Array.from(out.pcm)).toEqual([0, 0.5, -1, 0.25]);
  });

  it('reads samples from an unaligned view', () => {
    const bytes = encodeAudio(header(2), new Float32Array([0.125, -0.75]));
    const shifted = new Uint8Array(bytes.length + 1);
    shifted.set(bytes, 1);
    expect(Array.from(decodeAudio(shifted.subarray(1)).pcm)).toEqual([0.125, -0.75]);
  });

  it('rejects short, overrunning, non-JSON, mis-sized and wrong-rate messages', () => {
    expect(() => decodeAudio(new Uint8Array([1, 0]))).toThrow(RangeError);
    expect(() => decodeAudio(new Uint8Array([200, 0, 0, 0, 1]))).toThrow(RangeError);
    expect(() => decodeAudio(new Uint8Array([1, 0, 0, 0, 0x7b]))).toThrow(TypeError);
    expect(() => decodeAudio(encodeAudio(header(3), new Float32Array(2)))).toThrow(/expected 12/);
    const wrongRate = { ...header(2), sampleRate: 48_000 } as unknown as AudioHeader;
    expect(() => decodeAudio(encodeAudio(wrongRate, new Float32Array(2)))).toThrow(TypeError);
  });

  it('accepts at most one second per chunk', () => {
    expect(isAudioHeader(header(16_000))).toBe(true);
    expect(isAudioHeader(header(16_001))).toBe(false);
    expect(isAudioHeader(header(0))).toBe(false);
    expect(isAudioHeader(header(1.5))).toBe(false);
    expect(isAudioHeader(header(10, { t: Number.NaN }))).toBe(false);
    expect(isAudioHeader({ ...header(10), type: 'frame' })).toBe(false);
  });
});
