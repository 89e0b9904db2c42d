/**
 * Samples the camera at a low, fixed rate and hands each frame to a sink. Frames live only in memory:
 * the sampler keeps none and sends them nowhere but its sink. Every camera state change is reported.
 */
import type { FrameHeader } from '../../shared/engine-protocol';
import type { CameraState } from '../../shared/mood';
import { cameraStateFromError, isRetryable } from '../lib/camera-errors';

/** Where frames go: the engine, through a MessagePort (Electron) or a WebSocket (headless host). */
export interface FrameSink {
  /** Takes ownership of `pixels` (RGBA, row-major, width × height × 4 bytes). */
  send(header: FrameHeader, pixels: Uint8ClampedArray): void;
  close(): void;
}

export interface GrabbedFrame {
  width: number;
  height: number;
  pixels: Uint8ClampedArray;
}

/** An open camera. `grab` returns null while no picture is ready yet. */
export interface CameraHandle {
  grab(): GrabbedFrame | null;
  /** Releases the camera (its light goes off). */
  stop(): void;
}

/** Opens the camera or rejects with a getUserMedia-style error; `onEnded` fires if the camera goes away later. */
export type OpenCamera = (onEnded: () => void) => Promise<CameraHandle>;

export interface CameraSamplerOptions {
  sink: FrameSink;
  /** Told about every state change (e.g. `(s) => void api.reportCamera(s)`). */
  reportCamera: (state: CameraState) => void;
  openCamera: OpenCamera;
  /** Frames per second handed to the sink. Default 2. */
  fps?: number;
  /** Wait before trying again when the camera is busy or missing, in ms. Default 15 000; 0 never retries. */
  retryMs?: number;
  /** Clock for frame timestamps, Unix ms. Default Date.now. */
  now?: () => number;
}

export class CameraSampler {
  private state: CameraState = 'off';
  private handle: CameraHandle | null = null;
  private sampleTimer: ReturnType<typeof setInterval> | undefined;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  /** Bumped by every start and stop, so a camera that opens after the sampler moved on is closed at once. */
  private generation = 0;
  private seq = 0;
  /** True while getUserMedia is pending for the current generation. */
  private opening = false;
  private sink: FrameSink;
  private fps: number;
  private readonly retryMs: number;
  private readonly now: () => number;

  constructor(private readonly options: CameraSamplerOptions) {
    this.sink = options.sink;
    this.fps = options.fps ?? 2;
    this.retryMs = options.retryMs ?? 15_000;
    this.now = options.now ?? Date.now;
    if (!(this.fps > 0)) throw new RangeError(`fps must be positive, got ${this.fps}`);
  }

  /** Changes the sampling rate (frames per second, > 0); a running camera switches at once. */
  setFps(fps: number): void {
    if (!(fps > 0)) throw new RangeError(`fps must be positive, got ${fps}`);
    this.fps = fps;
    if (this.sampleTimer === undefined) return;
    clearInterval(this.sampleTimer);
    this.sampleTimer = setInterval(() => this.sample(), 1000 / this.fps);
  }

  get cameraState(): CameraState {
    return this.state;
  }

  /** Opens the camera and starts sampling; resolves once the camera is on or has failed. */
  async start(): Promise<void> {
    if (this.handle || this.opening) return;
    clearTimeout(this.retryTimer);
    const generation = ++this.generation;
    // A quiet retry: the user keeps seeing "busy" rather than a flicker through "starting" every few seconds.
    if (!isRetryable(this.state)) this.setState('starting');
    let handle: CameraHandle;
    this.opening = true;
    try {
      handle = await this.options.openCamera(() => this.onEnded(generation));
    } catch (err) {
      if (generation === this.generation) this.fail(cameraStateFromError(err));
      return;
    } finally {
      if (generation === this.generation) this.opening = false;
    }
    if (generation !== this.generation) {
      handle.stop();
      return;
    }
    this.handle = handle;
    this.setState('on');
    this.sampleTimer = setInterval(() => this.sample(), 1000 / this.fps);
  }

  /** Releases the camera. `paused` when the user paused Attune, `off` otherwise. */
  stop(reason: 'off' | 'paused' = 'off'): void {
    this.generation += 1;
    this.opening = false;
    this.release();
    this.setState(reason);
  }

  /** The sink frames go to now; the microphone sends its audio over the same link. */
  get currentSink(): FrameSink {
    return this.sink;
  }

  /** Sends later frames to `sink` and closes the previous one (e.g. a new port after an engine restart). */
  setSink(sink: FrameSink): void {
    const previous = this.sink;
    this.sink = sink;
    if (previous !== sink) previous.close();
  }

  dispose(): void {
    this.stop('off');
    this.sink.close();
  }

  private sample(): void {
    let frame: GrabbedFrame | null;
    try {
      frame = this.handle?.grab() ?? null;
    } catch {
      return; // A frame that cannot be read (e.g. mid-resize) is skipped; the next one will do.
    }
    if (!frame) return;
    const header: FrameHeader = {
      type: 'frame',
      seq: this.seq++,
      t: this.now(),
      width: frame.width,
      height: frame.height,
    };
    this.sink.send(header, frame.pixels);
  }

  private onEnded(generation: number): void {
    if (generation !== this.generation) return;
    this.generation += 1;
    this.release();
    this.fail('unavailable');
  }

  private fail(state: CameraState): void {
    this.setState(state);
    if (isRetryable(state) && this.retryMs > 0) {
      this.retryTimer = setTimeout(() => void this.start(), this.retryMs);
    }
  }

  private release(): void {
    clearInterval(this.sampleTimer);
    clearTimeout(this.retryTimer);
    this.sampleTimer = undefined;
    this.retryTimer = undefined;
    const handle = this.handle;
    this.handle = null;
    handle?.stop();
  }

  private setState(state: CameraState): void {
    if (state === this.state) return;
    this.state = state;
    this.options.reportCamera(state);
  }
}
