/**
 * Mel filterbank (HTK mel scale, triangular filters on the power spectrum, as in HTK and Kaldi) and the
 * orthonormal DCT-II that turns log-mel energies into MFCCs.
 */

export const hzToMel = (hz: number): number => 2595 * Math.log10(1 + hz / 700);
export const melToHz = (mel: number): number => 700 * (10 ** (mel / 2595) - 1);

/** One triangular filter: weights for FFT bins `first` … `first + weights.length − 1`. */
export interface MelFilter {
  first: number;
  weights: Float64Array;
}

/**
 * `bands` triangles spaced evenly in mel between `fminHz` and `fmaxHz`, over the `fftSize / 2 + 1` bins of a
 * `fftSize`-point spectrum at `sampleRate` Hz. Peak weight 1 (no area normalisation: the log and the
 * per-utterance normalisation make the scale irrelevant).
 */
export function melFilterbank(
  fftSize: number,
  sampleRate: number,
  bands: number,
  fminHz: number,
  fmaxHz: number,
): MelFilter[] {
  const lo = hzToMel(fminHz);
  const hi = hzToMel(fmaxHz);
  const edges = Array.from({ length: bands + 2 }, (_, i) => melToHz(lo + ((hi - lo) * i) / (bands + 1)));
  const binHz = sampleRate / fftSize;
  const filters: MelFilter[] = [];
  for (let b = 0; b < bands; b++) {
    const left = edges[b] ?? 0;
    const centre = edges[b + 1] ?? 0;
    const right = edges[b + 2] ?? 0;
    const first = Math.max(0, Math.ceil(left / binHz));
    const last = Math.min(fftSize / 2, Math.floor(right / binHz));
    const weights = new Float64Array(Math.max(0, last - first + 1));
    for (let k = first; k <= last; k++) {
      const hz = k * binHz;
      weights[k - first] = hz <= centre ? (hz - left) / (centre - left) : (right - hz) / (right - centre);
    }
    filters.push({ first, weights });
  }
  return filters;
}

/** Applies the filterbank to a power spectrum, writing each band's energy into `out`. */
export function applyFilterbank(filters: readonly MelFilter[], power: Float64Array, out: Float64Array): Float64Array {
  filters.forEach((filter, b) => {
    let sum = 0;
    const { first, weights } = filter;
    for (let i = 0; i < weights.length; i++) sum += (weights[i] ?? 0) * (power[first + i] ?? 0);
    out[b] = sum;
  });
  return out;
}

/** The first `count` rows of the orthonormal DCT-II for inputs of length `size`, row-major. */
export function dctMatrix(count: number, size: number): Float64Array {
  const m = new Float64Array(count * size);
  for (let k = 0; k < count; k++) {
    const scale = k === 0 ? Math.sqrt(1 / size) : Math.sqrt(2 / size);
    for (let n = 0; n < size; n++) m[k * size + n] = scale * Math.cos((Math.PI * k * (n + 0.5)) / size);
  }
  return m;
}
