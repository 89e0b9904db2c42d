import { describe, expect, it } from 'vitest';
import { AttuneError } from '../../shared/envelope';
import { encodeWav, sine, type WavEncoding } from './test-signals';
import { decodeWav } from './wav';

const ramp = Float32Array.from({ length: 64 }, (_, i) => (i - 32) / 40);

function expectBadInput(bytes: Uint8Array, message: RegExp) {
  try {
    decodeWav(bytes);
    expect.unreachable('should have thrown');
  } catch (err) {
    expect(err).toBeInstanceOf(AttuneError);
    expect((err as AttuneError).kind).toBe('bad-input');
    expect((err as AttuneError).message).toMatch(message);
  }
}

describe('decodeWav', () => {
  it.each<[WavEncoding, number]>([
    ['pcm8', 1 / 100],
    ['pcm16', 1e-4],
    ['pcm24', 1e-6],
    ['pcm32', 1e-8],
    ['float32', 1e-7],
    ['float64', 1e-12],
  ])('reads %s within its quantisation step', (encoding, tolerance) => {
    const wav = decodeWav(encodeWav([ramp], 22_050, encoding));
    expect(wav.sampleRate).toBe(22_050);
    expect(wav.channels).toBe(1);
    expect(wav.encoding).toBe(encoding);
    expect(wav.warnings).toEqual([]);
    ramp.forEach((v, i) => expect(Math.abs((wav.samples[i] ?? 0) - v)).toBeLessThan(tolerance));
  });

  it('mixes any number of channels to mono by averaging', () => {
    const left = Float32Array.from([0.5, 0.5, -0.5]);
    const right = Float32Array.from([0.1, -0.5, -0.5]);
    const third = Float32Array.from([0, 0, 0.5]);
    const stereo = decodeWav(encodeWav([left, right], 48_000, 'float32'));
    expect(Array.from(stereo.samples)).toEqual([0.30000001192092896, 0, -0.5]);
    const three = decodeWav(encodeWav([left, right, third], 8000, 'float32'));
    expect(three.channels).toBe(3);
    expect(three.samples[2]).toBeCloseTo(-1 / 6, 6);
  });

  it('reads WAVE_FORMAT_EXTENSIBLE files by their sub-format', () => {
    const wav = decodeWav(encodeWav([ramp], 16_000, 'pcm24', { extensible: true }));
    expect(wav.encoding).toBe('pcm24');
    expect(wav.samples[0]).toBeCloseTo(-0.8, 5);
  });

  it('reads what is there when the data chunk is truncated, with a warning', () => {
    const full = encodeWav([sine(440, 0.1)], 16_000);
    const cut = full.subarray(0, full.length - 1001); // odd cut: a partial sample at the end
    const wav = decodeWav(cut);
    expect(wav.samples.length).toBe(1600 - 501);
    expect(wav.warnings.join(' ')).toMatch(/declares 3200 bytes/);
    expect(wav.warnings.join(' ')).toMatch(/partial sample frame/);
  });

  it('accepts a streaming writer’s zero data size', () => {
    const bytes = encodeWav([ramp], 16_000);
    new DataView(bytes.buffer).setUint32(40, 0, true);
    const wav = decodeWav(bytes);
    expect(wav.samples.length).toBe(64);
    expect(wav.warnings.length).toBeGreaterThan(0);
  });

  it('skips unknown chunks, including odd-sized ones with their pad byte', () => {
    const plain = encodeWav([ramp], 16_000);
    const extra = new Uint8Array([...'LIST'].map((c) => c.charCodeAt(0)).concat([3, 0, 0, 0, 1, 2, 3, 0]));
    const bytes = new Uint8Array(plain.length + extra.length);
    bytes.set(plain.subarray(0, 12));
    bytes.set(extra, 12);
    bytes.set(plain.subarray(12), 12 + extra.length);
    expect(decodeWav(bytes).samples.length).toBe(64);
  });

  it('refuses files that are not WAV, lack fmt or data, or hold no whole frame', () => {
    expectBadInput(new Uint8Array([1, 2, 3]), /not a WAV/);
    expectBadInput(new TextEncoder().encode('RIFF\0\0\0\0WAVEdata\0\0\0\0'), /no fmt chunk/);
    const header = encodeWav([ramp], 16_000).subarray(0, 36);
    expectBadInput(header, /no data chunk/);
    expectBadInput(encodeWav([ramp], 16_000).subarray(0, 30), /fmt chunk is truncated/);
    expectBadInput(encodeWav([ramp], 16_000).subarray(0, 45), /no complete sample frame/);
  });

  it('refuses encodings and rates it cannot read', () => {
    const bytes = encodeWav([ramp], 16_000);
    const view = new DataView(bytes.buffer);
    view.setUint16(20, 2, true); // ADPCM
    expectBadInput(bytes, /unsupported WAV encoding/);
    const slow = encodeWav([ramp], 16_000);
    new DataView(slow.buffer).setUint32(24, 10, true);
    expectBadInput(slow, /out of range/);
    const mute = encodeWav([ramp], 16_000);
    new DataView(mute.buffer).setUint16(22, 0, true);
    expectBadInput(mute, /0 channels/);
  });
});
