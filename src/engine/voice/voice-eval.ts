/**
 * What the CLI's `eval voice` needs: one label per labelled recording. Every utterance the pipeline finds is
 * classified, by default without a speaker baseline (files are independent), and their probabilities are
 * averaged, weighted by duration. No utterance found → label null (the eval counts it as undetected).
 */
import { readFile } from 'node:fs/promises';
import { EMOTIONS, argmaxLabel, type Emotion, type EmotionProbs } from '../../shared/labels';
import { fitForBaseline } from './confidence';
import type { SpeakerBaseline } from './speaker-baseline';
import type { VoicePipeline } from './voice-pipeline';
import { decodeWav } from './wav';

export interface VoiceFilePrediction {
  /** null: no speech found. */
  label: Emotion | null;
  /** Duration-weighted mean over segments; null when none. */
  probs: EmotionProbs | null;
  segments: number;
  /** Warnings from the WAV reader (truncated data and such). */
  warnings: string[];
}

/**
 * Reads a WAV file and predicts its emotion. With `baseline` (the speaker's, from their earlier files), each
 * utterance is judged against it, and afterwards the file's clean utterances are added to it, as the live app
 * does with what the user says. A file that is not a usable WAV throws AttuneError('bad-input').
 */
export async function predictVoiceFile(
  pipeline: VoicePipeline,
  file: string,
  baseline: SpeakerBaseline | null = null,
): Promise<VoiceFilePrediction> {
  const wav = decodeWav(new Uint8Array(await readFile(file)));
  const { segments } = await pipeline.analyseFile(wav.samples, wav.sampleRate, { baseline });
  for (const { result } of segments) if (baseline && fitForBaseline(result.flags)) baseline.add(result.features);
  if (segments.length === 0) return { label: null, probs: null, segments: 0, warnings: wav.warnings };
  const probs = Object.fromEntries(EMOTIONS.map((e) => [e, 0])) as EmotionProbs;
  let total = 0;
  for (const { start, end, result } of segments) {
    const w = Math.max(1e-3, end - start);
    total += w;
    for (const e of EMOTIONS) probs[e] += w * result.probs[e];
  }
  for (const e of EMOTIONS) probs[e] /= total;
  return { label: argmaxLabel(probs), probs, segments: segments.length, warnings: wav.warnings };
}
