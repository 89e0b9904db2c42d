/**
 * Synthetic evidence for tests and benchmarks: noisy, seeded readings of a face, and a simulated day
 * that feeds a Companion at a frame rate and ticks it once a second.
 */
import { EMOTIONS, type Emotion, type EmotionProbs } from '../../shared/labels';
import { mulberry32 } from '../sim/prng';
import type { LiveMood } from '../../shared/mood';
import type { BreakPrompt, Environment, PromptAction } from '../../shared/prompts';
import { QUIET_ENVIRONMENT } from '../../shared/prompts';
import type { Companion, TickResult } from './companion';

/** 2026-03-02 09:00 UTC, a Monday: scenario days start here (with a UTC local calendar). */
export const MONDAY_9AM = Date.UTC(2026, 2, 2, 9, 0, 0);
export const SECOND = 1_000;
export const MINUTE = 60_000;
export const HOUR = 3_600_000;

/**
 * A noisy reading of `label`: the label gets `peak` ± `noise`/2, the rest is spread at random over the
 * other labels, as an expression model's softmax roughly looks on a clear face.
 */
export function noisyProbs(rand: () => number, label: Emotion, peak = 0.65, noise = 0.2): EmotionProbs {
  const top = Math.min(0.95, Math.max(0.05, peak + (rand() - 0.5) * noise));
  const rest = EMOTIONS.filter((l) => l !== label).map(() => 0.2 + rand());
  const sum = rest.reduce((a, b) => a + b, 0);
  const out = {} as EmotionProbs;
  let i = 0;
  for (const l of EMOTIONS) out[l] = l === label ? top : ((rest[i++] ?? 0) / sum) * (1 - top);
  return out;
}

/** Exact probabilities: `p` on `label`, the rest spread evenly. For hand-computed tests. */
export function peaked(label: Emotion, p = 1): EmotionProbs {
  const out = {} as EmotionProbs;
  for (const l of EMOTIONS) out[l] = l === label ? p : (1 - p) / (EMOTIONS.length - 1);
  return out;
}

/** What the camera sees at a moment: a face showing this mood, no face, or nothing (camera off). */
export type Scene = Emotion | 'no-face' | 'off';

export interface DayOptions {
  companion: Companion;
  from: number;
  to: number;
  scene: (t: number) => Scene;
  environment?: (t: number) => Environment;
  /** Face frames per second (default 2). */
  fps?: number;
  seed?: number;
  /** How the person answers each prompt (default: not at all). */
  answer?: (prompt: BreakPrompt) => { action: PromptAction; afterMs: number } | null;
  /** Called once a second with the tick result and the mood: for timelines. */
  onTick?: (t: number, result: TickResult, mood: LiveMood) => void;
}

export interface DayResult {
  prompts: BreakPrompt[];
  outcomes: TickResult['outcomes'];
  blocked: Map<string, number>;
}

/** Lives through [from, to) on a simulated clock: frames at `fps`, one tick a second. */
export function simulateDay(o: DayOptions): DayResult {
  const rand = mulberry32(o.seed ?? 1);
  const frameMs = SECOND / (o.fps ?? 2);
  const prompts: BreakPrompt[] = [];
  const outcomes: TickResult['outcomes'] = [];
  const blocked = new Map<string, number>();
  const answers: { at: number; prompt: BreakPrompt; action: PromptAction }[] = [];
  let nextTick = o.from;
  for (let t = o.from; t < o.to; t += frameMs) {
    const scene = o.scene(t);
    if (scene === 'no-face') o.companion.face(t, null, 0, 0);
    else if (scene !== 'off') o.companion.face(t, noisyProbs(rand, scene), 0.4 + 0.4 * rand(), 0.8 + 0.2 * rand());
    if (t < nextTick) continue;
    nextTick += SECOND;
    for (const a of answers.filter((x) => x.at <= t)) {
      a.prompt.action = a.action;
      a.prompt.answeredAt = a.at;
      o.companion.answer(a.prompt, a.action, a.at);
      answers.splice(answers.indexOf(a), 1);
    }
    const result = o.companion.tick(t, o.environment?.(t) ?? QUIET_ENVIRONMENT);
    outcomes.push(...result.outcomes);
    if (result.blockedBy !== null) blocked.set(result.blockedBy, (blocked.get(result.blockedBy) ?? 0) + 1);
    if (result.prompt) {
      const prompt: BreakPrompt = {
        id: prompts.length + 1,
        t,
        ...result.prompt,
        action: null,
        answeredAt: null,
        recovered: null,
      };
      prompts.push(prompt);
      o.companion.promptShown(prompt);
      const reply = o.answer?.(prompt);
      if (reply) answers.push({ at: t + reply.afterMs, prompt, action: reply.action });
    }
    if (o.onTick) o.onTick(t, result, o.companion.current(t));
  }
  return { prompts, outcomes, blocked };
}
