/**
 * Per-utterance acoustic features for the voice emotion classifier. The segment's level is normalised first
 * (active speech level → 0 dB), because a live microphone's automatic gain makes loudness meaningless; energy
 * features describe the level's shape over time, not its value. Pitch is in semitones above 100 Hz, which the
 * speaker baseline turns into "relative to this speaker". {@link FEATURE_VERSION} changes whenever a feature's
 * definition does, so a model trained on other definitions is refused.
 */
import { CLIP_LEVEL } from './audio-input';
import { FRAME_HOP, FRAME_RATE, FrameAnalyser, MEL_BANDS, MFCC_COUNT, frameLevels } from './frames';
import { semitones, yinPitch } from './pitch';
import { rhythmCues } from './rhythm';
import { column, delta, mean, percentile, slope, std } from './stats';

export const FEATURE_VERSION = 1;

/** Frames louder than the segment's 95th-percentile level minus this count as active speech, dB. */
const ACTIVE_RANGE_DB = 35;
/** Frames below this absolute level are never active (digital silence, hum), dBFS. */
const ACTIVE_FLOOR_DBFS = -70;

const range = (n: number, f: (i: number) => string) => Array.from({ length: n }, (_, i) => f(i));

export const FEATURE_NAMES: readonly string[] = [
  ...['f0_mean', 'f0_std', 'f0_p10', 'f0_p50', 'f0_p90', 'f0_range', 'f0_slope', 'f0_delta'],
  ...['voiced_fraction', 'aperiodicity_voiced', 'aperiodicity_active', 'aperiodicity_p10', 'aperiodicity_p90'],
  ...['level_std', 'level_p10', 'level_p90', 'level_range', 'level_slope', 'level_delta_std'],
  ...['centroid_mean', 'centroid_std', 'rolloff_mean', 'rolloff_std', 'flatness_mean', 'flatness_std'],
  ...['tilt_mean', 'tilt_std', 'tilt_voiced', 'centroid_voiced', 'zcr_mean', 'zcr_std'],
  ...['peak_rate', 'voiced_run_rate', 'voiced_run_s', 'pause_fraction', 'flux_mean', 'flux_std', 'voiced_level'],
  ...range(MFCC_COUNT - 1, (i) => `mfcc${i + 1}_mean`),
  ...range(MFCC_COUNT, (i) => `mfcc${i}_std`),
  ...range(MFCC_COUNT, (i) => `mfcc${i}_delta_std`),
  ...range(MEL_BANDS, (i) => `logmel${i}_mean`),
  ...range(MEL_BANDS, (i) => `logmel${i}_std`),
  ...range(MFCC_COUNT - 1, (i) => `mfcc${i + 1}_voiced_mean`),
];

/** What the features cannot say about themselves: how trustworthy the segment is. */
export interface SegmentQuality {
  durationS: number;
  /** Seconds of active speech frames. */
  activeS: number;
  /** Active speech level before normalisation, dBFS (−∞ → −100 for silence). */
  levelDbfs: number;
  /** 95th minus 10th percentile frame level, dB: a rough signal-to-noise figure for a segment with pauses. */
  dynamicRangeDb: number;
  /** Fraction of samples at or beyond ±CLIP_LEVEL (0.999 of full scale). */
  clippedFraction: number;
  voicedFraction: number;
}

export interface SegmentFeatures {
  /** Ordered like {@link FEATURE_NAMES}. */
  values: Float64Array;
  quality: SegmentQuality;
}

/** Features of one utterance (16 kHz mono). Never throws: silence or garbage give zeros and a poor quality. */
export function extractFeatures(segment: Float32Array, analyser = new FrameAnalyser()): SegmentFeatures {
  const x = new Float32Array(segment.length);
  let sum = 0;
  let clipped = 0;
  for (let i = 0; i < segment.length; i++) {
    const v = Number.isFinite(segment[i]) ? (segment[i] ?? 0) : 0;
    if (Math.abs(v) >= CLIP_LEVEL) clipped++;
    x[i] = v;
    sum += v;
  }
  const dc = segment.length > 0 ? sum / segment.length : 0;
  for (let i = 0; i < x.length; i++) x[i] = (x[i] ?? 0) - dc;

  // Level normalisation: measure the active speech level on a first pass, scale, then analyse.
  const rawLevels = frameLevels(x);
  const all = Array.from({ length: rawLevels.length }, (_, i) => i);
  const p95 = percentile(rawLevels, all, 0.95);
  const active = all.filter((i) => (rawLevels[i] ?? -100) > Math.max(p95 - ACTIVE_RANGE_DB, ACTIVE_FLOOR_DBFS));
  let power = 0;
  for (const i of active) power += 10 ** ((rawLevels[i] ?? -100) / 10) / active.length;
  const levelDbfs = active.length > 0 ? 10 * Math.log10(power) : -100;
  const gain = active.length > 0 ? 10 ** (-levelDbfs / 20) : 1;
  for (let i = 0; i < x.length; i++) x[i] = (x[i] ?? 0) * gain;
  const t = analyser.analyse(x);

  const pitch = yinPitch(x, { sampleRate: FRAME_RATE, hopS: FRAME_HOP / FRAME_RATE });
  const voicedFlags = new Uint8Array(t.frames);
  const st = new Float32Array(t.frames);
  const aper = new Float32Array(t.frames);
  for (let i = 0; i < t.frames; i++) {
    const f0 = pitch.f0[Math.min(i, pitch.f0.length - 1)] ?? 0;
    aper[i] = pitch.aperiodicity[Math.min(i, pitch.aperiodicity.length - 1)] ?? 1;
    if (f0 > 0 && i < pitch.f0.length) {
      voicedFlags[i] = 1;
      st[i] = semitones(f0);
    }
  }
  const voiced = active.filter((i) => voicedFlags[i] === 1);
  const hopS = FRAME_HOP / FRAME_RATE;
  const stDelta: number[] = [];
  for (const i of voiced) if (voicedFlags[i + 1] === 1) stDelta.push(Math.abs((st[i + 1] ?? 0) - (st[i] ?? 0)));
  const levelDelta = delta(t.levelDb, t.frames);
  const flux = spectralFlux(t.logMel, t.frames);
  const rhythm = rhythmCues(t.levelDb, voicedFlags, active, hopS);
  const f0p10 = percentile(st, voiced, 0.1);
  const f0p90 = percentile(st, voiced, 0.9);
  const lp10 = percentile(t.levelDb, active, 0.1);
  const lp90 = percentile(t.levelDb, active, 0.9);
  const voicedFraction = active.length > 0 ? voiced.length / active.length : 0;
  const khz = (v: number) => v / 1000;

  const values: number[] = [
    ...[mean(st, voiced), std(st, voiced), f0p10, percentile(st, voiced, 0.5), f0p90, f0p90 - f0p10],
    ...[
      slope(st, voiced, hopS),
      mean(
        stDelta,
        stDelta.map((_, k) => k),
      ),
    ],
    ...[
      voicedFraction,
      mean(aper, voiced),
      mean(aper, active),
      percentile(aper, active, 0.1),
      percentile(aper, active, 0.9),
    ],
    ...[std(t.levelDb, active), lp10, lp90, lp90 - lp10, slope(t.levelDb, active, hopS), std(levelDelta, active)],
    ...[khz(mean(t.centroidHz, active)), khz(std(t.centroidHz, active))],
    ...[khz(mean(t.rolloffHz, active)), khz(std(t.rolloffHz, active))],
    ...[mean(t.logFlatness, active), std(t.logFlatness, active)],
    ...[mean(t.tilt, active), std(t.tilt, active), mean(t.tilt, voiced), khz(mean(t.centroidHz, voiced))],
    ...[mean(t.zcr, active), std(t.zcr, active)],
    ...[rhythm.peakRate, rhythm.voicedRunRate, rhythm.voicedRunS, rhythm.pauseFraction],
    ...[mean(flux, active), std(flux, active), mean(t.levelDb, voiced) - mean(t.levelDb, active)],
  ];
  const mfcc = Array.from({ length: MFCC_COUNT }, (_, c) => column(t.mfcc, MFCC_COUNT, c, t.frames));
  for (let c = 1; c < MFCC_COUNT; c++) values.push(mean(mfcc[c] ?? [], active));
  for (let c = 0; c < MFCC_COUNT; c++) values.push(std(mfcc[c] ?? [], active));
  for (let c = 0; c < MFCC_COUNT; c++) values.push(std(delta(mfcc[c] ?? [], t.frames), active));
  const bands = Array.from({ length: MEL_BANDS }, (_, b) => column(t.logMel, MEL_BANDS, b, t.frames));
  for (let b = 0; b < MEL_BANDS; b++) values.push(mean(bands[b] ?? [], active));
  for (let b = 0; b < MEL_BANDS; b++) values.push(std(bands[b] ?? [], active));
  for (let c = 1; c < MFCC_COUNT; c++) values.push(mean(mfcc[c] ?? [], voiced));

  return {
    values: Float64Array.from(values, (v) => (Number.isFinite(v) ? v : 0)),
    quality: {
      durationS: segment.length / FRAME_RATE,
      activeS: active.length * hopS,
      levelDbfs,
      dynamicRangeDb: p95 - percentile(rawLevels, all, 0.1),
      clippedFraction: segment.length > 0 ? clipped / segment.length : 0,
      voicedFraction,
    },
  };
}

/** Root-mean-square change of the log-mel spectrum from the previous frame (0 for the first). */
function spectralFlux(logMel: Float32Array, frames: number): Float32Array {
  const out = new Float32Array(frames);
  for (let f = 1; f < frames; f++) {
    let s = 0;
    for (let b = 0; b < MEL_BANDS; b++)
      s += ((logMel[f * MEL_BANDS + b] ?? 0) - (logMel[(f - 1) * MEL_BANDS + b] ?? 0)) ** 2;
    out[f] = Math.sqrt(s / MEL_BANDS);
  }
  return out;
}
