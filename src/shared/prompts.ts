/**
 * Break prompts: the contract between the engine's prompt policy, the store and the pages. Prompts are off
 * until the person turns them on; the wording shown with them lives in the renderer and is never diagnostic.
 */
import type { Emotion } from './labels';
import type { Modality } from './mood';

/** The moods a prompt can be about: the ones the person asked us to notice. */
export type PromptReason = Extract<Emotion, 'sad' | 'angry'>;

export const PROMPT_REASONS: readonly PromptReason[] = ['sad', 'angry'];

/** A time of day, minutes after local midnight, 0…1439. */
export type MinuteOfDay = number;

export interface QuietHours {
  /** Start of the quiet period, minutes after local midnight (e.g. 1320 = 22:00). */
  from: MinuteOfDay;
  /** End of the quiet period, minutes after local midnight; may be before `from` (it spans midnight). */
  to: MinuteOfDay;
}

export interface PromptSettings {
  /** Off by default: the app only suggests breaks when the person asked it to. */
  enabled: boolean;
  /** The persistence window, minutes (default 10, 1…120). */
  windowMinutes: number;
  /** Minimum time between two prompts, minutes (default 45, 5…480). */
  cooldownMinutes: number;
  /** At most this many prompts per local day (default 4, 1…20). */
  dailyCap: number;
  /** No prompts in this period; null for none (default 22:00–08:00). */
  quietHours: QuietHours | null;
  /**
   * A daily "How are you feeling?" check-in nudge at this time of day; null for none (the default). Independent
   * of `enabled`: a person may want the reminder without break suggestions.
   */
  checkInReminder: MinuteOfDay | null;
}

export const DEFAULT_PROMPT_SETTINGS: PromptSettings = {
  enabled: false,
  windowMinutes: 10,
  cooldownMinutes: 45,
  dailyCap: 4,
  quietHours: { from: 22 * 60, to: 8 * 60 },
  checkInReminder: null,
};

export const PROMPT_SETTING_LIMITS = {
  windowMinutes: { min: 1, max: 120 },
  cooldownMinutes: { min: 5, max: 480 },
  dailyCap: { min: 1, max: 20 },
} as const;

/** What the person chose in a prompt. */
export const PROMPT_ACTIONS = ['breathe', 'stretch', 'snooze-15', 'snooze-60', 'not-now', 'wrong'] as const;
export type PromptAction = (typeof PROMPT_ACTIONS)[number];

export function isPromptAction(value: unknown): value is PromptAction {
  return typeof value === 'string' && (PROMPT_ACTIONS as readonly string[]).includes(value);
}

/** Why a prompt came: everything the persistence detector and the policy looked at. Numbers only. */
export interface PromptEvidence {
  reason: PromptReason;
  /** The window the detector looked at, Unix ms. */
  from: number;
  to: number;
  /** Time in the window with confident evidence of any mood, ms. */
  evidenceMs: number;
  /** Of that confident time, the share where `reason` was the mood, [0, 1]. */
  share: number;
  /** The share needed, and the least confident time needed, for a prompt. */
  shareThreshold: number;
  minEvidenceMs: number;
  /** The confidence a moment needed to count as confident evidence, [0, 1]. */
  confidenceThreshold: number;
  /** Each modality's mean contribution over the window's confident time, [0, 1], summing to about 1. */
  byModality: Record<Modality, number>;
}

export interface BreakPrompt {
  id: number;
  /** Unix ms when the prompt was shown. */
  t: number;
  reason: PromptReason;
  evidence: PromptEvidence;
  /** What the person chose, and when; null until they answer. */
  action: PromptAction | null;
  answeredAt: number | null;
  /**
   * After a break (breathe or stretch): whether the mood recovered within 15 minutes, that is whether
   * `reason` was no longer the persistent mood. Null until known, and for prompts that led to no break.
   */
  recovered: boolean | null;
}

/**
 * What the desktop tells about the person's situation. Electron's main fills it from the platform
 * (lock screen, idle time, another app using the camera or microphone, full screen); the headless host
 * knows less and says so by leaving those fields false.
 */
export interface Environment {
  /** The screen is locked or the session is inactive. */
  locked: boolean;
  /** No keyboard or mouse input for a while (main's idle threshold). */
  idle: boolean;
  /** Another app is using the camera or microphone: most likely a call. */
  meeting: boolean;
  /** A full-screen app (presentation, video, game) is in front. */
  fullscreen: boolean;
}

/** Nothing known to be going on: the default where the platform tells nothing. */
export const QUIET_ENVIRONMENT: Environment = { locked: false, idle: false, meeting: false, fullscreen: false };

/** A correction: "this is wrong, I feel …". */
export interface Correction {
  /** Unix ms. */
  t: number;
  /** What the app showed. */
  shown: Emotion | 'unknown';
  /** What the person says they feel. */
  felt: Emotion;
}

/** The person's calibration state, kept in the store. */
export interface BaselineInfo {
  /** Unix ms of the last calibration, null when never calibrated. */
  calibratedAt: number | null;
  /** How many corrections shaped the baseline since the last reset. */
  corrections: number;
  /** Per-label log-odds offsets applied to face evidence, by label; 0 when none. */
  faceBias: Record<Emotion, number>;
  /** The same for voice evidence. */
  voiceBias: Record<Emotion, number>;
}

const isMinuteOfDay = (v: unknown): boolean => Number.isInteger(v) && (v as number) >= 0 && (v as number) < 24 * 60;

function inLimit(v: unknown, limit: { min: number; max: number }): boolean {
  return Number.isInteger(v) && (v as number) >= limit.min && (v as number) <= limit.max;
}

/** Why a settings patch cannot be applied, or null when it can. Unknown keys are refused too. */
export function promptSettingsProblem(patch: unknown): string | null {
  if (typeof patch !== 'object' || patch === null || Array.isArray(patch)) return 'settings must be an object';
  for (const [key, value] of Object.entries(patch)) {
    switch (key) {
      case 'enabled':
        if (typeof value !== 'boolean') return 'enabled must be true or false';
        break;
      case 'windowMinutes':
      case 'cooldownMinutes':
      case 'dailyCap': {
        const limit = PROMPT_SETTING_LIMITS[key];
        if (!inLimit(value, limit)) return `${key} must be a whole number from ${limit.min} to ${limit.max}`;
        break;
      }
      case 'quietHours': {
        if (value === null) break;
        const q = value as Record<string, unknown>;
        if (typeof value !== 'object' || !isMinuteOfDay(q.from) || !isMinuteOfDay(q.to) || q.from === q.to) {
          return 'quietHours must be null or {from, to}: different minutes of the day, 0 to 1439';
        }
        break;
      }
      case 'checkInReminder':
        if (value !== null && !isMinuteOfDay(value))
          return 'checkInReminder must be null or a minute of the day, 0 to 1439';
        break;
      default:
        return `unknown prompt setting ${key}`;
    }
  }
  return null;
}
