/**
 * The engine's core, free of any process plumbing: takes frames, runs the face pipeline, keeps the live
 * mood, stores numbers, and answers the app's requests (engine-routes.ts routes those a service answers as it
 * stands straight to it). Frames are dropped after analysis.
 */
import type { TimeRange } from '../../shared/api';
import type { EngineEvent, LogLevel } from '../../shared/engine-protocol';
import { AttuneError } from '../../shared/envelope';
import type { CameraState, FaceObservation, LiveMood, MoodSample, SampleSource, VoiceReading } from '../../shared/mood';
import { valenceArousal } from '../mood/affect';
import { argmaxLabel, type Emotion, type EmotionProbs } from '../../shared/labels';
import type { BreakPrompt, PromptAction } from '../../shared/prompts';
import { feelingOfCheckIn } from '../text/check-in-feeling';
import type { CheckIn, CheckInRequest, TextInput } from '../../shared/text-input';
import type { RetentionSettings } from '../../shared/history';
import type { DeleteScope, DeleteSummary, ExportFormat } from '../../shared/history-api';
import type { AudioChunk } from '../capture/capture-input';
import { expressionConfidence, labelFor } from '../vision/observation';
import type { Frame, FrameAnalyzer } from '../vision/frame-analyzer';
import type { HistoryService } from '../history/history-service';
import type { MoodService } from '../mood/mood-service';
import type { PersonalService } from '../personal/personal-service';
import type { TextIntake } from '../text/text-intake';
import type { EngineFeed } from '../feed/engine-feed';
import type { SampleRepository, VoiceAnalyzer } from './ports';

export interface EngineDeps {
  /** The face pipeline; null when its model did not load: frames are dropped, voice and text still work. */
  analyzer: FrameAnalyzer | null;
  samples: SampleRepository;
  /** Fusion and prompts; it also stores the fused mood. */
  mood: MoodService;
  /**
   * The personal model: face and voice readings pass through it before fusion and storage, and corrections and
   * check-ins teach it. Without it (analyze, some unit tests) readings stay generic and its calls fail `internal`.
   */
  personal?: PersonalService;
  emit: (event: EngineEvent) => void;
  log: (level: LogLevel, message: string) => void;
  /** Moves the engine's test clock (only where EngineConfig.testClock is set); absent otherwise. */
  advanceClock?: (ms: number) => number;
  /**
   * Today, trends, explain, export, deletion, retention, sensors and the first run, and the history's
   * background upkeep; without it (analyze, unit tests) those calls fail with `internal`.
   */
  history?: HistoryService;
  /** Text evidence and check-ins; without it those calls fail with `model-missing`. */
  text?: TextIntake;
  /** The mood feed's clients and history; without it those calls fail with `internal`. */
  feed?: EngineFeed;
  /**
   * Texts written within this long of now also move the live mood, ms (default 60 000); older ones,
   * such as a backlog sent through the endpoint, are only stored.
   */
  textLiveWindowMs?: number;
  /** The voice pipeline; without it microphone audio is dropped (the face path works on its own). */
  voice?: VoiceAnalyzer | null;
  /**
   * Audio chunks allowed to wait for the voice pipeline before new ones are dropped (default 50: about 5 s of
   * 100 ms chunks), so a stalled pipeline cannot grow memory without bound.
   */
  maxPendingAudio?: number;
}

export class Engine {
  private paused = false;
  private busy = false;
  /** Latest frame waiting while one is analysed: older ones are dropped, so the engine never falls behind. */
  private waiting: Frame | null = null;
  private idle: Promise<void> = Promise.resolve();
  private markIdle: () => void = () => undefined;
  /** The last voice task; the pipeline queues pushes itself, this is only awaited by whenIdle. */
  private voiceIdle: Promise<void> = Promise.resolve();
  private pendingAudio = 0;

  constructor(private readonly deps: EngineDeps) {}

  /** Accepts a frame; analysis runs one at a time, keeping only the newest waiting frame. */
  submitFrame(frame: Frame): void {
    if (this.paused || !this.deps.analyzer) return;
    if (this.busy) {
      this.waiting = frame;
      return;
    }
    this.busy = true;
    this.idle = new Promise((resolve) => (this.markIdle = resolve));
    void this.drain(frame);
  }

  /**
   * Accepts 16 kHz mono microphone audio. Each utterance it completes becomes a stored 'voice' sample, a
   * 'voice' event and evidence for the live mood. The audio itself is dropped once the pipeline has heard it.
   */
  submitAudio(chunk: AudioChunk): void {
    const voice = this.deps.voice;
    if (this.paused || !voice) return;
    if (this.pendingAudio >= (this.deps.maxPendingAudio ?? 50)) return;
    this.pendingAudio += 1;
    const pending = voice.push(chunk.pcm, chunk.t).finally(() => (this.pendingAudio -= 1));
    // hear() reports a failure once earlier chunks are done; until then it must not count as unhandled.
    pending.catch(() => undefined);
    this.voiceIdle = this.voiceIdle.then(() => this.hear(pending));
  }

  /** Resolves when no frame or audio is being analysed (for tests and orderly shutdown). */
  async whenIdle(): Promise<void> {
    await (this.busy ? this.idle : Promise.resolve());
    await this.voiceIdle;
  }

  getSamples(range: TimeRange, source?: SampleSource): MoodSample[] {
    return this.deps.samples.range(range.from, range.to, source);
  }

  getLiveMood(): LiveMood | null {
    return this.deps.mood.liveMood();
  }

  /** About once a second: prompts, outcomes, calibration, the fused mood's 1 Hz history, and its upkeep. */
  tick(announceMood = true): BreakPrompt | null {
    this.deps.personal?.tick();
    const prompt = this.deps.mood.tick(announceMood);
    this.deps.history?.tick();
    return prompt;
  }

  setPaused(paused: boolean): void {
    if (paused !== this.paused) {
      if (paused) this.deps.mood.pause();
      else this.deps.mood.resume();
    }
    this.paused = paused;
    this.deps.personal?.setPaused(paused);
    if (paused) this.waiting = null;
    // An utterance cut by a pause is judged on what was heard, so nothing waits in memory while paused.
    const voice = this.deps.voice;
    if (paused && voice) this.voiceIdle = this.voiceIdle.then(() => this.hear(voice.flush()));
  }

  setCamera(state: CameraState): void {
    this.deps.personal?.setCamera(state);
    this.deps.emit({ name: 'camera', payload: state });
  }

  countSamples(): number {
    return this.deps.samples.count();
  }

  addText(input: TextInput): MoodSample {
    const samples = this.intake().addTexts([input]);
    this.feel(samples);
    return samples[0] as MoodSample;
  }

  addTexts(inputs: TextInput[]): number {
    const samples = this.intake().addTexts(inputs);
    this.feel(samples);
    return samples.length;
  }

  checkIn(request: CheckInRequest): CheckIn {
    const checkIn = this.intake().checkIn(request);
    this.feel([checkIn.sample]);
    // A check-in that names a feeling teaches the personal model what the face and voice showed just before.
    const felt = feelingOfCheckIn(request.note, request.selfRating);
    if (felt && !this.paused) this.deps.personal?.learn(checkIn.t, felt, 'check-in');
    return checkIn;
  }

  /**
   * "This is wrong, I feel `felt`": refused with `paused` while paused (nothing stored); otherwise the readings
   * of the seconds before teach the personal model, and the mood answers at once.
   */
  correctMood(felt: Emotion): LiveMood | null {
    if (this.paused) throw new AttuneError('paused', 'Attune is paused, so there is no reading to correct.');
    this.deps.personal?.learn(this.deps.mood.now(), felt, 'correction');
    return this.deps.mood.correctMood(felt);
  }

  answerPrompt(id: number, action: PromptAction, felt?: Emotion): BreakPrompt {
    if (action === 'wrong' && felt && !this.paused) this.deps.personal?.learn(this.deps.mood.now(), felt, 'correction');
    return this.deps.mood.answerPrompt(id, action, felt);
  }

  advanceClock(ms: number): number {
    if (!this.deps.advanceClock) throw new AttuneError('bad-input', 'This engine runs on the real clock.');
    if (!Number.isFinite(ms) || ms < 0) throw new AttuneError('bad-input', 'advanceClock needs a duration ≥ 0 ms');
    return this.deps.advanceClock(ms);
  }

  writeExport(format: ExportFormat, range: TimeRange | undefined, path: string): Promise<{ bytes: number }> {
    return this.history().writeExport(format, range ?? undefined, path);
  }

  /**
   * Deletes immediately. Deleting everything keeps preferences (prompt rules, sensors, retention) but forgets the
   * personal model: it was learnt from the person's own moments. A day or range takes the corrections and
   * check-ins the personal model learnt from in it (how the person felt then), and the model is refitted from the
   * examples left; calibration stays until the personal model is reset.
   */
  deleteHistory(scope: DeleteScope): DeleteSummary {
    const summary = this.history().deleteHistory(scope);
    if (scope.kind === 'all') this.deps.personal?.reset();
    else if ((summary.deleted.personal_examples ?? 0) > 0) this.deps.personal?.relearn();
    return summary;
  }

  setRetention(patch: Partial<RetentionSettings>): RetentionSettings {
    const next = this.history().settings.setRetention(patch);
    // A shorter period prunes on the next beat rather than within the minute.
    this.history().upkeep.soon();
    return next;
  }

  /** Fusion and prompts; requests it answers as they are go straight to it (engine-routes.ts). */
  get mood(): MoodService {
    return this.deps.mood;
  }

  /** The personal model, or a typed error where this engine keeps none (analyze, unit tests). */
  get personal(): PersonalService {
    if (!this.deps.personal) throw new AttuneError('internal', 'This engine keeps no personal model.');
    return this.deps.personal;
  }

  /** The history service, or a typed error where this engine keeps none (analyze, unit tests). */
  history(): HistoryService {
    if (!this.deps.history) throw new AttuneError('internal', 'This engine keeps no history.');
    return this.deps.history;
  }

  /** The mood feed's clients and history, or a typed error where this engine keeps none. */
  feed(): EngineFeed {
    if (!this.deps.feed) throw new AttuneError('internal', 'This engine serves no mood feed.');
    return this.deps.feed;
  }

  /** The text intake, or a typed error where the text model is not loaded. */
  intake(): TextIntake {
    if (!this.deps.text) throw new AttuneError('model-missing', 'The text model is not loaded.');
    return this.deps.text;
  }

  /** Recent text readings join the live mood, each weighted by its confidence. */
  private feel(samples: readonly MoodSample[]): void {
    const now = this.deps.mood.now();
    const window = this.deps.textLiveWindowMs ?? 60_000;
    const recent = samples.filter((s) => Math.abs(now - s.t) <= window && s.confidence > 0);
    for (const s of [...recent].sort((a, b) => a.t - b.t)) this.deps.mood.text(s.t, s.probs, s.confidence);
  }

  private async hear(pending: Promise<Awaited<ReturnType<VoiceAnalyzer['push']>>>): Promise<void> {
    try {
      const segments = await pending;
      if (segments.length === 0) return;
      const rows: MoodSample[] = [];
      const readings: VoiceReading[] = [];
      for (const { startMs, endMs, result } of segments) {
        const { label, probs, valence, arousal, confidence } = personalVoice(
          result,
          this.deps.personal?.voice(startMs, endMs, result.probs),
        );
        readings.push({ startMs, endMs, label, probs, valence, arousal, confidence });
        // Stored times are integer ms; audio-derived ones are fractional.
        rows.push({ t: Math.round(startMs), source: 'voice', label, probs, valence, arousal, confidence });
      }
      this.deps.samples.insert(rows);
      // Announced once committed, then given to fusion, in the same order as faces: the 'voice' event comes
      // before the 'mood' event it causes.
      for (const reading of readings) {
        this.deps.emit({ name: 'voice', payload: reading });
        const { startMs, endMs, probs, confidence } = reading;
        if (confidence > 0) this.deps.mood.voice(startMs, endMs, probs, confidence);
      }
    } catch (err) {
      // Bad audio must never stop the engine: report it and go on with the next chunk.
      this.deps.log('warn', `audio skipped: ${err instanceof Error ? err.message : String(err)}`);
    }
  }

  private async drain(first: Frame): Promise<void> {
    let frame: Frame | null = first;
    while (frame) {
      try {
        await this.analyse(frame);
      } catch (err) {
        // A bad frame must never stop the engine: report it and go on with the next one.
        this.deps.log('warn', `frame skipped: ${err instanceof Error ? err.message : String(err)}`);
      }
      frame = this.paused ? null : this.waiting;
      this.waiting = null;
    }
    this.busy = false;
    this.markIdle();
  }

  private async analyse(frame: Frame): Promise<void> {
    const analyzer = this.deps.analyzer;
    if (!analyzer) return;
    const generic = await analyzer.process(frame, frame.t);
    const personal = this.deps.personal?.face(this.deps.mood.now(), generic.probs, generic.quality);
    const observation = personalFace(generic, personal);
    // Stored first: a 'face' event with probabilities announces a committed sample (the soak counts on it).
    this.store(observation);
    this.deps.emit({ name: 'face', payload: observation });
    // Fusion runs on the engine's clock (the frame's capture time in live use, media time in `analyze`).
    this.deps.mood.face(this.deps.mood.now(), observation.probs, observation.confidence, observation.quality);
  }

  private store(observation: FaceObservation): void {
    if (!observation.probs) return;
    const { t, label, probs, valence, arousal, confidence } = observation;
    this.deps.samples.insert([{ t, source: 'face', label, probs, valence, arousal, confidence }]);
  }
}

/** A frame's observation read through the personal model: its probabilities, and the label, affect and confidence they give. */
function personalFace(generic: FaceObservation, probs: EmotionProbs | null | undefined): FaceObservation {
  if (!probs || probs === generic.probs) return generic;
  const confidence = expressionConfidence(probs, generic.quality);
  return { ...generic, probs, label: labelFor(probs, confidence), confidence, ...valenceArousal(probs) };
}

/**
 * An utterance's reading through the personal model. Its confidence (how much speech, how clear) stays the voice
 * pipeline's; an utterance too unclear to name stays unnamed.
 */
function personalVoice<R extends Omit<VoiceReading, 'startMs' | 'endMs'>>(
  generic: R,
  probs: EmotionProbs | undefined,
): R {
  if (!probs || probs === generic.probs) return generic;
  const label = generic.label === 'unknown' ? 'unknown' : argmaxLabel(probs);
  return { ...generic, probs, label, ...valenceArousal(probs) };
}
