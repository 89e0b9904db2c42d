/**
 * Words for break prompts. Kind and plain: they describe how things have *looked* to Attune, never what
 * the person has or is. Nothing here may sound like a diagnosis (a test checks every string).
 */
import type { Emotion } from '../../shared/labels';
import type { LiveMood, Modality } from '../../shared/mood';
import type { BreakPrompt, PromptAction, PromptEvidence, PromptReason } from '../../shared/prompts';
import { percent } from './format';

const MINUTE_MS = 60_000;
/** How long after a break Attune looks for a lighter mood (the engine's recovery window, 15 min). */
export const RECOVERY_WINDOW_MS = 15 * MINUTE_MS;

const MESSAGES: Record<PromptReason, string> = {
  sad: "You've seemed a bit low for a while. Would a short break help?",
  angry: 'Things have looked tense for a while. Would a short pause help?',
};

/** How a reason reads inside a sentence ("looked low"). */
const LOOKED: Record<PromptReason, string> = { sad: 'low', angry: 'tense' };

export const PROMPT_TITLE = 'A moment for yourself?';

export function promptMessage(reason: PromptReason): string {
  return MESSAGES[reason];
}

/** A short reason for lists: "Seemed low for a while". */
export function reasonWords(reason: PromptReason): string {
  return `Seemed ${LOOKED[reason]} for a while`;
}

const ACTION_LABELS: Record<PromptAction, string> = {
  breathe: 'Breathe for a minute',
  stretch: 'Stretch or walk',
  'snooze-15': 'Snooze 15 min',
  'snooze-60': 'Snooze 1 hour',
  'not-now': 'Not now',
  wrong: "This isn't right",
};

export function actionLabel(action: PromptAction): string {
  return ACTION_LABELS[action];
}

const CHOSEN: Record<PromptAction, string> = {
  breathe: 'Took a minute to breathe',
  stretch: 'Stretched or walked',
  'snooze-15': 'Snoozed for 15 minutes',
  'snooze-60': 'Snoozed for an hour',
  'not-now': 'Not now',
  wrong: "Said it wasn't right",
};

/** What the person chose, for the history ("No answer" while unanswered). */
export function chosenWords(action: PromptAction | null): string {
  return action === null ? 'No answer' : CHOSEN[action];
}

/** What the card says after an answer that closes it. */
const ACKNOWLEDGED: Partial<Record<PromptAction, string>> = {
  'snooze-15': 'Okay. Attune will not suggest a break for the next 15 minutes.',
  'snooze-60': 'Okay. Attune will not suggest a break for the next hour.',
  'not-now': 'Okay. Carry on; Attune will stay quiet for a while.',
  wrong: 'Thanks for telling Attune. It will lean that way for you.',
};

export function acknowledgedWords(action: PromptAction): string {
  return ACKNOWLEDGED[action] ?? 'Okay.';
}

export const STRETCH_SUGGESTION =
  'Stand up, roll your shoulders a few times and look at something far away. If you can, take a short walk — ' +
  'even just to fetch a glass of water.';

export type Outcome = 'lighter' | 'no-change' | 'watching' | 'unknown' | 'no-break';

const isBreak = (action: PromptAction | null): boolean => action === 'breathe' || action === 'stretch';

/** Whether a break helped: known from `recovered`, or still within the 15-minute window at `now`. */
export function promptOutcome(prompt: BreakPrompt, now: number): Outcome {
  if (!isBreak(prompt.action)) return 'no-break';
  if (prompt.recovered === true) return 'lighter';
  if (prompt.recovered === false) return 'no-change';
  const since = prompt.answeredAt ?? prompt.t;
  return now < since + RECOVERY_WINDOW_MS ? 'watching' : 'unknown';
}

const OUTCOME_WORDS: Record<Outcome, string | null> = {
  // What was seen, not what was felt: the estimate looked lighter, the person may say otherwise.
  lighter: 'Looked lighter afterwards',
  'no-change': 'No change seen',
  watching: 'Checking the next 15 minutes',
  unknown: 'Not enough seen afterwards to tell',
  'no-break': null,
};

export function outcomeWords(outcome: Outcome): string | null {
  return OUTCOME_WORDS[outcome];
}

const MODALITY_WORDS: Record<Modality, string> = { face: 'your face', voice: 'your voice', text: 'your words' };
const MODALITY_NAMES: Record<Modality, string> = { face: 'Face', voice: 'Voice', text: 'Text' };

export function modalityWords(modality: Modality): string {
  return MODALITY_WORDS[modality];
}

/** A bar's label: "Face". */
export function modalityName(modality: Modality): string {
  return MODALITY_NAMES[modality];
}

/** Whole minutes of a duration, at least 1: "10 minutes", "1 minute". */
export function minutesWords(ms: number): string {
  const minutes = Math.max(1, Math.round(ms / MINUTE_MS));
  return minutes === 1 ? '1 minute' : `${minutes} minutes`;
}

/** A short duration: "45 s", "6 min 30 s", "1 h 5 min". Negative and NaN read as 0 s. */
export function durationWords(ms: number): string {
  const s = Number.isFinite(ms) ? Math.max(0, Math.round(ms / 1000)) : 0;
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return s % 60 ? `${m} min ${s % 60} s` : `${m} min`;
  return m % 60 ? `${Math.floor(m / 60)} h ${m % 60} min` : `${Math.floor(m / 60)} h`;
}

const MODALITY_ORDER: readonly Modality[] = ['face', 'voice', 'text'];

/** The modality that contributed most, or null when none did. Ties go to the earlier of face, voice, text. */
export function mainModality(shares: Record<Modality, number>): Modality | null {
  let best: Modality | null = null;
  for (const m of MODALITY_ORDER) if (shares[m] > 0 && (best === null || shares[m] > shares[best])) best = m;
  return best;
}

/** "Over the last 10 minutes, it looked low 72% of the time Attune could read clearly; mostly from your face (80%)." */
export function evidenceWords(evidence: PromptEvidence): string {
  const window = minutesWords(evidence.to - evidence.from);
  const head =
    `Over the last ${window}, it looked ${LOOKED[evidence.reason]} ` +
    `${percent(evidence.share)} of the time Attune could read clearly`;
  const main = mainModality(evidence.byModality);
  if (main === null) return `${head}.`;
  return `${head}; mostly from ${MODALITY_WORDS[main]} (${percent(evidence.byModality[main])}).`;
}

/** The answer to "this isn't right": a label for each feeling the person can pick. */
const FEEL_WORDS: Record<Emotion, string> = {
  neutral: 'Okay, neutral',
  happy: 'Happy',
  sad: 'Sad',
  angry: 'Angry',
  fearful: 'Worried',
  disgusted: 'Put off',
  surprised: 'Surprised',
};

export function feelWords(felt: Emotion): string {
  return FEEL_WORDS[felt];
}

export const CORRECTION_THANKS = 'Thanks — Attune will lean that way for you.';

/** The live mood's modality shares for the bars, or null before any estimate (the bars then say so). */
export function modalityShares(mood: LiveMood | null): Record<Modality, number> | null {
  if (!mood) return null;
  const { face, voice, text } = mood.modalities;
  return { face: face.share, voice: voice.share, text: text.share };
}
