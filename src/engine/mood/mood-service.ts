/**
 * The engine's side of "one mood over time": feeds every modality's evidence to the pure Companion (fusion,
 * smoothing, persistence, prompt policy), and does what the Companion must not: storing the fused mood, prompts
 * and corrections, and telling the app about them. Face and voice evidence arrives already read through the
 * personal model (personal-service.ts), which replaced the neutral-only baseline: the Companion's stays empty.
 */
import type { Clock } from '../../shared/clock';
import { AttuneError } from '../../shared/envelope';
import type { EngineEvent, LogLevel } from '../../shared/engine-protocol';
import { Companion, type LocalTime } from './companion';
import { emptyBaseline } from './baseline';
import type { Emotion } from '../../shared/labels';
import type { LiveMood, MoodSample } from '../../shared/mood';
import {
  DEFAULT_PROMPT_SETTINGS,
  QUIET_ENVIRONMENT,
  promptSettingsProblem,
  type BreakPrompt,
  type Environment,
  type PromptAction,
  type PromptSettings,
} from '../../shared/prompts';
import type { EventRepository, PromptRepository, SampleRepository, SettingsRepository } from '../core/ports';

import type { ServiceRoutes } from '../core/service-routes';

export interface MoodServiceDeps {
  clock: Clock;
  samples: SampleRepository;
  prompts: PromptRepository;
  events: EventRepository;
  settings: SettingsRepository;
  emit: (event: EngineEvent) => void;
  log: (level: LogLevel, message: string) => void;
  /** The local calendar (default: this machine's time zone). */
  localTime?: LocalTime;
  /** The fused mood is stored at most this often, ms (default 1 000: 1 Hz). */
  fusedIntervalMs?: number;
}

/** Setting keys. */
const KEY = { prompts: 'promptSettings' } as const;
const DAY_MS = 24 * 3_600_000;

export const systemLocalTime: LocalTime = {
  minuteOfDay: (t) => {
    const d = new Date(t);
    return d.getHours() * 60 + d.getMinutes();
  },
  dayStart: (t) => new Date(t).setHours(0, 0, 0, 0),
};

export class MoodService {
  private readonly companion: Companion;
  private environment: Environment = { ...QUIET_ENVIRONMENT };
  private live: LiveMood | null = null;
  private lastFusedStoredAt = -Infinity;
  private paused = false;

  constructor(private readonly deps: MoodServiceDeps) {
    const now = deps.clock.now();
    this.companion = new Companion({
      settings: this.getPromptSettings(),
      baseline: emptyBaseline(),
      localTime: deps.localTime ?? systemLocalTime,
      recentPrompts: deps.prompts.range(now - DAY_MS, now + 1),
    });
  }

  now(): number {
    return this.deps.clock.now();
  }

  liveMood(): LiveMood | null {
    return this.live;
  }

  face(t: number, probs: LiveMood['probs'] | null, confidence: number, quality: number): void {
    this.update(this.companion.face(t, probs, confidence, quality));
  }

  voice(startMs: number, endMs: number, probs: LiveMood['probs'], confidence: number): void {
    this.update(this.companion.voice(startMs, endMs, probs, confidence));
  }

  text(t: number, probs: LiveMood['probs'], confidence: number): void {
    this.update(this.companion.text(t, probs, confidence));
  }

  /**
   * Called about once a second (a timer in the engine process, the simulated clock in `analyze`): lets the
   * Companion decide on prompts, outcomes and calibration, and stores the fused mood at most at 1 Hz.
   * Returns the prompt raised now, if any. `announceMood` false skips the 'mood' event (the test clock lives
   * through many seconds at once; only its last one is worth drawing).
   */
  tick(announceMood = true): BreakPrompt | null {
    const t = this.now();
    const result = this.companion.tick(t, this.environment);
    this.update(this.companion.current(t), announceMood);
    let shown: BreakPrompt | null = null;
    if (result.prompt) {
      shown = this.deps.prompts.add({ t, ...result.prompt, action: null, answeredAt: null, recovered: null });
      this.companion.promptShown(shown);
      this.deps.log('info', `break prompt ${shown.id} (${shown.reason})`);
      this.deps.emit({ name: 'prompt', payload: shown });
    }
    for (const { promptId, recovered } of result.outcomes) {
      this.deps.emit({ name: 'prompt', payload: this.deps.prompts.setRecovered(promptId, recovered) });
    }
    return shown;
  }

  setEnvironment(environment: Environment): void {
    this.environment = { ...environment };
  }

  pause(): void {
    this.paused = true;
    this.companion.pause(this.now());
    this.deps.events.add(this.now(), 'pause', {});
  }

  resume(): void {
    this.paused = false;
    this.companion.resume(this.now());
    this.deps.events.add(this.now(), 'resume', {});
  }

  getPromptSettings(): PromptSettings {
    const stored = this.deps.settings.get<Partial<PromptSettings>>(KEY.prompts, {});
    // A stored value that no longer passes the checks (an older version's, a hand edit) falls back to defaults.
    return promptSettingsProblem(stored) === null
      ? { ...DEFAULT_PROMPT_SETTINGS, ...stored }
      : { ...DEFAULT_PROMPT_SETTINGS };
  }

  setPromptSettings(patch: Partial<PromptSettings>): PromptSettings {
    const problem = promptSettingsProblem(patch);
    if (problem) throw new AttuneError('bad-input', problem);
    const next = { ...this.getPromptSettings(), ...patch };
    this.deps.settings.set(KEY.prompts, next);
    this.companion.setSettings(next);
    return next;
  }

  getPrompts(from: number, to: number): BreakPrompt[] {
    return this.deps.prompts.range(from, to);
  }

  answerPrompt(id: number, action: PromptAction, felt?: Emotion): BreakPrompt {
    const t = this.now();
    const answered = this.deps.prompts.answer(id, action, t);
    this.companion.answer(answered, action, t);
    // While paused there is no reading to correct: the answer is kept, the correction is not.
    if (action === 'wrong' && felt && !this.paused) this.correctMood(felt);
    if (action === 'breathe' || action === 'stretch') {
      this.deps.events.add(t, 'break', { promptId: id, action });
    }
    this.deps.emit({ name: 'prompt', payload: answered });
    return answered;
  }

  /**
   * Records "this is wrong, I feel `felt`" and answers with the mood at once (the personal model learns from it
   * in the engine). @throws AttuneError `paused` while paused: nothing was sensed to correct, nothing is stored.
   */
  correctMood(felt: Emotion): LiveMood | null {
    if (this.paused) throw new AttuneError('paused', 'Attune is paused, so there is no reading to correct.');
    const { correction, mood } = this.companion.correct(this.now(), felt);
    this.deps.events.add(correction.t, 'correction', { shown: correction.shown, felt });
    this.update(mood);
    return mood;
  }

  /** Keeps the latest mood, stores it at most at 1 Hz while there is evidence, and tells the app. */
  private update(mood: LiveMood, announce = true): void {
    this.live = mood;
    if (announce) this.deps.emit({ name: 'mood', payload: mood });
    const interval = this.deps.fusedIntervalMs ?? 1_000;
    // Hours with the camera off are not history: only moods with some evidence are kept. A mood held while
    // the person is away is not new evidence either.
    if (mood.confidence <= 0 || mood.away || mood.t - this.lastFusedStoredAt < interval) return;
    this.lastFusedStoredAt = mood.t;
    const shares = {
      face: mood.modalities.face.share,
      voice: mood.modalities.voice.share,
      text: mood.modalities.text.share,
    };
    const { t, label, probs, valence, arousal, confidence } = mood;
    const sample: MoodSample = {
      t: Math.round(t),
      source: 'fused',
      label,
      probs,
      valence,
      arousal,
      confidence,
      shares,
    };
    this.deps.samples.insert([sample]);
  }
}

/** Fusion, prompts and the baseline: the engine requests MoodService answers as it stands (engine-routes.ts). */
export const MOOD_ROUTES = {
  setEnvironment: (mood, environment) => mood.setEnvironment(environment),
  getPromptSettings: (mood) => mood.getPromptSettings(),
  setPromptSettings: (mood, patch) => mood.setPromptSettings(patch),
  getPrompts: (mood, range) => mood.getPrompts(range.from, range.to),
} satisfies ServiceRoutes<MoodService>;
