/**
 * Timing for the one-minute paced breathing exercise: breathe in for 4 s, out for 6 s, six times.
 * A longer out-breath than in-breath is the usual pattern for calming paced breathing; ten seconds a
 * breath (six a minute) is slow enough to feel calm and easy enough to follow without practice.
 */

export interface BreathingPace {
  /** Length of an in-breath, ms (default 4000). */
  inMs: number;
  /** Length of an out-breath, ms (default 6000). */
  outMs: number;
  /** Number of breaths (default 6: with the defaults, one minute). */
  breaths: number;
}

export const DEFAULT_PACE: BreathingPace = { inMs: 4000, outMs: 6000, breaths: 6 };

export const exerciseMs = (pace: BreathingPace = DEFAULT_PACE): number => (pace.inMs + pace.outMs) * pace.breaths;

/** The smallest and largest size of the breathing circle, as a scale factor. */
export const CIRCLE_MIN = 0.55;
export const CIRCLE_MAX = 1;

export interface BreathMoment {
  phase: 'in' | 'out' | 'done';
  /** Which breath, 1…breaths (breaths once done). */
  breath: number;
  /** How far into the current phase, [0, 1] (1 once done). */
  progress: number;
  /** Whole seconds left of the current phase, rounded up (0 once done). */
  phaseSecondsLeft: number;
  /** Whole seconds left of the exercise, rounded up. */
  secondsLeft: number;
  /** The circle's scale: grows on the in-breath, shrinks on the out-breath, eased so it starts and ends softly. */
  scale: number;
}

/** Eases [0, 1] → [0, 1] along half a cosine wave: slow at both ends, like a breath. */
const ease = (x: number): number => (1 - Math.cos(Math.PI * x)) / 2;

/** Where the exercise is after `elapsedMs` (negative counts as 0). */
export function breathAt(elapsedMs: number, pace: BreathingPace = DEFAULT_PACE): BreathMoment {
  const total = exerciseMs(pace);
  const t = Math.max(0, elapsedMs);
  if (t >= total) {
    return { phase: 'done', breath: pace.breaths, progress: 1, phaseSecondsLeft: 0, secondsLeft: 0, scale: CIRCLE_MIN };
  }
  const cycle = pace.inMs + pace.outMs;
  const breath = Math.floor(t / cycle) + 1;
  const within = t % cycle;
  const secondsLeft = Math.ceil((total - t) / 1000);
  const span = CIRCLE_MAX - CIRCLE_MIN;
  if (within < pace.inMs) {
    const progress = within / pace.inMs;
    const phaseSecondsLeft = Math.ceil((pace.inMs - within) / 1000);
    return { phase: 'in', breath, progress, phaseSecondsLeft, secondsLeft, scale: CIRCLE_MIN + span * ease(progress) };
  }
  const progress = (within - pace.inMs) / pace.outMs;
  const phaseSecondsLeft = Math.ceil((cycle - within) / 1000);
  return { phase: 'out', breath, progress, phaseSecondsLeft, secondsLeft, scale: CIRCLE_MAX - span * ease(progress) };
}

/** The spoken-style cue for a moment: "Breathe in… 3". */
export function breathCue(moment: BreathMoment): string {
  if (moment.phase === 'done') return 'That was a minute. Well done.';
  const verb = moment.phase === 'in' ? 'Breathe in' : 'Breathe out';
  return `${verb}… ${moment.phaseSecondsLeft}`;
}

/** "0:45": the exercise's countdown. */
export function countdownWords(secondsLeft: number): string {
  const s = Math.max(0, Math.ceil(secondsLeft));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}
