/**
 * The microphone side of capture: opens the microphone, cuts its 16 kHz audio into ~100 ms chunks and hands
 * them to the current sink. Audio lives only in memory and goes nowhere but the engine. Its state uses the
 * camera's vocabulary ('on', 'denied', 'busy', ...), mapped from getUserMedia errors the same way.
 */
import type { AudioHeader } from '../../shared/audio-protocol';
import { AUDIO_SAMPLE_RATE } from '../../shared/audio-protocol';
import type { CameraState } from '../../shared/mood';
import { cameraStateFromError } from '../lib/camera-errors';
import { AudioChunker } from './audio-chunks';
import { isAudioSink } from './sinks';

export type MicrophoneState = CameraState;

/** An open microphone; `stop` releases it (the browser's recording indicator goes off). */
export interface MicrophoneHandle {
  stop(): void;
}

/**
 * Opens the microphone or rejects with a getUserMedia-style error. `onAudio` gets 16 kHz mono samples and the
 * wall-clock time of the last one (Unix ms); `onEnded` fires if the device goes away later.
 */
export type OpenMicrophone = (
  onAudio: (pcm16k: Float32Array, nowMs: number) => void,
  onEnded: () => void,
) => Promise<MicrophoneHandle>;

export interface MicrophoneOptions {
  openMicrophone: OpenMicrophone;
  /** The sink to send to, read per chunk so a new link after an engine restart is followed. */
  sink: () => object;
  /** Told about every state change. */
  report: (state: MicrophoneState) => void;
}

export class Microphone {
  private handle: MicrophoneHandle | null = null;
  private opening = false;
  private seq = 0;
  private readonly chunker = new AudioChunker();
  state: MicrophoneState = 'off';

  constructor(private readonly options: MicrophoneOptions) {}

  async start(): Promise<void> {
    if (this.handle || this.opening) return;
    this.opening = true;
    this.set('starting');
    try {
      const handle = await this.options.openMicrophone(
        (pcm, nowMs) => this.hear(pcm, nowMs),
        () => this.stop('unavailable'),
      );
      // Stopped while the permission prompt was open: release at once.
      if (this.state !== 'starting') handle.stop();
      else {
        this.handle = handle;
        this.set('on');
      }
    } catch (err) {
      this.set(cameraStateFromError(err));
    } finally {
      this.opening = false;
    }
  }

  /** Releases the microphone and forgets buffered audio. */
  stop(reason: 'off' | 'paused' | 'unavailable' = 'off'): void {
    this.handle?.stop();
    this.handle = null;
    this.chunker.reset();
    this.set(reason);
  }

  private hear(pcm: Float32Array, nowMs: number): void {
    if (!this.handle) return;
    const sink = this.options.sink();
    for (const chunk of this.chunker.push(pcm, nowMs)) {
      if (!isAudioSink(sink)) continue;
      const header: AudioHeader = {
        type: 'audio',
        seq: ++this.seq,
        t: chunk.t,
        sampleRate: AUDIO_SAMPLE_RATE,
        samples: chunk.pcm.length,
      };
      sink.sendAudio(header, chunk.pcm);
    }
  }

  private set(state: MicrophoneState): void {
    if (state === this.state) return;
    this.state = state;
    this.options.report(state);
  }
}
