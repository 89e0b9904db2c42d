/**
 * "Preview a break" (Stretchly has one): the prompt card exactly as a real suggestion would show it, built
 * here and answered here, so nothing is stored and no outcome is watched.
 */
import { ok, type Envelope } from '../../shared/envelope';
import type { BreakPrompt, PromptAction } from '../../shared/prompts';

const MINUTE = 60_000;

/** A sample suggestion at `now`: ten minutes that looked low, mostly from the face. */
export function previewPrompt(now: number, settings: { windowMinutes: number }): BreakPrompt {
  const windowMs = settings.windowMinutes * MINUTE;
  return {
    id: -1,
    t: now,
    reason: 'sad',
    evidence: {
      reason: 'sad',
      from: now - windowMs,
      to: now,
      evidenceMs: windowMs * 0.7,
      share: 0.72,
      shareThreshold: 0.6,
      minEvidenceMs: windowMs * 0.3,
      confidenceThreshold: 0.5,
      byModality: { face: 0.8, voice: 0.15, text: 0.05 },
    },
    action: null,
    answeredAt: null,
    recovered: null,
  };
}

/** Answers the preview locally: the same shape the app would send back, never sent anywhere. */
export function answerPreview(prompt: BreakPrompt, action: PromptAction, now: number): Promise<Envelope<BreakPrompt>> {
  return Promise.resolve(ok({ ...prompt, action, answeredAt: now }));
}
