/**
 * The engine's core, free of any process plumbing: takes frames, runs the face pipeline, keeps the live
 * mood, stores numbers, and answers the app's requests. Frames are dropped after analysis.
 */
import type { TimeRange } from '../shared/api';
import type { EngineApi, EngineEvent, IngestSettings, LogLevel } from '../shared/engine-protocol';
import { LiveMoodTracker } from '../shared/live-mood';
import { AttuneError } from '../shared/envelope';
import type { CameraState, FaceObservation, LiveMood, MoodSample, SampleSource } from '../shared/mood';
import type { CheckIn, CheckInRequest, TextInput, TextSettings } from '../shared/text-input';
import type { Frame, FrameAnalyzer } from './frame-analyzer';
import type { TextIntake } from './text-intake';

/** The part of the store the engine writes and reads. */
export interface SampleRepository {
  insert(samples: MoodSample[]): unknown;
  range(from: number, to: number, source?: SampleSource): MoodSample[];
  count(): number;
}

export interface EngineDeps {
  analyzer: FrameAnalyzer;
  samples: SampleRepository;
  emit: (event: EngineEvent) => void;
  log: (level: LogLevel, message: string) => void;
  /** The fused mood is stored at most this often, ms (default 1 000: 1 Hz). */
  fusedIntervalMs?: number;
  /** Text evidence and check-ins; without it those calls fail with `model-missing`. */
  text?: TextIntake;
  /**
   * Texts written within this long of now also move the live mood, ms (default 60 000); older ones,
   * such as a backlog sent through the endpoint, are only stored.
   */
  textLiveWindowMs?: number;
}

export class Engine implements EngineApi {
  private readonly tracker = new LiveMoodTracker();
  private paused = false;
  private busy = false;
  /** Latest frame waiting while one is analysed: older ones are dropped, so the engine never falls behind. */
  private waiting: Frame | null = null;
  private live: LiveMood | null = null;
  private lastFusedStoredAt = -Infinity;
  private idle: Promise<void> = Promise.resolve();
  private markIdle: () => void = () => undefined;

  constructor(private readonly deps: EngineDeps) {}

  /** Accepts a frame; analysis runs one at a time, keeping only the newest waiting frame. */
  submitFrame(frame: Frame): void {
    if (this.paused) return;
    if (this.busy) {
      this.waiting = frame;
      return;
    }
    this.busy = true;
    this.idle = new Promise((resolve) => (this.markIdle = resolve));
    void this.drain(frame);
  }

  /** Resolves when no frame is being analysed (for tests and orderly shutdown). */
  whenIdle(): Promise<void> {
    return this.busy ? this.idle : Promise.resolve();
  }

  getSamples(range: TimeRange, source?: SampleSource): MoodSample[] {
    return this.deps.samples.range(range.from, range.to, source);
  }

  getLiveMood(): LiveMood | null {
    return this.live;
  }

  setPaused(paused: boolean): void {
    this.paused = paused;
    if (paused) this.waiting = null;
  }

  setCamera(state: CameraState): void {
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
    return checkIn;
  }

  getCheckIns(range: TimeRange): CheckIn[] {
    return this.intake().getCheckIns(range.from, range.to);
  }

  getTextSettings(): TextSettings {
    return this.intake().textSettings();
  }

  setStoreText(storeText: boolean): TextSettings {
    return this.intake().setStoreText(storeText);
  }

  getIngestSettings(): IngestSettings {
    return this.intake().ingestSettings();
  }

  setIngestEnabled(enabled: boolean): IngestSettings {
    return this.intake().setIngestEnabled(enabled);
  }

  private intake(): TextIntake {
    if (!this.deps.text) throw new AttuneError('model-missing', 'The text model is not loaded.');
    return this.deps.text;
  }

  /** Recent text readings join the live mood, each weighted by its confidence; one mood event per call. */
  private feel(samples: readonly MoodSample[]): void {
    const now = this.intake().now();
    const window = this.deps.textLiveWindowMs ?? 60_000;
    const recent = samples.filter((s) => Math.abs(now - s.t) <= window && s.confidence > 0);
    if (recent.length === 0) return;
    for (const s of [...recent].sort((a, b) => a.t - b.t)) {
      this.live = this.tracker.add({ t: s.t, probs: s.probs, weight: s.confidence });
    }
    if (this.live) this.deps.emit({ name: 'mood', payload: this.live });
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
    const observation = await this.deps.analyzer.process(frame, frame.t);
    this.deps.emit({ name: 'face', payload: observation });
    const weight = observation.probs ? observation.confidence * observation.quality : 0;
    this.live = this.tracker.add({
      t: frame.t,
      probs: observation.probs ?? this.tracker.current(frame.t).probs,
      weight,
    });
    this.deps.emit({ name: 'mood', payload: this.live });
    this.store(observation, this.live);
  }

  private store(observation: FaceObservation, live: LiveMood): void {
    const rows: MoodSample[] = [];
    if (observation.probs) {
      const { t, label, probs, valence, arousal, confidence } = observation;
      rows.push({ t, source: 'face', label, probs, valence, arousal, confidence });
    }
    if (live.t - this.lastFusedStoredAt >= (this.deps.fusedIntervalMs ?? 1_000)) {
      rows.push({ ...live, source: 'fused' });
      this.lastFusedStoredAt = live.t;
    }
    if (rows.length > 0) this.deps.samples.insert(rows);
  }
}
