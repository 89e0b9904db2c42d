/**
 * How far a voice result can be trusted, from the classifier's certainty and the segment's quality. Pure.
 *
 * confidence = certainty × Π quality factors, where certainty = (p_max − 1/K) / (1 − 1/K) for K labels, and:
 * - short: less than 1 s of active speech scales by activeS / 1 s (emotion needs a few syllables);
 * - quiet: an active level under −45 dBFS falls linearly to 0 at −65 dBFS (far from the mic, or muted);
 * - noisy: a level spread (95th − 10th percentile) under 20 dB falls linearly to 0 at 6 dB: clean speech has
 *   pauses and consonants 20+ dB under its vowels, while steady noise fills them in;
 * - clipped: more than 0.1 % clipped samples ×0.7, more than 1 % ×0.4 (clipping smears the spectrum);
 * - unvoiced: under 10 % voiced frames ×0.5 (whisper or noise; the pitch features say nothing);
 * - no-baseline: ×0.8, since the model without a speaker baseline is about 4 points less accurate;
 * - narrowband (set by the pipeline for audio recorded under 16 kHz): ×0.7, the features above 4 kHz are missing.
 */
import type { SegmentQuality } from './features';

export type VoiceFlag = 'short' | 'quiet' | 'noisy' | 'clipped' | 'unvoiced' | 'no-baseline' | 'narrowband';

const ramp = (x: number, zeroAt: number, oneAt: number) => Math.max(0, Math.min(1, (x - zeroAt) / (oneAt - zeroAt)));

export function voiceConfidence(
  pMax: number,
  labels: number,
  q: SegmentQuality,
  hasBaseline: boolean,
): { confidence: number; flags: VoiceFlag[] } {
  const flags: VoiceFlag[] = [];
  let factor = 1;
  const apply = (flag: VoiceFlag, f: number) => {
    if (f < 1) {
      flags.push(flag);
      factor *= f;
    }
  };
  apply('short', ramp(q.activeS, 0, 1));
  apply('quiet', ramp(q.levelDbfs, -65, -45));
  apply('noisy', ramp(q.dynamicRangeDb, 6, 20));
  apply('clipped', q.clippedFraction > 0.01 ? 0.4 : q.clippedFraction > 0.001 ? 0.7 : 1);
  apply('unvoiced', q.voicedFraction < 0.1 ? 0.5 : 1);
  apply('no-baseline', hasBaseline ? 1 : 0.8);
  const certainty = labels > 1 ? Math.max(0, (pMax - 1 / labels) / (1 - 1 / labels)) : 0;
  return { confidence: Math.max(0, Math.min(1, certainty * factor)), flags };
}

/**
 * Whether an utterance is clean enough to teach the speaker baseline: not short, quiet, noisy or clipped (a
 * baseline of such segments would describe the room or the microphone, not the voice).
 */
export function fitForBaseline(flags: readonly VoiceFlag[]): boolean {
  return !flags.some((f) => f === 'short' || f === 'quiet' || f === 'noisy' || f === 'clipped');
}

/** Adds a flag found outside the segment (e.g. by the file reader) and scales the confidence once. */
export function degrade<T extends { confidence: number; flags: VoiceFlag[] }>(
  result: T,
  flag: VoiceFlag,
  factor: number,
): T {
  if (result.flags.includes(flag)) return result;
  return { ...result, flags: [...result.flags, flag], confidence: result.confidence * factor };
}
