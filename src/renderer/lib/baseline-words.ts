/**
 * Words for the personal baseline: the optional calibration and the corrections that shape it.
 * Like the prompt words, they describe how Attune reads expressions, never the person (a test checks).
 */
import type { BaselineInfo, CalibrationState } from '../../shared/prompts';
import { clockTime } from './format';

export const CALIBRATION_INTRO =
  'Some faces look a little serious when relaxed. To learn what yours looks like at rest, Attune can watch ' +
  'about 20 seconds of your relaxed face and listen to a few spoken words — for example, say what you had ' +
  'for breakfast. Only numbers are kept; no picture or sound is stored. This is optional.';

/** Seconds left of a collecting calibration at `now`, rounded up, never below 0. */
export function secondsLeft(state: Extract<CalibrationState, { phase: 'collecting' }>, now: number): number {
  return Math.max(0, Math.ceil((state.startedAt + state.durationMs - now) / 1000));
}

/** Fraction of a collecting calibration done at `now`, [0, 1]. */
export function calibrationProgress(state: Extract<CalibrationState, { phase: 'collecting' }>, now: number): number {
  if (state.durationMs <= 0) return 1;
  return Math.min(1, Math.max(0, (now - state.startedAt) / state.durationMs));
}

const plural = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`;

/** What was gathered: "42 pictures of your face and 6 seconds of speech". */
export function gatheredWords(faceFrames: number, voiceSeconds: number): string {
  return `${plural(faceFrames, 'picture', 'pictures')} of your face and ${plural(Math.round(voiceSeconds), 'second', 'seconds')} of speech`;
}

/** "12 seconds left": the visible countdown (kept out of the announced state, which would chatter). */
export function secondsLeftWords(state: Extract<CalibrationState, { phase: 'collecting' }>, now: number): string {
  return `${plural(secondsLeft(state, now), 'second', 'seconds')} left`;
}

/** One line about the calibration's state; it changes only when the phase does. */
export function calibrationWords(state: CalibrationState): string {
  switch (state.phase) {
    case 'idle':
      return 'Not calibrating.';
    case 'collecting':
      return 'Calibrating: relax, look at the screen and say a few words.';
    case 'done':
      return `Done at ${clockTime(state.at)}: Attune used ${gatheredWords(state.faceFrames, state.voiceSeconds)}.`;
    case 'failed':
      return `That did not work: ${sentence(state.reason)} You can try again whenever you like.`;
  }
}

/** The baseline in a sentence: when it was calibrated and how many corrections shaped it. */
export function baselineWords(info: BaselineInfo, now: number): string {
  const when =
    info.calibratedAt === null
      ? 'Not calibrated yet.'
      : `Calibrated ${sameDay(info.calibratedAt, now) ? 'today' : 'on ' + dateWords(info.calibratedAt)} at ${clockTime(info.calibratedAt)}.`;
  const corrections =
    info.corrections === 0
      ? 'No corrections from you yet.'
      : `Shaped by ${plural(info.corrections, 'correction', 'corrections')} from you.`;
  return `${when} ${corrections}`;
}

/** The engine's reason as a sentence with a full stop. */
function sentence(text: string): string {
  const trimmed = text.trim();
  return /[.!?]$/.test(trimmed) ? trimmed : `${trimmed}.`;
}

function sameDay(a: number, b: number): boolean {
  return new Date(a).toDateString() === new Date(b).toDateString();
}

function dateWords(t: number): string {
  return new Date(t).toLocaleDateString(undefined, { day: 'numeric', month: 'long', year: 'numeric' });
}

export const RESET_DONE = 'Your baseline is reset: Attune reads your expressions as it did at first.';
