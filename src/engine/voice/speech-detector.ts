/**
 * Silero VAD plus the segmenter over a running 16 kHz stream: audio goes in in chunks of any size, utterance
 * segments (in seconds from the stream's start) come out. Keeps the partial frame between calls.
 *
 * Each segment is then trimmed by level: Silero's probability lingers over a breath or a room's reverberation
 * after a sentence (on the check recording, 0.5 for 250 ms of breath at −54 dBFS after a −11 dBFS shout), so the
 * segment's ends move inwards to the first and last frame within `trimRangeDb` of the segment's loudest frame,
 * plus the usual padding. Trimming only ever shortens a segment.
 */
import { VAD_FRAME } from './silero-vad';
import { DEFAULT_SEGMENTER, VadSegmenter, type Segment, type VadSegmenterOptions } from './vad-segmenter';

export interface SpeechDetectorOptions extends VadSegmenterOptions {
  /** Frames quieter than the segment's loudest frame by more than this are trimmed off its ends, dB. Default 40. */
  trimRangeDb?: number;
}

/** Frame levels kept for trimming: enough for the longest segment plus the silence that closes it. */
const LEVEL_HISTORY = 512;

/** The part of the VAD the detector needs; SileroVad implements it, tests use a stub. */
export interface FrameVad {
  process(frame: Float32Array): Promise<number>;
  reset(): void;
}

export class SpeechDetector {
  private segmenter: VadSegmenter;
  private readonly pending = new Float32Array(VAD_FRAME);
  private pendingLength = 0;
  /** dBFS of recent frames, by frame number modulo LEVEL_HISTORY. */
  private readonly levels = new Float64Array(LEVEL_HISTORY);
  private frameCount = 0;
  /** Every frame's probability since the last reset, when `keepProbabilities` is on (for checks and plots). */
  readonly probabilities: number[] = [];

  constructor(
    private readonly vad: FrameVad,
    private readonly options: SpeechDetectorOptions = {},
    private readonly keepProbabilities = false,
  ) {
    this.segmenter = new VadSegmenter({ ...options, frameS: VAD_FRAME / 16_000 });
  }

  /** Feeds 16 kHz samples; resolves to the segments they complete. Calls must not overlap. */
  async push(pcm: Float32Array): Promise<Segment[]> {
    const out: Segment[] = [];
    let offset = 0;
    while (offset < pcm.length) {
      const take = Math.min(VAD_FRAME - this.pendingLength, pcm.length - offset);
      this.pending.set(pcm.subarray(offset, offset + take), this.pendingLength);
      this.pendingLength += take;
      offset += take;
      if (this.pendingLength === VAD_FRAME) {
        this.pendingLength = 0;
        this.levels[this.frameCount % LEVEL_HISTORY] = levelDb(this.pending);
        this.frameCount++;
        const p = await this.vad.process(this.pending);
        if (this.keepProbabilities) this.probabilities.push(p);
        for (const segment of this.segmenter.push(p)) out.push(this.trim(segment));
      }
    }
    return out;
  }

  /** Closes any open segment (end of file, or a gap in the stream). The partial frame is dropped. */
  flush(): Segment[] {
    this.pendingLength = 0;
    return this.segmenter.flush().map((segment) => this.trim(segment));
  }

  /** Starts a new stream: time goes back to 0 and the VAD forgets its state. */
  reset(): void {
    this.vad.reset();
    this.segmenter = new VadSegmenter({ ...this.options, frameS: VAD_FRAME / 16_000 });
    this.pendingLength = 0;
    this.frameCount = 0;
    this.probabilities.length = 0;
  }

  /** Seconds of audio consumed into whole frames since the last reset. */
  get time(): number {
    return this.segmenter.time;
  }

  private trim(segment: Segment): Segment {
    const frameS = VAD_FRAME / 16_000;
    const first = Math.max(0, Math.floor(segment.start / frameS + 1e-6), this.frameCount - LEVEL_HISTORY);
    const last = Math.min(this.frameCount, Math.ceil(segment.end / frameS - 1e-6)) - 1;
    if (last < first) return segment;
    let peak = -Infinity;
    for (let f = first; f <= last; f++) peak = Math.max(peak, this.level(f));
    const floor = peak - (this.options.trimRangeDb ?? 40);
    let a = first;
    while (a < last && this.level(a) < floor) a++;
    let b = last;
    while (b > a && this.level(b) < floor) b--;
    const pre = this.options.preSpeechPadS ?? DEFAULT_SEGMENTER.preSpeechPadS;
    const post = this.options.postSpeechPadS ?? DEFAULT_SEGMENTER.postSpeechPadS;
    const start = Math.max(segment.start, a * frameS - pre);
    const end = Math.min(segment.end, (b + 1) * frameS + post);
    return { start: Math.round(start * 1e6) / 1e6, end: Math.round(end * 1e6) / 1e6 };
  }

  private level(frame: number): number {
    return this.levels[frame % LEVEL_HISTORY] ?? -Infinity;
  }
}

function levelDb(frame: Float32Array): number {
  let sum = 0;
  for (let i = 0; i < frame.length; i++) sum += (frame[i] ?? 0) ** 2;
  return 10 * Math.log10(sum / frame.length + 1e-12);
}
