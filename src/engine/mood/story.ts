/**
 * One reading, one story. The smoother holds a label for a while (so it does not flicker) while the
 * mixed probabilities move every frame, so feeling and energy computed from the probabilities alone
 * could read "pleasant, energetic" under "Neutral", or "neither pleasant nor unpleasant" under "Happy".
 * Here the feeling and energy are kept inside the region of the circumplex that the shown label names,
 * so every view that draws a mood (Live, tray, timeline, stored history) tells the same story.
 */
import type { MoodLabel } from '../../shared/labels';

/** Below this magnitude the words say "neither" / "balanced" (renderer/lib/format.ts uses the same bands). */
export const AXIS_NEUTRAL_BAND = 0.2;
/** Just inside a band edge, so rounding never lands on the other side. */
const EDGE = AXIS_NEUTRAL_BAND + 1e-6;
const INSIDE = AXIS_NEUTRAL_BAND - 1e-6;

type Range = readonly [number, number];
const ANY: Range = [-1, 1];
const NEAR_ZERO: Range = [-INSIDE, INSIDE];
const POSITIVE: Range = [EDGE, 1];
const NEGATIVE: Range = [-1, -EDGE];
const NOT_POSITIVE: Range = [-1, INSIDE];

/** Where each label may sit: [valence range, arousal range]. */
const REGIONS: Record<MoodLabel, readonly [Range, Range]> = {
  neutral: [NEAR_ZERO, NEAR_ZERO],
  happy: [POSITIVE, ANY],
  sad: [NEGATIVE, NOT_POSITIVE],
  angry: [NEGATIVE, POSITIVE],
  fearful: [NEGATIVE, POSITIVE],
  disgusted: [NEGATIVE, ANY],
  surprised: [ANY, POSITIVE],
  unknown: [ANY, ANY],
};

const clampTo = (x: number, [lo, hi]: Range): number => (Number.isFinite(x) ? Math.min(hi, Math.max(lo, x)) : 0);

/** Valence and arousal moved (as little as possible) into the region the label names. */
export function agreeingAffect(
  label: MoodLabel,
  valence: number,
  arousal: number,
): { valence: number; arousal: number } {
  const [v, a] = REGIONS[label];
  return { valence: clampTo(valence, v), arousal: clampTo(arousal, a) };
}
