/**
 * Synthetic audio and WAV bytes for the voice tests: nothing here is recorded speech, so the tests run
 * anywhere without data files.
 */

/** A sine of `hz` at `amplitude`, `seconds` long, at `rate` Hz. */
export function sine(hz: number, seconds: number, rate = 16_000, amplitude = 0.3): Float32Array {
  return Float32Array.from(
    { length: Math.round(seconds * rate) },
    (_, i) => amplitude * Math.sin((2 * Math.PI * hz * i) / rate),
  );
}

/** Deterministic white noise in [-amplitude, amplitude]. */
export function noise(seconds: number, rate = 16_000, amplitude = 0.1, seed = 1): Float32Array {
  let s = seed >>> 0;
  return Float32Array.from({ length: Math.round(seconds * rate) }, () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return (s / 4294967296 - 0.5) * 2 * amplitude;
  });
}

/**
 * A crude vowel-like voice: a sawtooth-ish harmonic series at f0 (gliding from `f0` to `f0End`) with a falling
 * spectrum, switched on and off in "syllables" of `syllableS` with gaps of `gapS`.
 */
export function voiceLike(
  seconds: number,
  options: { f0?: number; f0End?: number; rate?: number; amplitude?: number; syllableS?: number; gapS?: number } = {},
): Float32Array {
  const { f0 = 150, f0End = f0, rate = 16_000, amplitude = 0.3, syllableS = 0.18, gapS = 0.07 } = options;
  const n = Math.round(seconds * rate);
  const out = new Float32Array(n);
  let phase = 0;
  for (let i = 0; i < n; i++) {
    const t = i / rate;
    const f = f0 + ((f0End - f0) * i) / n;
    phase += (2 * Math.PI * f) / rate;
    let v = 0;
    for (let h = 1; h * f < rate / 2 && h <= 30; h++) v += Math.sin(h * phase) / h;
    const inSyllable = t % (syllableS + gapS) < syllableS;
    // Raised-cosine envelope per syllable so the level rises and falls like a vowel.
    const pos = (t % (syllableS + gapS)) / syllableS;
    out[i] = inSyllable ? amplitude * 0.5 * v * Math.sin(Math.PI * pos) : 0;
  }
  return out;
}

export type WavEncoding = 'pcm8' | 'pcm16' | 'pcm24' | 'pcm32' | 'float32' | 'float64';

/** Encodes interleaved-by-channel samples (`channels` arrays of equal length) as a WAV file. */
export function encodeWav(
  channels: Float32Array[],
  rate: number,
  encoding: WavEncoding = 'pcm16',
  options: { extensible?: boolean } = {},
): Uint8Array {
  const bits = Number(encoding.replace(/\D/g, ''));
  const float = encoding.startsWith('float');
  const width = bits / 8;
  const frames = channels[0]?.length ?? 0;
  const dataBytes = frames * channels.length * width;
  const fmtBytes = options.extensible ? 40 : 16;
  const out = new Uint8Array(12 + 8 + fmtBytes + 8 + dataBytes);
  const view = new DataView(out.buffer);
  const ascii = (at: number, s: string) => [...s].forEach((c, i) => view.setUint8(at + i, c.charCodeAt(0)));
  ascii(0, 'RIFF');
  view.setUint32(4, out.length - 8, true);
  ascii(8, 'WAVE');
  ascii(12, 'fmt ');
  view.setUint32(16, fmtBytes, true);
  const code = float ? 3 : 1;
  view.setUint16(20, options.extensible ? 0xfffe : code, true);
  view.setUint16(22, channels.length, true);
  view.setUint32(24, rate, true);
  view.setUint32(28, rate * channels.length * width, true);
  view.setUint16(32, channels.length * width, true);
  view.setUint16(34, bits, true);
  if (options.extensible) {
    view.setUint16(36, 22, true);
    view.setUint16(38, bits, true);
    view.setUint16(44, code, true); // first two bytes of the sub-format GUID
  }
  const dataAt = 20 + fmtBytes;
  ascii(dataAt, 'data');
  view.setUint32(dataAt + 4, dataBytes, true);
  let at = dataAt + 8;
  for (let i = 0; i < frames; i++) {
    for (const ch of channels) {
      const v = Math.max(-1, Math.min(1, ch[i] ?? 0));
      if (encoding === 'float32') view.setFloat32(at, ch[i] ?? 0, true);
      else if (encoding === 'float64') view.setFloat64(at, ch[i] ?? 0, true);
      else if (bits === 8) view.setUint8(at, Math.round(v * 127) + 128);
      else if (bits === 16) view.setInt16(at, Math.round(v * 32767), true);
      else if (bits === 24) {
        const q = Math.round(v * 8388607);
        view.setUint8(at, q & 0xff);
        view.setUint8(at + 1, (q >> 8) & 0xff);
        view.setInt8(at + 2, q >> 16);
      } else view.setInt32(at, Math.round(v * 2147483647), true);
      at += width;
    }
  }
  return out;
}

/** RMS of a signal (0 for an empty one). */
export function rms(x: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < x.length; i++) s += (x[i] ?? 0) ** 2;
  return x.length > 0 ? Math.sqrt(s / x.length) : 0;
}
