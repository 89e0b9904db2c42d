/**
 * The storage and model ports the Engine and its services are written against (store/ has the SQLite
 * implementations; tests pass fakes), in a file of their own so a service never imports another service or the
 * Engine for an interface (no import cycle).
 */
import type { EventData, HistoryEventKind } from '../../shared/history';
import type { Emotion } from '../../shared/labels';
import type { MoodSample, SampleSource, VoiceReading } from '../../shared/mood';
import type { PersonalModality } from '../../shared/personal-info';
import type { BreakPrompt, PromptAction } from '../../shared/prompts';
import type { CheckIn } from '../../shared/text-input';
import type { StoredExample, StoredModel } from '../store/personal';

/** The part of the store the engine writes and reads (store/samples.ts is one). */
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

/** The part of the prompt store the service uses (PromptStore is one). */
export interface PromptRepository {
  add(prompt: Omit<BreakPrompt, 'id'>): BreakPrompt;
  answer(id: number, action: PromptAction, t: number): BreakPrompt;
  setRecovered(id: number, recovered: boolean): BreakPrompt;
  range(from: number, to: number): BreakPrompt[];
}

/** The part of the event store the service uses (EventStore is one). */
export interface EventRepository {
  add(t: number, kind: HistoryEventKind, data?: EventData): unknown;
}

export interface CheckInRepository {
  add(sample: MoodSample, rating: CheckIn['selfRating'], note: string | null): CheckIn;
  range(from: number, to: number): CheckIn[];
}

/** The part of SettingsStore the intake uses. */
export interface SettingsRepository {
  get<T>(key: string, fallback: T): T;
  set(key: string, value: unknown): void;
}

/** The part of the store the service uses (PersonalStore is one). */
export interface PersonalRepository {
  add(examples: readonly StoredExample[]): void;
  /** Replaces the calibration examples of one step (a redone step forgets the old one), in one transaction. */
  replaceStep(modality: PersonalModality, label: Emotion, examples: readonly StoredExample[]): void;
  examples(modality?: PersonalModality): StoredExample[];
  saveModel(modality: PersonalModality, fittedAt: number, model: object): void;
  model(modality: PersonalModality): StoredModel | null;
  clear(): void;
}
