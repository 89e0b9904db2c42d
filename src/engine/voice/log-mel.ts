/**
 * The log-mel spectrogram the voice CNN reads: 25 ms periodic-Hann frames every 10 ms, a 512-point FFT,
 * 40 triangular mel bands over 60–7600 Hz (the same framing and filterbank as frames.ts), natural log of the
 * band energy plus {@link LOG_MEL_FLOOR}. The segment's own mean is removed first. Nothing else is normalised
 * here: the exported model does its own per-utterance normalisation (level floor, per-band mean and spread)
 * inside the ONNX graph, so training (scripts/train/voice/export-logmel.ts) and the engine feed it the very
 * same numbers.
 */
import { Fft, hann } from './fft';
import { FRAME_HOP, FRAME_LENGTH, FRAME_RATE, MEL_BANDS } from './frames';
import { applyFilterbank, melFilterbank } from './mel';

const FFT_SIZE = 512;
/** Added to each band's energy before the log, so digital silence gives ln(1e-10) ≈ −23 instead of −∞. */
export const LOG_MEL_FLOOR = 1e-10;

export interface LogMel {
  frames: number;
  bands: number;
  /** frames × bands natural-log band energies, row-major (frame by frame). */
  data: Float32Array;
}

/** Reusable tables: build once, call {@link LogMelAnalyser.compute} for every segment. */
export class LogMelAnalyser {
  private readonly fft = new Fft(FFT_SIZE);
  private readonly window = hann(FRAME_LENGTH);
  private readonly filters = melFilterbank(FFT_SIZE, FRAME_RATE, MEL_BANDS, 60, 7600);
  private readonly frame = new Float64Array(FRAME_LENGTH);
  private readonly power = new Float64Array(FFT_SIZE / 2 + 1);
  private readonly mel = new Float64Array(MEL_BANDS);

  /**
   * Log-mel of a 16 kHz mono segment. Segments shorter than `minFrames` frames (default 1) are padded with
   * zeros (silence) to that length, so the model always sees a usable input; non-finite samples count as 0.
   */
  compute(segment: Float32Array, minFrames = 1): LogMel {
    let sum = 0;
    for (let i = 0; i < segment.length; i++) sum += Number.isFinite(segment[i]) ? (segment[i] ?? 0) : 0;
    const dc = segment.length > 0 ? sum / segment.length : 0;
    const natural = segment.length >= FRAME_LENGTH ? Math.floor((segment.length - FRAME_LENGTH) / FRAME_HOP) + 1 : 0;
    const frames = Math.max(natural, minFrames);
    const data = new Float32Array(frames * MEL_BANDS);
    for (let f = 0; f < frames; f++) {
      const start = f * FRAME_HOP;
      for (let i = 0; i < FRAME_LENGTH; i++) {
        const v = segment[start + i];
        const x = v !== undefined && Number.isFinite(v) && start + i < segment.length ? v - dc : 0;
        this.frame[i] = x * (this.window[i] ?? 0);
      }
      this.fft.powerSpectrum(this.frame, this.power);
      applyFilterbank(this.filters, this.power, this.mel);
      for (let b = 0; b < MEL_BANDS; b++) data[f * MEL_BANDS + b] = Math.log((this.mel[b] ?? 0) + LOG_MEL_FLOOR);
    }
    return { frames, bands: MEL_BANDS, data };
  }
}
