/**
 * Band-limited resampling by windowed sinc (Kaiser window), for any pair of rates. The kernel's cutoff sits
 * just under the lower of the two Nyquist frequencies, so downsampling (48 kHz → 16 kHz) removes what would
 * otherwise alias, and upsampling (8 kHz → 16 kHz) adds no images. The kernel is tabulated once per call
 * (oversampled, linearly interpolated) so the inner loop is multiply-adds only.
 */

export interface ResampleOptions {
  /** Zero crossings of the sinc on each side, at the lower rate. Default 16 (about 80 dB stopband with β 8). */
  zeroCrossings?: number;
  /** Cutoff as a fraction of the lower Nyquist frequency. Default 0.92 (7.36 kHz when the lower rate is 16 kHz). */
  rolloff?: number;
  /** Kaiser β. Default 8. */
  beta?: number;
}

/** Table points per zero crossing; linear interpolation between them keeps the kernel error under 1e-5. */
const TABLE_DENSITY = 512;

/** Returns `input` (sampled at `fromRate` Hz) resampled to `toRate` Hz. Same array when the rates match. */
export function resample(
  input: Float32Array,
  fromRate: number,
  toRate: number,
  options: ResampleOptions = {},
): Float32Array {
  if (!(fromRate > 0) || !(toRate > 0)) throw new RangeError(`bad sample rates ${fromRate} → ${toRate}`);
  if (fromRate === toRate) return input;
  const zeros = options.zeroCrossings ?? 16;
  const rolloff = options.rolloff ?? 0.92;
  const beta = options.beta ?? 8;
  // Kernel expressed in units of the lower rate's sample period, so it stretches when downsampling.
  const scale = Math.min(1, toRate / fromRate);
  const table = kernelTable(zeros, rolloff, beta);
  const ratio = fromRate / toRate;
  const halfWidth = zeros / scale; // in input samples
  const outLength = Math.floor((input.length * toRate) / fromRate);
  const out = new Float32Array(outLength);
  const last = input.length - 1;
  for (let n = 0; n < outLength; n++) {
    const centre = n * ratio;
    const lo = Math.max(0, Math.ceil(centre - halfWidth));
    const hi = Math.min(last, Math.floor(centre + halfWidth));
    let acc = 0;
    for (let k = lo; k <= hi; k++) {
      // Position in the table: |distance| measured in lower-rate periods, times the density.
      const pos = Math.abs(k - centre) * scale * TABLE_DENSITY;
      const i = pos | 0;
      const frac = pos - i;
      const a = table[i] ?? 0;
      const b = table[i + 1] ?? 0;
      acc += (input[k] ?? 0) * (a + (b - a) * frac);
    }
    out[n] = acc * scale;
  }
  return out;
}

/** h(x) = rolloff · sinc(rolloff · x) · kaiser(x / zeros), for x = 0 … zeros in steps of 1/TABLE_DENSITY. */
function kernelTable(zeros: number, rolloff: number, beta: number): Float64Array {
  const n = zeros * TABLE_DENSITY + 2;
  const table = new Float64Array(n);
  const norm = besselI0(beta);
  for (let i = 0; i < n; i++) {
    const x = i / TABLE_DENSITY;
    if (x >= zeros) continue;
    const r = x / zeros;
    const window = besselI0(beta * Math.sqrt(1 - r * r)) / norm;
    const arg = Math.PI * rolloff * x;
    const sinc = x === 0 ? 1 : Math.sin(arg) / arg;
    table[i] = rolloff * sinc * window;
  }
  return table;
}

/** Modified Bessel function of the first kind, order 0 (power series; converges fast for β ≤ 20). */
export function besselI0(x: number): number {
  let sum = 1;
  let term = 1;
  const q = (x * x) / 4;
  for (let k = 1; k < 50; k++) {
    term *= q / (k * k);
    sum += term;
    if (term < sum * 1e-12) break;
  }
  return sum;
}
