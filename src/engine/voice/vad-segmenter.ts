/**
 * Turns per-frame speech probabilities into utterance segments, frame by frame, so the same code serves a file
 * and a live stream. Pure: no audio, no model, no clock.
 *
 * Hysteresis, as in silero-vad's get_speech_timestamps: speech starts on a frame with p ≥ `positive` (0.5,
 * Silero's own default threshold); once in speech, a frame with p < `negative` (0.35 = positive − 0.15,
 * Silero's default gap) opens a possible end, a frame with p ≥ `positive` cancels it, and frames in between
 * change nothing. The segment ends when the possible end has lasted `minSilenceS`; its end is the start of that
 * silence. Short pauses inside a sentence therefore do not split it. Segments get `preSpeechPadS` before and
 * `postSpeechPadS` after; those shorter than `minSpeechS` (before padding) are dropped as clicks; those reaching
 * `maxSegmentS` are cut there and the speech continues in a new segment (the classifier wants a few seconds,
 * and a live result should not wait for a monologue to end).
 */

export interface VadSegmenterOptions {
  /** Seconds per probability frame. Default 0.032 (Silero v5: 512 samples at 16 kHz). */
  frameS?: number;
  /** Probability at or above which a frame is speech, 0..1. Default 0.5. */
  positive?: number;
  /** Probability below which a frame counts towards the end of speech, 0..1. Default 0.35. */
  negative?: number;
  /** Silence (p < negative) that ends a segment, s. Default 0.4. */
  minSilenceS?: number;
  /** Segments with less speech than this are dropped, s. Default 0.25. */
  minSpeechS?: number;
  /** Padding added before the first speech frame, s. Default 0.1. */
  preSpeechPadS?: number;
  /** Padding added after the last speech frame, s. Default 0.05 (Silero already runs late at the end). */
  postSpeechPadS?: number;
  /** Longest segment before it is cut, s (padding included). Default 4. */
  maxSegmentS?: number;
}

/** An utterance, in seconds from the start of the stream. */
export interface Segment {
  start: number;
  end: number;
}

/** Times are sums of frame durations: compare them with a tolerance far below one sample. */
const EPS = 1e-9;

export const DEFAULT_SEGMENTER: Required<VadSegmenterOptions> = {
  frameS: 0.032,
  positive: 0.5,
  negative: 0.35,
  minSilenceS: 0.4,
  minSpeechS: 0.25,
  preSpeechPadS: 0.1,
  postSpeechPadS: 0.05,
  maxSegmentS: 4,
};

export class VadSegmenter {
  private readonly o: Required<VadSegmenterOptions>;
  private frame = 0;
  /** Time the current speech began (unpadded), or null outside speech. */
  private speechStart: number | null = null;
  /** Padded start of the current segment. */
  private segmentStart = 0;
  /** Time the possible end began, or null. */
  private silenceStart: number | null = null;
  /** End of the last emitted segment: padding never reaches back into it. */
  private lastEnd = 0;

  constructor(options: VadSegmenterOptions = {}) {
    this.o = { ...DEFAULT_SEGMENTER, ...options };
    if (!(this.o.negative <= this.o.positive)) throw new RangeError('negative threshold must not exceed positive');
    if (!(this.o.frameS > 0) || !(this.o.maxSegmentS > this.o.frameS)) throw new RangeError('bad segment timing');
  }

  /** Feeds the next frame's speech probability; returns the segments it completes (usually none). */
  push(probability: number): Segment[] {
    const p = Number.isFinite(probability) ? probability : 0;
    const { frameS, positive, negative, minSilenceS } = this.o;
    const t = this.frame * frameS;
    this.frame++;
    const out: Segment[] = [];
    if (this.speechStart === null) {
      if (p >= positive) this.begin(t, Math.max(this.lastEnd, t - this.o.preSpeechPadS));
      return out;
    }
    if (p >= positive) this.silenceStart = null;
    else if (p < negative && this.silenceStart === null) this.silenceStart = t;
    if (this.silenceStart !== null && t + frameS - this.silenceStart >= minSilenceS - EPS) {
      this.close(this.silenceStart, out);
    } else if (t + frameS - this.segmentStart >= this.o.maxSegmentS - EPS) {
      if (this.silenceStart !== null) {
        this.close(this.silenceStart, out);
      } else {
        // Cut a long stretch and carry on: the next window starts where this one ends, unpadded.
        const cut = t + frameS;
        this.close(cut, out, false);
        this.begin(cut, cut);
      }
    }
    return out;
  }

  /** Ends the stream (or a gap in it): closes any open segment at the current time. */
  flush(): Segment[] {
    const out: Segment[] = [];
    if (this.speechStart !== null) this.close(this.silenceStart ?? this.frame * this.o.frameS, out);
    return out;
  }

  /** Seconds of probability frames seen so far. */
  get time(): number {
    return this.frame * this.o.frameS;
  }

  private begin(speechStart: number, segmentStart: number): void {
    this.speechStart = speechStart;
    this.segmentStart = segmentStart;
    this.silenceStart = null;
  }

  private close(speechEnd: number, out: Segment[], pad = true): void {
    const speechStart = this.speechStart ?? speechEnd;
    this.speechStart = null;
    this.silenceStart = null;
    const end = pad ? Math.min(this.time, speechEnd + this.o.postSpeechPadS) : speechEnd;
    // Clicks, and the last fraction of a second of a cut stretch, are too short to judge.
    if (speechEnd - speechStart < this.o.minSpeechS - EPS) return;
    out.push({ start: round(this.segmentStart), end: round(end) });
    this.lastEnd = end;
  }
}

/** Runs a whole probability sequence through a segmenter. */
export function segmentProbabilities(probabilities: ArrayLike<number>, options: VadSegmenterOptions = {}): Segment[] {
  const segmenter = new VadSegmenter(options);
  const out: Segment[] = [];
  for (let i = 0; i < probabilities.length; i++) out.push(...segmenter.push(probabilities[i] ?? 0));
  out.push(...segmenter.flush());
  return out;
}

/** Rounds to the microsecond so frame arithmetic (k × 0.032) prints cleanly. */
function round(t: number): number {
  return Math.round(t * 1e6) / 1e6;
}
