/**
 * Short-time analysis of a 16 kHz segment: 25 ms Hann frames every 10 ms, 512-point FFT, and per frame the
 * level, a 40-band log-mel spectrum (60–7600 Hz), 13 MFCCs, spectral centroid, 85 % roll-off, flatness, tilt
 * and the zero-crossing rate. Per-utterance statistics over these are built in features.ts.
 */
import { Fft, hann } from './fft';
import { applyFilterbank, dctMatrix, melFilterbank } from './mel';

export const FRAME_RATE = 16_000;
export const FRAME_LENGTH = 400; // 25 ms
export const FRAME_HOP = 160; // 10 ms
const FFT_SIZE = 512;
export const MEL_BANDS = 40;
export const MFCC_COUNT = 13;
/** Floor added before logs: −100 dB relative to a full-scale sine's band energy keeps silence finite. */
const LOG_FLOOR = 1e-10;

export interface FrameTrack {
  frames: number;
  /** Frame level, dB (10·log10 of mean square; 0 dB = full-scale square wave). */
  levelDb: Float32Array;
  /** frames × MEL_BANDS natural-log mel energies, row-major. */
  logMel: Float32Array;
  /** frames × MFCC_COUNT, row-major (c0 first). */
  mfcc: Float32Array;
  centroidHz: Float32Array;
  rolloffHz: Float32Array;
  /** Spectral flatness as log(geometric mean / arithmetic mean) of the power spectrum, ≤ 0. */
  logFlatness: Float32Array;
  /** Slope of log-mel energy against band index (nepers per band); steeper negative = duller voice. */
  tilt: Float32Array;
  /** Zero crossings per sample, 0..1. */
  zcr: Float32Array;
}

/** Frame levels in dB (same framing as {@link FrameAnalyser}), without the spectrum: a cheap first pass. */
export function frameLevels(signal: Float32Array): Float32Array {
  const frames = signal.length >= FRAME_LENGTH ? Math.floor((signal.length - FRAME_LENGTH) / FRAME_HOP) + 1 : 0;
  const out = new Float32Array(frames);
  for (let f = 0; f < frames; f++) {
    let energy = 0;
    for (let i = f * FRAME_HOP; i < f * FRAME_HOP + FRAME_LENGTH; i++) energy += (signal[i] ?? 0) ** 2;
    out[f] = 10 * Math.log10(energy / FRAME_LENGTH + LOG_FLOOR);
  }
  return out;
}

/** Reusable analysis tables: build once, use for every segment. */
export class FrameAnalyser {
  private readonly fft = new Fft(FFT_SIZE);
  private readonly window = hann(FRAME_LENGTH);
  private readonly filters = melFilterbank(FFT_SIZE, FRAME_RATE, MEL_BANDS, 60, 7600);
  private readonly dct = dctMatrix(MFCC_COUNT, MEL_BANDS);
  private readonly frame = new Float64Array(FRAME_LENGTH);
  private readonly power = new Float64Array(FFT_SIZE / 2 + 1);
  private readonly mel = new Float64Array(MEL_BANDS);

  analyse(signal: Float32Array): FrameTrack {
    const frames = signal.length >= FRAME_LENGTH ? Math.floor((signal.length - FRAME_LENGTH) / FRAME_HOP) + 1 : 0;
    const t: FrameTrack = {
      frames,
      levelDb: new Float32Array(frames),
      logMel: new Float32Array(frames * MEL_BANDS),
      mfcc: new Float32Array(frames * MFCC_COUNT),
      centroidHz: new Float32Array(frames),
      rolloffHz: new Float32Array(frames),
      logFlatness: new Float32Array(frames),
      tilt: new Float32Array(frames),
      zcr: new Float32Array(frames),
    };
    const binHz = FRAME_RATE / FFT_SIZE;
    const bins = FFT_SIZE / 2 + 1;
    for (let f = 0; f < frames; f++) {
      const start = f * FRAME_HOP;
      let energy = 0;
      let crossings = 0;
      for (let i = 0; i < FRAME_LENGTH; i++) {
        const v = signal[start + i] ?? 0;
        energy += v * v;
        if (i > 0 && v >= 0 !== (signal[start + i - 1] ?? 0) >= 0) crossings++;
        this.frame[i] = v * (this.window[i] ?? 0);
      }
      t.levelDb[f] = 10 * Math.log10(energy / FRAME_LENGTH + LOG_FLOOR);
      t.zcr[f] = crossings / (FRAME_LENGTH - 1);
      this.fft.powerSpectrum(this.frame, this.power);

      let total = 0;
      let weighted = 0;
      let logSum = 0;
      for (let k = 1; k < bins; k++) {
        const p = this.power[k] ?? 0;
        total += p;
        weighted += p * k * binHz;
        logSum += Math.log(p + LOG_FLOOR);
      }
      t.centroidHz[f] = total > 0 ? weighted / total : 0;
      t.logFlatness[f] = logSum / (bins - 1) - Math.log(total / (bins - 1) + LOG_FLOOR);
      let cumulative = 0;
      let k = 1;
      while (k < bins - 1 && cumulative + (this.power[k] ?? 0) < 0.85 * total) cumulative += this.power[k++] ?? 0;
      t.rolloffHz[f] = k * binHz;

      applyFilterbank(this.filters, this.power, this.mel);
      const row = f * MEL_BANDS;
      let sx = 0;
      let sy = 0;
      let sxy = 0;
      let sxx = 0;
      for (let b = 0; b < MEL_BANDS; b++) {
        const v = Math.log((this.mel[b] ?? 0) + LOG_FLOOR);
        t.logMel[row + b] = v;
        sx += b;
        sy += v;
        sxy += b * v;
        sxx += b * b;
      }
      t.tilt[f] = (MEL_BANDS * sxy - sx * sy) / (MEL_BANDS * sxx - sx * sx);
      for (let c = 0; c < MFCC_COUNT; c++) {
        let sum = 0;
        for (let b = 0; b < MEL_BANDS; b++) sum += (this.dct[c * MEL_BANDS + b] ?? 0) * (t.logMel[row + b] ?? 0);
        t.mfcc[f * MFCC_COUNT + c] = sum;
      }
    }
    return t;
  }
}
