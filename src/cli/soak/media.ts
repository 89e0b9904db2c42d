/** Synthetic media for the soak: one real face photo as a webcam frame, vowel-like speech between silences, texts. */
import { encodeAudio } from '../../shared/audio-protocol';
import { encodeFrame } from '../../shared/engine-protocol';
import { voiceLike } from '../../engine/voice/test-signals';
import { fit, sampleFrame, SMILING_SHOTS } from '../media/sample-frames';

/** Frame size, pixels: what a capture page sends for analysis (the detector works on 128×128 anyway). */
export const FRAME_WIDTH = 160;
export const FRAME_HEIGHT = 120;
/** Audio chunk length, ms (the capture page sends 100 ms chunks at 16 kHz). */
export const CHUNK_MS = 100;
const CHUNK_SAMPLES = 1600;
/** Within each simulated 20 s: 3 s of speech, then silence. */
const SPEECH_CYCLE_MS = 20_000;
const SPEECH_MS = 3_000;

export class SoakMedia {
  private readonly pixels: Uint8Array | Uint8ClampedArray;
  private readonly speech: Float32Array;
  private readonly silence = new Float32Array(CHUNK_SAMPLES);
  private seq = 0;

  constructor() {
    this.pixels = fit(sampleFrame(SMILING_SHOTS[0] as (typeof SMILING_SHOTS)[number]), FRAME_WIDTH, FRAME_HEIGHT).data;
    this.speech = voiceLike(SPEECH_MS / 1000, { f0: 180, f0End: 140 });
  }

  frame(t: number): Uint8Array {
    this.seq += 1;
    return encodeFrame({ type: 'frame', seq: this.seq, t, width: FRAME_WIDTH, height: FRAME_HEIGHT }, this.pixels);
  }

  /** The 100 ms chunk that starts `offsetMs` into the soak, captured at `t`. */
  audio(offsetMs: number, t: number): Uint8Array {
    this.seq += 1;
    const inCycle = offsetMs % SPEECH_CYCLE_MS;
    const pcm =
      inCycle < SPEECH_MS
        ? this.speech.subarray((inCycle / 1000) * 16_000, (inCycle / 1000) * 16_000 + CHUNK_SAMPLES)
        : this.silence;
    return encodeAudio({ type: 'audio', seq: this.seq, t, sampleRate: 16_000, samples: pcm.length }, pcm);
  }

  text(i: number): string {
    const lines = [
      'What a lovely afternoon.',
      'This meeting is dragging on.',
      'Finally fixed that bug!',
      'Feeling tired.',
    ];
    return lines[i % lines.length] as string;
  }
}
