/**
 * One mood over time, and gentle break prompts: the engine-facing class that ties fusion, smoothing,
 * persistence, the prompt policy and break outcomes together. Pure: no timers; the engine (or a test on a
 * simulated clock) passes the time into every call. Personalisation happens before it: the engine reads face and
 * voice through the personal model (src/shared/personal), so the baseline here stays empty unless a caller sets one.
 */
import type { Emotion, EmotionProbs } from '../../shared/labels';
import type { LiveMood } from '../../shared/mood';
import type {
  BaselineInfo,
  BreakPrompt,
  Correction,
  Environment,
  PromptAction,
  PromptEvidence,
  PromptReason,
  PromptSettings,
} from '../../shared/prompts';
import { cloneBaseline } from './baseline';
import { MoodEstimator, type EstimatorTuning } from './estimator';
import { MODALITIES } from './fusion';
import { DEFAULT_OUTCOME_TUNING, OutcomeWatch, type OutcomeTuning } from './outcome';
import { DEFAULT_PERSISTENCE_TUNING, MoodWindow, persistentReason, type PersistenceTuning } from './persistence';
import { blockedBy, PromptLedger, type LocalTime } from '../../shared/prompt-policy';

export type { LocalTime } from '../../shared/prompt-policy';

export interface CompanionInit {
  settings: PromptSettings;
  baseline: BaselineInfo;
  localTime: LocalTime;
  /** Prompts already shown in the last 24 h (from the store), so cooldown and cap survive a restart. */
  recentPrompts: BreakPrompt[];
}

export interface TickResult {
  /** A prompt to show now (the engine stores it, gets an id, then calls promptShown). */
  prompt: { reason: PromptReason; evidence: PromptEvidence } | null;
  /** Breaks whose 15-min recovery is now known. */
  outcomes: { promptId: number; recovered: boolean }[];
  /** Why no prompt came (see prompt-policy.ts, plus 'paused'); null when a prompt came. */
  blockedBy: string | null;
}

/** Every option has its unit, default and reason beside its default in the named module. */
export interface CompanionTuning extends EstimatorTuning {
  /** persistence.ts: confidence and share thresholds, minimum evidence, sampling. */
  persistence?: Partial<PersistenceTuning>;
  /** outcome.ts: watch length, lookback, minimum evidence. */
  outcome?: Partial<OutcomeTuning>;
}

const MINUTE = 60_000;

export class Companion {
  private readonly estimator: MoodEstimator;
  private readonly detector: MoodWindow;
  private readonly ledger: PromptLedger;
  private readonly persistence: PersistenceTuning;
  private readonly outcomeTuning: OutcomeTuning;
  private readonly localTime: LocalTime;
  private prefs: PromptSettings;
  private base: BaselineInfo;
  private watches: OutcomeWatch[] = [];
  private paused = false;

  constructor(init: CompanionInit, tuning: CompanionTuning = {}) {
    this.estimator = new MoodEstimator(tuning);
    this.persistence = { ...DEFAULT_PERSISTENCE_TUNING, ...tuning.persistence };
    this.outcomeTuning = { ...DEFAULT_OUTCOME_TUNING, ...tuning.outcome };
    this.localTime = init.localTime;
    this.prefs = { ...init.settings };
    this.base = cloneBaseline(init.baseline);
    this.detector = new MoodWindow(this.prefs.windowMinutes * MINUTE, this.persistence);
    this.ledger = new PromptLedger(init.recentPrompts);
    // Breaks whose outcome was still open at shutdown are watched again (their window restarts empty).
    for (const p of init.recentPrompts) {
      if ((p.action === 'breathe' || p.action === 'stretch') && p.answeredAt !== null && p.recovered === null) {
        this.watches.push(new OutcomeWatch(p.id, p.reason, p.answeredAt, this.outcomeTuning, this.persistence));
      }
    }
  }

  face(t: number, probs: EmotionProbs | null, confidence: number, quality: number): LiveMood {
    if (!this.paused) {
      this.estimator.face(t, probs, confidence, quality);
    }
    return this.current(t);
  }

  voice(startMs: number, endMs: number, probs: EmotionProbs, confidence: number): LiveMood {
    if (!this.paused) {
      this.estimator.voice(startMs, endMs, probs, confidence);
    }
    return this.current(endMs);
  }

  text(t: number, probs: EmotionProbs, confidence: number): LiveMood {
    if (!this.paused) this.estimator.text(t, probs, confidence);
    return this.current(t);
  }

  current(t: number): LiveMood {
    return this.estimator.mood(t, this.base, this.paused);
  }

  tick(t: number, environment: Environment): TickResult {
    const result: TickResult = { prompt: null, outcomes: [], blockedBy: null };
    const mood = this.paused ? null : this.current(t);
    // Time away from the camera says nothing about mood: a held estimate feeds no prompt or outcome.
    if (mood && !mood.away) {
      const shares = { face: 0, voice: 0, text: 0 };
      for (const m of MODALITIES) shares[m] = mood.modalities[m].share;
      const point = { t, label: mood.label, confidence: mood.confidence, shares };
      this.detector.record(point);
      for (const w of this.watches) w.record(point);
    }
    this.watches = this.watches.filter((w) => {
      const verdict = w.check(t);
      if (verdict.done && verdict.recovered !== null) {
        result.outcomes.push({ promptId: w.promptId, recovered: verdict.recovered });
      }
      return !verdict.done;
    });
    const windowMs = this.prefs.windowMinutes * MINUTE;
    const evidence = this.paused ? null : persistentReason(this.detector, t, windowMs, this.persistence);
    result.blockedBy = blockedBy({
      t,
      settings: this.prefs,
      environment,
      localTime: this.localTime,
      promptTimes: this.ledger.timesAt(t),
      snoozedUntil: this.ledger.snoozedUntil(),
      paused: this.paused,
      persistent: evidence !== null,
    });
    if (result.blockedBy === null && evidence !== null) {
      result.prompt = { reason: evidence.reason, evidence };
      this.ledger.pending(t);
      // The next prompt needs fresh persistence, not the same old window.
      this.detector.clear();
    }
    return result;
  }

  promptShown(prompt: BreakPrompt): void {
    this.ledger.shown(prompt);
  }

  answer(prompt: BreakPrompt, action: PromptAction, t: number): void {
    if (action === 'snooze-15' || action === 'snooze-60') {
      this.ledger.snooze(action, t);
    } else if (action === 'breathe' || action === 'stretch') {
      this.watches.push(new OutcomeWatch(prompt.id, prompt.reason, t, this.outcomeTuning, this.persistence));
    } else if (action === 'wrong') {
      // What the person felt instead teaches the personal model (engine); the window is suspect either way.
      this.detector.clear();
    }
  }

  correct(t: number, felt: Emotion): { correction: Correction; mood: LiveMood } {
    const shown = this.current(t).label;
    // The personal model learns from the correction (engine); the window was read before it, so it is suspect.
    if (shown !== felt) this.detector.clear();
    this.estimator.adoptNextCandidate();
    return { correction: { t, shown, felt }, mood: this.current(t) };
  }

  pause(_t: number): void {
    this.paused = true;
  }

  resume(_t: number): void {
    if (!this.paused) return;
    this.paused = false;
    this.detector.breakContinuity();
    for (const w of this.watches) w.breakContinuity();
  }

  settings(): PromptSettings {
    return { ...this.prefs };
  }

  setSettings(s: PromptSettings): void {
    this.prefs = { ...s };
    this.detector.setWindowMs(s.windowMinutes * MINUTE);
  }

  baseline(): BaselineInfo {
    return cloneBaseline(this.base);
  }

  setBaseline(b: BaselineInfo): void {
    this.base = cloneBaseline(b);
  }
}
