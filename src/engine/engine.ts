/**
 * The engine's core, free of any process plumbing: takes frames, runs the face pipeline, keeps the live
 * mood, stores numbers, and answers the app's requests. Frames are dropped after analysis.
 */
import type { TimeRange } from '../shared/api';
import type { EngineApi, EngineEvent, IngestSettings, LogLevel } from '../shared/engine-protocol';
import { LiveMoodTracker } from '../shared/live-mood';
import { AttuneError } from '../shared/envelope';
import type { CameraState, FaceObservation, LiveMood, MoodSample, SampleSource, VoiceReading } from '../shared/mood';
import type { CheckIn, CheckInRequest, TextInput, TextSettings } from '../shared/text-input';
import type { AudioChunk } from './capture-input';
import type { Frame, FrameAnalyzer } from './frame-analyzer';
import type { TextIntake } from './text-intake';

/** The part of the store the engine writes and reads. */
export interface SampleRepository {
  insert(samples: MoodSample[]): unknown;
  range(from: number, to: number, source?: SampleSource): MoodSample[];
  count(): number;
}

/** What the engine needs from the voice pipeline (VoicePipeline is one): utterances a chunk completes. */
export interface VoiceAnalyzer {
  push(
    pcm16k: Float32Array,
    t: number,
  ): Promise<{ startMs: number; endMs: number; result: Omit<VoiceReading, 'startMs' | 'endMs'> }[]>;
  /** Closes the open utterance, if any (pause, shutdown). */
  flush(): Promise<{ startMs: number; endMs: number; result: Omit<VoiceReading, 'startMs' | 'endMs'> }[]>;
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
  /** The voice pipeline; without it microphone audio is dropped (the face path works on its own). */
  voice?: VoiceAnalyzer | null;
  /**
   * Audio chunks allowed to wait for the voice pipeline before new ones are dropped (default 50: about 5 s of
   * 100 ms chunks), so a stalled pipeline cannot grow memory without bound.
   */
  maxPendingAudio?: number;
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
  /** The last voice task; the pipeline queues pushes itself, this is only awaited by whenIdle. */
  private voiceIdle: Promise<void> = Promise.resolve();
  private pendingAudio = 0;

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
    return this.live;
  }

  setPaused(paused: boolean): void {
    this.paused = paused;
    if (paused) this.waiting = null;
    // An utterance cut by a pause is judged on what was heard, so nothing waits in memory while paused.
    const voice = this.deps.voice;
    if (paused && voice) this.voiceIdle = this.voiceIdle.then(() => this.hear(voice.flush()));
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

  private async hear(pending: Promise<Awaited<ReturnType<VoiceAnalyzer['push']>>>): Promise<void> {
    try {
      const segments = await pending;
      if (segments.length === 0) return;
      const rows: MoodSample[] = [];
      for (const { startMs, endMs, result } of segments) {
        const { label, probs, valence, arousal, confidence } = result;
        const reading: VoiceReading = { startMs, endMs, label, probs, valence, arousal, confidence };
        this.deps.emit({ name: 'voice', payload: reading });
        // Stored times are integer ms; audio-derived ones are fractional.
        rows.push({ t: Math.round(startMs), source: 'voice', label, probs, valence, arousal, confidence });
        // The tracker hears the utterance when it ends: that is when its evidence exists.
        if (confidence > 0) this.live = this.tracker.add({ t: endMs, probs, weight: confidence });
      }
      this.deps.samples.insert(rows);
      if (this.live) this.deps.emit({ name: 'mood', payload: this.live });
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
