/**
 * The storage and model ports the Engine and its services are written against, in a file of their own so the
 * services that take them (mood, text intake) never import the Engine that takes the services (no import cycle).
 */
import type { MoodSample, SampleSource, VoiceReading } from '../../shared/mood';

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
