/**
 * Speaking-rate cues from the level envelope and the voicing track: syllable-like peaks per second, voiced
 * runs per second, their mean length, and the fraction of pauses inside the utterance.
 */
export interface RhythmCues {
  /** Envelope peaks (syllable nuclei, roughly) per second of the speaking span. */
  peakRate: number;
  /** Voiced runs of at least 50 ms per second of the speaking span. */
  voicedRunRate: number;
  /** Mean voiced run length, s. */
  voicedRunS: number;
  /** Fraction of frames in the speaking span quieter than the active level by more than 20 dB. */
  pauseFraction: number;
}

/** Smallest rise and fall around an envelope peak, dB. */
const PEAK_PROMINENCE_DB = 4;
/** Peaks closer than this (frames of 10 ms) count once: syllables rarely come faster than 12 per second. */
const MIN_PEAK_GAP = 8;
const MIN_RUN = 5;

/**
 * `levelDb`: frame levels already normalised so the active speech level is 0 dB; `voiced`: per-frame voicing;
 * `active`: indices of active frames (ascending); `hopS`: frame hop in seconds.
 */
export function rhythmCues(
  levelDb: Float32Array,
  voiced: Uint8Array,
  active: readonly number[],
  hopS: number,
): RhythmCues {
  const none = { peakRate: 0, voicedRunRate: 0, voicedRunS: 0, pauseFraction: 0 };
  const first = active[0];
  const last = active[active.length - 1];
  if (first === undefined || last === undefined || last - first < 10) return none;
  const spanS = (last - first + 1) * hopS;
  // 50 ms moving average of the level in dB: smooths glottal and frame jitter, keeps syllable structure.
  const env: number[] = [];
  for (let i = first; i <= last; i++) {
    let s = 0;
    let n = 0;
    for (let j = Math.max(first, i - 2); j <= Math.min(last, i + 2); j++, n++) s += levelDb[j] ?? 0;
    env.push(s / n);
  }
  let peaks = 0;
  let lastPeak = -MIN_PEAK_GAP;
  let valley = env[0] ?? 0;
  for (let i = 1; i < env.length - 1; i++) {
    const v = env[i] ?? 0;
    valley = Math.min(valley, v);
    if (v >= (env[i - 1] ?? 0) && v > (env[i + 1] ?? 0) && v - valley >= PEAK_PROMINENCE_DB) {
      // The fall after the peak must also be prominent, within the next 200 ms or at the end.
      let after = v;
      for (let j = i + 1; j < Math.min(env.length, i + 20); j++) after = Math.min(after, env[j] ?? 0);
      if (v - after >= PEAK_PROMINENCE_DB && i - lastPeak >= MIN_PEAK_GAP) {
        peaks++;
        lastPeak = i;
        valley = v;
      }
    }
  }
  let runs = 0;
  let runFrames = 0;
  let current = 0;
  let pauses = 0;
  for (let i = first; i <= last + 1; i++) {
    if (i <= last && (levelDb[i] ?? 0) < -20) pauses++;
    if (i <= last && voiced[i] === 1) current++;
    else {
      if (current >= MIN_RUN) {
        runs++;
        runFrames += current;
      }
      current = 0;
    }
  }
  return {
    peakRate: peaks / spanS,
    voicedRunRate: runs / spanS,
    voicedRunS: runs > 0 ? (runFrames * hopS) / runs : 0,
    pauseFraction: pauses / (last - first + 1),
  };
}
