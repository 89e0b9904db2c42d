/**
 * The voice pipeline: clean → Silero VAD → utterance segments → emotion. Two ONNX sessions: the VAD and the
 * log-mel CNN, whose probabilities are blended per segment with the logistic model's (plain arithmetic).
 * Files go through {@link VoicePipeline.analyseFile}; live 16 kHz audio goes through
 * {@link VoicePipeline.push}, which keeps a running speaker baseline unless told not to.
 */
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { AttuneError } from '../../shared/envelope';
import { readModelFile, type Ort } from '../models/onnx-model';
import { PIPELINE_RATE, StreamConditioner, prepareAudio, type AudioReport } from './audio-input';
import { degrade, fitForBaseline } from './confidence';
import { SileroVad } from './silero-vad';
import { VoiceCnn } from './voice-cnn';
import type { SpeakerBaseline } from './speaker-baseline';
import { SpeechDetector, type FrameVad, type SpeechDetectorOptions } from './speech-detector';
import { VoiceClassifier, type VoiceResult } from './voice-classifier';
import {
  SILERO_MODEL_FILE,
  SILERO_MODEL_SHA256,
  VOICE_CNN_FILE,
  VOICE_CNN_SHA256,
  VOICE_EMOTION_FILE,
} from './voice-models';
import { StreamBuffer } from './stream-buffer';

export interface VoicePipelineOptions {
  /** Folder holding the voice models (resources/models). */
  modelsDir: string;
  /** intraOpNumThreads for the VAD and CNN sessions. Default 1. */
  threads?: number;
  /** The onnxruntime module. Default: onnxruntime-node, imported on load. */
  ort?: Ort;
  /** VAD thresholds, padding and segment lengths; see vad-segmenter.ts. */
  detector?: SpeechDetectorOptions;
  /** Add each clean live utterance to the running speaker baseline. Default true. */
  adaptBaseline?: boolean;
  /** A jump in `t` larger than this between pushes is a gap: the open segment is closed, ms. Default 250. */
  gapMs?: number;
}

/** A file segment: seconds from the start of the file. */
export interface FileSegment {
  start: number;
  end: number;
  result: VoiceResult;
}

/** A live segment: Unix ms, on the clock of the `t` given to push. */
export interface VoiceSegmentResult {
  startMs: number;
  endMs: number;
  result: VoiceResult;
}

/** What the pipeline needs from a VAD: independent streams from one model. SileroVad is one. */
export interface VadModel {
  stream(): FrameVad;
  release(): Promise<void>;
}

export class VoicePipeline {
  private readonly conditioner = new StreamConditioner();
  private readonly buffer = new StreamBuffer(PIPELINE_RATE * 12);
  private detector: SpeechDetector;
  private streamStartMs: number | null = null;
  private queue: Promise<unknown> = Promise.resolve();
  /** The live speaker's baseline; replace it to restore a saved one (SpeakerBaseline.fromJSON). */
  baseline: SpeakerBaseline;

  private constructor(
    private readonly vad: VadModel,
    readonly classifier: VoiceClassifier,
    /** The log-mel CNN blended with the classifier; null: the logistic model alone. */
    readonly cnn: VoiceCnn | null,
    private readonly options: VoicePipelineOptions,
    /** Time taken by {@link VoicePipeline.load}, ms. */
    readonly loadMs: number,
  ) {
    this.detector = new SpeechDetector(vad.stream(), options.detector);
    this.baseline = classifier.newBaseline();
  }

  /** Throws AttuneError 'model-missing' / 'model-corrupt' when a model file is absent or bad. */
  static async load(options: VoicePipelineOptions): Promise<VoicePipeline> {
    const started = performance.now();
    const ort = options.ort ?? (await import('onnxruntime-node'));
    const classifier = VoiceClassifier.load(join(options.modelsDir, VOICE_EMOTION_FILE));
    const bytes = await readModelFile(join(options.modelsDir, SILERO_MODEL_FILE));
    const threads = options.threads ?? 1;
    const vad = await SileroVad.load(ort, bytes, { threads, sha256: SILERO_MODEL_SHA256 });
    try {
      const cnnBytes = await readModelFile(join(options.modelsDir, VOICE_CNN_FILE));
      const cnn = await VoiceCnn.load(ort, cnnBytes, { threads, sha256: VOICE_CNN_SHA256 });
      return new VoicePipeline(vad, classifier, cnn, options, performance.now() - started);
    } catch (err) {
      await vad.release();
      throw err;
    }
  }

  /**
   * Assembles a pipeline from loaded parts (tests use a stand-in VAD). `modelsDir` is ignored. Without `cnn`
   * the logistic model judges alone.
   */
  static fromParts(
    vad: VadModel,
    classifier: VoiceClassifier,
    options: Partial<VoicePipelineOptions> = {},
    cnn: VoiceCnn | null = null,
  ): VoicePipeline {
    return new VoicePipeline(vad, classifier, cnn, { modelsDir: '', ...options }, 0);
  }

  /**
   * Finds and classifies every utterance in a recording (mono samples at any rate). `baseline` is read, never
   * changed; by default none (each file judged on its own). Runs on its own VAD stream, so it may interleave
   * with live pushes.
   */
  async analyseFile(
    samples: Float32Array,
    sampleRate: number,
    options: { baseline?: SpeakerBaseline | null } = {},
  ): Promise<{ segments: FileSegment[]; audio: AudioReport }> {
    const { pcm, report } = prepareAudio(samples, sampleRate);
    const detector = new SpeechDetector(this.vad.stream(), this.options.detector);
    const found = [...(await detector.push(pcm)), ...detector.flush()];
    const segments: FileSegment[] = [];
    for (const { start, end } of found) {
      const audio = pcm.subarray(Math.round(start * PIPELINE_RATE), Math.round(end * PIPELINE_RATE));
      let result = await this.classifySegment(audio, options.baseline ?? null);
      if (report.clipped) result = degrade(result, 'clipped', 0.7);
      if (report.sourceRate < PIPELINE_RATE) result = degrade(result, 'narrowband', 0.7);
      segments.push({ start, end, result });
    }
    return { segments, audio: report };
  }

  /**
   * Feeds live 16 kHz mono audio whose first sample was captured at `t` (Unix ms). Resolves to the utterances
   * this chunk completes (usually none). Calls are queued, so they may overlap safely.
   */
  push(pcm16k: Float32Array, t: number): Promise<VoiceSegmentResult[]> {
    return this.enqueue(async () => {
      if (!(pcm16k instanceof Float32Array)) throw new AttuneError('bad-input', 'voice push expects a Float32Array');
      const out: VoiceSegmentResult[] = [];
      const gapMs = this.options.gapMs ?? 250;
      if (this.streamStartMs !== null) {
        // Where this chunk should start if the stream is continuous. A jump ahead means dropped or paused
        // audio: close what is open. Small differences are clock drift and jitter: follow them slowly.
        const expected = this.streamStartMs + (this.buffer.end * 1000) / PIPELINE_RATE;
        const drift = Number.isFinite(t) ? t - expected : 0;
        if (drift > gapMs) out.push(...(await this.finish()));
        else this.streamStartMs += Math.max(-gapMs, drift) / 8;
      }
      this.streamStartMs ??= Number.isFinite(t) ? t : Date.now();
      // The VAD hears DC-blocked audio; the buffer keeps the samples as they came (non-finite → 0), so the
      // classifier can still see clipping. Its features remove the segment's own mean.
      const raw = pcm16k.map((v) => (Number.isFinite(v) ? v : 0));
      const clean = this.conditioner.process(raw);
      this.buffer.append(raw);
      for (const s of await this.detector.push(clean)) out.push(await this.classifyLive(s.start, s.end));
      return out;
    });
  }

  /** Ends the live stream: classifies any open utterance and starts afresh (the baseline is kept). */
  flush(): Promise<VoiceSegmentResult[]> {
    return this.enqueue(() => this.finish());
  }

  /** Frees the VAD and CNN sessions. */
  async release(): Promise<void> {
    await this.queue.catch(() => undefined);
    await this.vad.release();
    await this.cnn?.release();
  }

  /** One utterance (16 kHz mono): the logistic model, blended with the CNN when there is one. */
  async classifySegment(audio: Float32Array, baseline: SpeakerBaseline | null): Promise<VoiceResult> {
    const cnnProbs = this.cnn ? await this.cnn.predict(audio) : null;
    return this.classifier.classify(audio, baseline, cnnProbs);
  }

  private async finish(): Promise<VoiceSegmentResult[]> {
    const out: VoiceSegmentResult[] = [];
    for (const s of this.detector.flush()) out.push(await this.classifyLive(s.start, s.end));
    this.detector.reset();
    this.conditioner.reset();
    this.buffer.clear();
    this.streamStartMs = null;
    return out;
  }

  private async classifyLive(start: number, end: number): Promise<VoiceSegmentResult> {
    const audio = this.buffer.slice(Math.round(start * PIPELINE_RATE), Math.round(end * PIPELINE_RATE));
    const result = await this.classifySegment(audio, this.baseline);
    if ((this.options.adaptBaseline ?? true) && fitForBaseline(result.flags)) this.baseline.add(result.features);
    const t0 = this.streamStartMs ?? 0;
    return { startMs: t0 + start * 1000, endMs: t0 + end * 1000, result };
  }

  private enqueue<T>(task: () => Promise<T>): Promise<T> {
    const next = this.queue.then(task, task);
    this.queue = next.catch(() => undefined);
    return next;
  }
}
