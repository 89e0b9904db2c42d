/**
 * Pure pieces of the microphone path: a streaming resampler to the engine's 16 kHz and a chunker that
 * cuts the stream into ~100 ms pieces stamped with the capture time of their first sample.
 */
import { AUDIO_SAMPLE_RATE } from '../../shared/audio-protocol';

/**
 * Streaming resampler for mono audio: a box filter as wide as the rate ratio (so 48 kHz → 16 kHz averages
 * three samples, removing most of what would alias), then linear interpolation. Output is the same whether
 * the input arrives in one piece or many.
 */
export class StreamResampler {
  /** Input samples per output sample. */
  private readonly step: number;
  private readonly taps: number;
  /** The last `taps − 1` raw samples, for the box filter across chunk boundaries. */
  private history: number[] = [];
  /** The last filtered sample and its absolute index in the filtered stream (−1: none yet). */
  private last = 0;
  private lastIndex = -1;
  /** Absolute filtered-stream position of the next output sample. */
  private next = 0;

  /** `fromRate` and `toRate` in Hz; `toRate` defaults to 16 000. */
  constructor(fromRate: number, toRate: number = AUDIO_SAMPLE_RATE) {
    if (!(fromRate > 0) || !(toRate > 0)) throw new RangeError('sample rates must be positive');
    this.step = fromRate / toRate;
    this.taps = Math.max(1, Math.round(this.step));
  }

  process(input: Float32Array): Float32Array {
    const filtered = new Float32Array(input.length);
    const window = [...this.history];
    let sum = window.reduce((a, b) => a + b, 0);
    for (let i = 0; i < input.length; i++) {
      const v = Number.isFinite(input[i]) ? (input[i] as number) : 0;
      window.push(v);
      sum += v;
      if (window.length > this.taps) sum -= window.shift() as number;
      filtered[i] = sum / window.length;
    }
    this.history = this.taps > 1 ? window.slice(-(this.taps - 1)) : [];

    const first = this.lastIndex + 1;
    const end = first + filtered.length - 1;
    const at = (index: number): number => (index < first ? this.last : (filtered[index - first] as number));
    const out: number[] = [];
    while (this.next <= end) {
      const i0 = Math.floor(this.next);
      const frac = this.next - i0;
      out.push(frac === 0 ? at(i0) : at(i0) + (at(i0 + 1) - at(i0)) * frac);
      this.next += this.step;
    }
    if (filtered.length > 0) {
      this.last = filtered[filtered.length - 1] as number;
      this.lastIndex = end;
    }
    return Float32Array.from(out);
  }
}

export interface TimedChunk {
  /** Unix ms when the chunk's first sample was captured. */
  t: number;
  pcm: Float32Array;
}

/**
 * Cuts a 16 kHz stream into chunks of `chunkSamples` (default 1 600: 100 ms). Times follow the sample
 * count from the first sample's wall-clock time, so chunks are evenly spaced; when the count and the clock
 * disagree by more than `resyncMs` (default 500: the page was throttled or audio was lost) the clock wins.
 */
export class AudioChunker {
  private pending: number[] = [];
  /** Unix ms of the first pending sample. */
  private pendingStartMs = 0;

  constructor(
    private readonly chunkSamples = 1_600,
    private readonly resyncMs = 500,
    private readonly rate = AUDIO_SAMPLE_RATE,
  ) {}

  /** `nowMs`: the wall clock when the last sample of `pcm` was captured. */
  push(pcm: Float32Array, nowMs: number): TimedChunk[] {
    const startMs = nowMs - (pcm.length * 1000) / this.rate;
    const pendingMs = (this.pending.length * 1000) / this.rate;
    if (this.pending.length === 0 || Math.abs(this.pendingStartMs + pendingMs - startMs) > this.resyncMs) {
      this.pendingStartMs = startMs - pendingMs;
    }
    for (const v of pcm) this.pending.push(v);
    const out: TimedChunk[] = [];
    while (this.pending.length >= this.chunkSamples) {
      out.push({ t: this.pendingStartMs, pcm: Float32Array.from(this.pending.splice(0, this.chunkSamples)) });
      this.pendingStartMs += (this.chunkSamples * 1000) / this.rate;
    }
    return out;
  }

  /** Forgets buffered audio (microphone closed): nothing heard outlives the microphone. */
  reset(): void {
    this.pending = [];
  }
}
