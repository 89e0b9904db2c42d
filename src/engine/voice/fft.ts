/**
 * In-place radix-2 complex FFT with precomputed twiddles and bit-reversal table, plus the power spectrum of a
 * real frame. Written here rather than pulled in as a package: the voice features need only this.
 */
export class Fft {
  private readonly cos: Float64Array;
  private readonly sin: Float64Array;
  private readonly reversed: Uint32Array;
  private readonly re: Float64Array;
  private readonly im: Float64Array;

  /** `size` must be a power of two ≥ 2. */
  constructor(readonly size: number) {
    if (!Number.isInteger(size) || size < 2 || (size & (size - 1)) !== 0) {
      throw new RangeError(`FFT size must be a power of two, got ${size}`);
    }
    this.cos = new Float64Array(size / 2);
    this.sin = new Float64Array(size / 2);
    for (let i = 0; i < size / 2; i++) {
      this.cos[i] = Math.cos((2 * Math.PI * i) / size);
      this.sin[i] = -Math.sin((2 * Math.PI * i) / size);
    }
    const bits = Math.log2(size);
    this.reversed = new Uint32Array(size);
    for (let i = 0; i < size; i++) {
      let r = 0;
      for (let b = 0; b < bits; b++) r |= ((i >> b) & 1) << (bits - 1 - b);
      this.reversed[i] = r;
    }
    this.re = new Float64Array(size);
    this.im = new Float64Array(size);
  }

  /** Forward transform of (re, im), both of length `size`, in place. */
  transform(re: Float64Array, im: Float64Array): void {
    const n = this.size;
    for (let i = 0; i < n; i++) {
      const j = this.reversed[i] ?? 0;
      if (j > i) {
        const tr = re[i] ?? 0;
        re[i] = re[j] ?? 0;
        re[j] = tr;
        const ti = im[i] ?? 0;
        im[i] = im[j] ?? 0;
        im[j] = ti;
      }
    }
    for (let half = 1; half < n; half *= 2) {
      const step = n / (2 * half);
      for (let start = 0; start < n; start += 2 * half) {
        for (let k = 0; k < half; k++) {
          const wr = this.cos[k * step] ?? 1;
          const wi = this.sin[k * step] ?? 0;
          const a = start + k;
          const b = a + half;
          const br = re[b] ?? 0;
          const bi = im[b] ?? 0;
          const xr = br * wr - bi * wi;
          const xi = br * wi + bi * wr;
          const ar = re[a] ?? 0;
          const ai = im[a] ?? 0;
          re[b] = ar - xr;
          im[b] = ai - xi;
          re[a] = ar + xr;
          im[a] = ai + xi;
        }
      }
    }
  }

  /**
   * |X[k]|² for k = 0 … size/2 of a real frame (zero-padded when shorter than `size`), written into `out`
   * (length size/2 + 1). Unnormalised: a full-scale sine of amplitude A at a bin centre gives (A·size/2)².
   */
  powerSpectrum(frame: ArrayLike<number>, out: Float64Array): Float64Array {
    const { re, im } = this;
    const m = Math.min(frame.length, this.size);
    for (let i = 0; i < this.size; i++) {
      re[i] = i < m ? (frame[i] ?? 0) : 0;
      im[i] = 0;
    }
    this.transform(re, im);
    for (let k = 0; k <= this.size / 2; k++) {
      const r = re[k] ?? 0;
      const j = im[k] ?? 0;
      out[k] = r * r + j * j;
    }
    return out;
  }
}

/** A periodic Hann window of `length` samples (the usual choice for STFT analysis). */
export function hann(length: number): Float64Array {
  const w = new Float64Array(length);
  for (let i = 0; i < length; i++) w[i] = 0.5 - 0.5 * Math.cos((2 * Math.PI * i) / length);
  return w;
}
