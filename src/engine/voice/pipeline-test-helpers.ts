/** Stand-ins and fixtures shared by the pipeline tests. */
import { resolve } from 'node:path';
import type { FrameVad } from './speech-detector';
import type { VadModel } from './voice-pipeline';

export const MODELS_DIR = resolve(import.meta.dirname, '../../../resources/models');

/** A VAD that calls a frame speech when its mean absolute value exceeds 0.02: enough for synthetic voices. */
export function levelVad(): VadModel & { streams: number } {
  const model = {
    streams: 0,
    stream(): FrameVad {
      model.streams++;
      return {
        process: (frame: Float32Array) =>
          Promise.resolve(frame.reduce((a, b) => a + Math.abs(b), 0) / frame.length > 0.02 ? 0.95 : 0.02),
        reset: () => undefined,
      };
    },
    release: () => Promise.resolve(),
  };
  return model;
}

/** `before` s of silence, a voice-like utterance, `after` s of silence, all at `rate` Hz. */
export function utterance(voice: Float32Array, before = 1, after = 1, rate = 16_000): Float32Array {
  const out = new Float32Array(Math.round((before + after) * rate) + voice.length);
  out.set(voice, Math.round(before * rate));
  return out;
}
