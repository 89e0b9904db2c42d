/**
 * The engine's side of "Attune learns you": keeps the personal model's examples (the generic models' outputs at
 * labelled moments, never a picture or a sound), refits the model on each new one (milliseconds), applies it to
 * every face and voice reading, and runs the guided calibration's steps. A stored model that cannot be read is
 * not used: readings stay generic and `info().problem` says so, until a new fit or a reset replaces it.
 */
import type { Clock } from '../../shared/clock';
import type { EngineEvent, LogLevel } from '../../shared/engine-protocol';
import { AttuneError, type AppError } from '../../shared/envelope';
import { EMOTIONS, type Emotion, type EmotionProbs } from '../../shared/labels';
import type { CameraState } from '../../shared/mood';
import {
  emptyModalityInfo,
  isStep,
  type ExpressionStep,
  type LabelChange,
  type PersonalInfo,
  type PersonalModality,
  type PersonalModalityInfo,
  type PersonalSource,
} from '../../shared/personal-info';
import { DEFAULT_STEP_TUNING, StepCollector, type StepTuning } from './personal-step';
import {
  applyPersonalModel,
  crossValidatePersonal,
  fitPersonalModel,
  isPersonalised,
  parsePersonalModel,
  PERSONAL_MODALITIES,
  type PersonalExample,
  type PersonalModel,
} from './personal-model';
import type { StoredExample } from '../store/personal';
import type { ServiceRoutes } from '../core/service-routes';
import type { PersonalRepository } from '../core/ports';

export interface PersonalServiceDeps {
  store: PersonalRepository;
  clock: Clock;
  emit: (event: EngineEvent) => void;
  log: (level: LogLevel, message: string) => void;
  /** Whether the person has the microphone switched on (Settings → Sensors); absent: assumed on. */
  microphoneOn?: () => boolean;
  step?: Partial<StepTuning>;
}

/**
 * How much one labelled moment counts beside one calibration frame: a correction is the person's own word about
 * a moment the models got wrong (3); a check-in names a feeling less directly (2).
 */
const WEIGHT: Record<Exclude<PersonalSource, 'calibration' | 'migrated'>, number> = { correction: 3, 'check-in': 2 };
/** A correction or check-in learns from the readings of this long before it, ms (default 10 000). */
const LOOKBACK_MS = 10_000;

interface Reading {
  t: number;
  probs: EmotionProbs;
}

export class PersonalService {
  private readonly models: Record<PersonalModality, PersonalModel | null> = { face: null, voice: null };
  private readonly problems: Record<PersonalModality, AppError | null> = { face: null, voice: null };
  private readonly recent: Record<PersonalModality, Reading[]> = { face: [], voice: [] };
  private readonly collector: StepCollector;
  private paused = false;
  private camera: CameraState | null = null;
  private cached: PersonalInfo | null = null;

  constructor(private readonly deps: PersonalServiceDeps) {
    this.collector = new StepCollector({ ...DEFAULT_STEP_TUNING, ...deps.step });
    for (const m of PERSONAL_MODALITIES) this.load(m);
  }

  /** The person's face reading after the personal model (the generic one where there is none). */
  face(t: number, probs: EmotionProbs | null, quality: number): EmotionProbs | null {
    this.announce(this.collector.face(t, probs, quality));
    if (probs === null) return null;
    this.remember('face', t, probs);
    return applyPersonalModel(this.models.face, probs);
  }

  voice(startMs: number, endMs: number, probs: EmotionProbs): EmotionProbs {
    this.announce(this.collector.voice(startMs, endMs, probs));
    this.remember('voice', endMs, probs);
    return applyPersonalModel(this.models.voice, probs);
  }

  /** True when readings of `modality` are tilted by a personal model. */
  active(modality: PersonalModality): boolean {
    return isPersonalised(this.models[modality] ?? null);
  }

  /** About once a second: a step that ran out of time fails. */
  tick(): void {
    this.announce(this.collector.tick(this.deps.clock.now()));
  }

  setPaused(paused: boolean): void {
    this.paused = paused;
    if (paused && this.collector.current().phase === 'collecting') this.emitStep(this.collector.cancel());
  }

  setCamera(state: CameraState): void {
    this.camera = state;
  }

  /**
   * Starts one guided step.
   * @throws AttuneError `bad-input` for a step the calibration does not offer, `paused` while sensing is paused,
   *   `camera-off` for a face step while the camera is off, refused or held by another app, `microphone-off` for
   *   a voice step while the microphone is switched off (it would listen for 20 s to nothing).
   */
  startStep(modality: PersonalModality, label: Emotion): ExpressionStep {
    if (!isStep(modality, label)) throw new AttuneError('bad-input', `no ${modality} step for ${label}`);
    if (this.paused) throw new AttuneError('paused', 'Attune is paused: resume it to teach it your expressions.');
    if (modality === 'face' && this.camera !== null && this.camera !== 'on' && this.camera !== 'starting') {
      throw new AttuneError('camera-off', `The camera is ${this.camera}: turn it on to teach Attune your expressions.`);
    }
    if (modality === 'voice' && this.deps.microphoneOn?.() === false) {
      throw new AttuneError(
        'microphone-off',
        'The microphone is off: turn it on in Settings → Sensors to teach Attune your voice.',
      );
    }
    return this.emitStep(this.collector.start(this.deps.clock.now(), modality, label));
  }

  cancelStep(): ExpressionStep {
    return this.emitStep(this.collector.cancel());
  }

  step(): ExpressionStep {
    return this.collector.current();
  }

  /**
   * "I feel `label`" at `t` (a correction, or a check-in that names a feeling): the mean generic reading of each
   * modality in the seconds before becomes an example, and the model is refitted. Returns how many were added.
   */
  learn(t: number, label: Emotion, source: 'correction' | 'check-in'): number {
    const added: StoredExample[] = [];
    for (const modality of PERSONAL_MODALITIES) {
      const readings = this.recent[modality].filter((r) => r.t > t - LOOKBACK_MS && r.t <= t);
      if (readings.length === 0) continue;
      const probs = Object.fromEntries(
        EMOTIONS.map((l) => [l, readings.reduce((s, r) => s + r.probs[l], 0) / readings.length]),
      ) as EmotionProbs;
      added.push({ t, modality, source, label, weight: WEIGHT[source], group: null, probs });
    }
    if (added.length === 0) return 0;
    this.deps.store.add(added);
    for (const m of new Set(added.map((e) => e.modality))) this.refit(m);
    this.changed();
    return added.length;
  }

  /** Forgets every example and model (its own reset, and "Delete all"). */
  reset(): PersonalInfo {
    this.deps.store.clear();
    for (const m of PERSONAL_MODALITIES) {
      this.models[m] = null;
      this.problems[m] = null;
      this.recent[m] = [];
    }
    if (this.collector.current().phase !== 'idle') this.emitStep(this.collector.cancel());
    this.deps.log('info', 'personal model reset');
    this.changed();
    return this.info();
  }

  /**
   * After a day or a range was deleted with its examples: each model is refitted from the examples left, and one
   * with none left (the eraser dropped its row) goes back to the generic readings.
   */
  relearn(): PersonalInfo {
    for (const m of PERSONAL_MODALITIES) {
      if (this.deps.store.model(m) === null) {
        this.models[m] = null;
        this.problems[m] = null;
      } else {
        this.refit(m);
      }
    }
    this.changed();
    return this.info();
  }

  info(): PersonalInfo {
    if (this.cached) return this.cached;
    const examples = this.deps.store.examples();
    const part = (m: PersonalModality): PersonalModalityInfo => this.modalityInfo(m, examples);
    const problem = this.problems.face ?? this.problems.voice;
    this.cached = { face: part('face'), voice: part('voice'), problem };
    return this.cached;
  }

  private modalityInfo(modality: PersonalModality, all: readonly StoredExample[]): PersonalModalityInfo {
    const info = emptyModalityInfo(modality);
    info.active = this.active(modality);
    const mine = all.filter((e) => e.modality === modality);
    for (const e of mine) {
      info.examples += 1;
      info.bySource[e.source] += 1;
      info.perLabel[e.label] += 1;
      if (e.source === 'calibration') info.calibratedAt = Math.max(info.calibratedAt ?? 0, e.t);
    }
    info.changes = changesOf(
      modality,
      mine.filter((e) => e.source === 'calibration'),
    );
    return info;
  }

  private load(modality: PersonalModality): void {
    const stored = this.deps.store.model(modality);
    if (stored === null) {
      // Examples without a model: the migration moved an old baseline's, or a fit was interrupted.
      if (this.deps.store.examples(modality).length > 0) this.refit(modality);
      return;
    }
    const parsed = parsePersonalModel(stored.json);
    if (parsed.ok && parsed.value.modality === modality) {
      // A model stored before the bound on how far a taught label can fall (maxPenalty) is refitted from its
      // examples: the model is a pure function of them, and the unbounded one drifts into untaught labels.
      if (parsed.value.maxPenalty === undefined && this.deps.store.examples(modality).length > 0) {
        this.refit(modality);
        return;
      }
      this.models[modality] = parsed.value;
      return;
    }
    const why = parsed.ok ? `it is a ${parsed.value.modality} model` : parsed.error;
    this.problems[modality] = {
      kind: 'model-corrupt',
      message:
        `Your personal ${modality} model could not be read (${why}), so Attune reads you with its generic models. ` +
        'Teach it your expressions again, or reset what it learnt.',
    };
    this.deps.log('warn', `personal ${modality} model unreadable: ${why}`);
  }

  private refit(modality: PersonalModality): void {
    const examples = this.deps.store.examples(modality).map(toPersonalExample);
    const model = fitPersonalModel(modality, examples);
    this.deps.store.saveModel(modality, this.deps.clock.now(), model);
    this.models[modality] = model;
    this.problems[modality] = null;
  }

  private remember(modality: PersonalModality, t: number, probs: EmotionProbs): void {
    const list = this.recent[modality];
    list.push({ t, probs });
    // Only the lookback is ever used; older readings leave memory at once.
    while (list.length > 0 && (list[0]?.t ?? t) < t - LOOKBACK_MS) list.shift();
  }

  /** A step's state changed: tell the app, and keep what a finished step gathered. */
  private announce(next: ExpressionStep | null): void {
    if (next === null) return;
    if (next.phase === 'done') this.keep(next);
    this.emitStep(next);
  }

  private keep(done: Extract<ExpressionStep, { phase: 'done' }>): void {
    const kept = this.collector.take();
    // Two groups per step (first and second half of its frames), so cross-validation scores each half by a
    // model that saw the other half, never the frames themselves.
    const half = Math.ceil(kept.length / 2);
    const examples: StoredExample[] = kept.map((probs, i) => ({
      t: done.at,
      modality: done.modality,
      source: 'calibration',
      label: done.label,
      weight: 1,
      group: `${done.modality}-${done.label}-${i < half ? 'a' : 'b'}`,
      probs,
    }));
    this.deps.store.replaceStep(done.modality, done.label, examples);
    this.refit(done.modality);
    this.deps.log('info', `personal ${done.modality} step ${done.label}: ${examples.length} examples kept`);
    this.changed();
  }

  private emitStep(step: ExpressionStep): ExpressionStep {
    this.deps.emit({ name: 'expression', payload: step });
    return step;
  }

  private changed(): void {
    this.cached = null;
    this.deps.emit({ name: 'personal', payload: this.info() });
  }
}

const toPersonalExample = (e: StoredExample): PersonalExample => ({
  label: e.label,
  probs: e.probs,
  weight: e.weight,
  ...(e.source === 'correction' ? { corrective: true } : {}),
  ...(e.group === null ? {} : { group: e.group }),
});

/** What calibration changed per calibrated label, cross-validated by group (see LabelChange). */
export function changesOf(modality: PersonalModality, calibration: readonly StoredExample[]): LabelChange[] {
  if (calibration.length === 0) return [];
  const { before, after } = crossValidatePersonal(modality, calibration.map(toPersonalExample));
  const changes: LabelChange[] = [];
  for (const label of EMOTIONS) {
    const row = before[label];
    const total = EMOTIONS.reduce((s, p) => s + row[p], 0);
    if (total === 0) continue;
    let top: Emotion = label;
    for (const p of EMOTIONS) if (row[p] > row[top]) top = p;
    changes.push({ label, total, before: { label: top, count: row[top] }, after: after[label][label] });
  }
  return changes;
}

/** The personal model and its guided calibration: the engine requests PersonalService answers as it stands (engine-routes.ts). */
export const PERSONAL_ROUTES = {
  getPersonal: (personal) => personal.info(),
  resetPersonal: (personal) => personal.reset(),
  startExpressionStep: (personal, modality, label) => personal.startStep(modality, label),
  cancelExpressionStep: (personal) => personal.cancelStep(),
} satisfies ServiceRoutes<PersonalService>;
