/**
 * Fundamental frequency by YIN (de Cheveigné & Kawahara 2002): difference function, cumulative mean
 * normalisation, absolute threshold, parabolic interpolation. Runs at 8 kHz (the signal is band-limited and
 * decimated first), which keeps it under 2 ms per second of audio and loses nothing below 500 Hz.
 */
import { resample } from './resample';

export interface PitchOptions {
  /** Input sample rate, Hz. Default 16000. */
  sampleRate?: number;
  /** Lowest f0 searched, Hz. Default 60. */
  fminHz?: number;
  /** Highest f0 searched, Hz. Default 500 (excited speech rises well above 400 Hz). */
  fmaxHz?: number;
  /** Hop between frames, s. Default 0.01, to line up with the spectral frames. */
  hopS?: number;
  /** Integration window, s. Default 0.03 (covers a 60 Hz period with room to spare). */
  windowS?: number;
  /**
   * YIN absolute threshold on the normalised difference: below it a frame is voiced. Default 0.3: RAVDESS's
   * soft voices sit at 0.2–0.3 in plainly voiced vowels; the paper's 0.1 marks half of them unvoiced.
   */
  threshold?: number;
}

export interface PitchTrack {
  /** f0 per frame in Hz, 0 when unvoiced. Frame i is centred at i·hop + window/2. */
  f0: Float32Array;
  /** Minimum of the normalised difference per frame (0 = perfectly periodic, ≈1 = noise). */
  aperiodicity: Float32Array;
  hopS: number;
}

const WORK_RATE = 8000;

export function yinPitch(signal: Float32Array, options: PitchOptions = {}): PitchTrack {
  const rate = options.sampleRate ?? 16_000;
  const hopS = options.hopS ?? 0.01;
  const x = rate === WORK_RATE ? signal : resample(signal, rate, WORK_RATE);
  const w = Math.round((options.windowS ?? 0.03) * WORK_RATE);
  const hop = Math.round(hopS * WORK_RATE);
  const minLag = Math.max(2, Math.floor(WORK_RATE / (options.fmaxHz ?? 500)));
  const maxLag = Math.ceil(WORK_RATE / (options.fminHz ?? 60));
  const threshold = options.threshold ?? 0.3;
  const frames = x.length >= w + maxLag + 1 ? Math.floor((x.length - w - maxLag - 1) / hop) + 1 : 0;
  const f0 = new Float32Array(frames);
  const aperiodicity = new Float32Array(frames);
  const diff = differenceFunctions(x, frames, hop, w, maxLag + 1);
  const width = maxLag + 2;
  const d = new Float64Array(width);
  for (let f = 0; f < frames; f++) {
    // Cumulative mean normalised difference d'(τ) = d(τ)·τ / Σ_{k≤τ} d(k).
    let running = 0;
    for (let tau = 1; tau < width; tau++) {
      const v = diff[f * width + tau] ?? 0;
      running += v;
      d[tau] = running > 0 ? (v * tau) / running : 1;
    }
    let best = -1;
    let minimum = Infinity;
    for (let tau = minLag; tau <= maxLag; tau++) {
      const v = d[tau] ?? 1;
      if (v < minimum) minimum = v;
      // The first dip under the threshold, followed down to its bottom, is the period (YIN step 4).
      if (best < 0 && v < threshold) {
        best = tau;
        while (best + 1 <= maxLag && (d[best + 1] ?? 1) < (d[best] ?? 1)) best++;
      }
    }
    aperiodicity[f] = Math.min(1, minimum);
    if (best > 0) {
      const a = d[best - 1] ?? 1;
      const b = d[best] ?? 1;
      const c = d[best + 1] ?? 1;
      const denom = a - 2 * b + c;
      const shift = denom > 0 ? (0.5 * (a - c)) / denom : 0;
      f0[f] = WORK_RATE / (best + Math.max(-1, Math.min(1, shift)));
    }
  }
  return { f0, aperiodicity, hopS };
}

/**
 * d_f(τ) = Σ_{j=f·hop}^{f·hop+w−1} (x[j] − x[j+τ])² for every frame f and τ = 0 … lags, row-major
 * (frames × (lags + 1)). Built from running sums over the whole signal, one pass per lag, which costs
 * length × lags instead of frames × w × lags: three times less at a 10 ms hop and 30 ms window.
 */
function differenceFunctions(x: Float32Array, frames: number, hop: number, w: number, lags: number): Float64Array {
  const width = lags + 1;
  const out = new Float64Array(frames * width);
  const needed = (frames - 1) * hop + w;
  const cumulative = new Float64Array(needed + 1);
  for (let tau = 1; tau <= lags; tau++) {
    let sum = 0;
    for (let j = 0; j < needed; j++) {
      const e = (x[j] ?? 0) - (x[j + tau] ?? 0);
      sum += e * e;
      cumulative[j + 1] = sum;
    }
    for (let f = 0; f < frames; f++) {
      out[f * width + tau] = (cumulative[f * hop + w] ?? 0) - (cumulative[f * hop] ?? 0);
    }
  }
  return out;
}

/** Semitones of `hz` above `referenceHz` (12 per octave). */
export function semitones(hz: number, referenceHz = 100): number {
  return 12 * Math.log2(hz / referenceHz);
}
