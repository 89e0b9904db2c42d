/**
 * The dashboard's own capture, used only in a browser served by the headless host (under Electron the
 * hidden capture page does this). Keeps the sampler pointed at the engine's current capture socket,
 * which moves when the engine restarts.
 */
import type { AttuneBridge } from '../../shared/api';
import type { AppError } from '../../shared/envelope';
import type { FrameSink } from './camera-sampler';
import { WebSocketSink } from './sinks';
import { startCapture, type Capture, type CaptureApi } from './start-capture';

type LinkApi = CaptureApi & Pick<AttuneBridge, 'getCaptureTarget'>;

export interface CaptureLinkDeps {
  makeSink: (url: string) => FrameSink;
  start: (
    api: LinkApi,
    sink: FrameSink,
  ) => Pick<Capture, 'stop' | 'refreshSensors'> & { sampler: { setSink(sink: FrameSink): void } };
}

const DEFAULT_DEPS: CaptureLinkDeps = { makeSink: (url) => new WebSocketSink(url), start: startCapture };

export class CaptureLink {
  private url: string | null = null;
  private capture: ReturnType<CaptureLinkDeps['start']> | null = null;
  private asking = false;
  private stopped = false;

  constructor(
    private readonly api: LinkApi,
    private readonly deps: CaptureLinkDeps = DEFAULT_DEPS,
  ) {}

  /** Asks where frames go and connects there if that changed. Returns a problem worth showing, or null. */
  async sync(): Promise<AppError | null> {
    if (this.asking || this.stopped) return null;
    this.asking = true;
    try {
      const answer = await this.api.getCaptureTarget();
      if (this.stopped) return null;
      // An engine that is not up yet is the status banner's news; sync runs again once it is ready.
      if (!answer.ok) return answer.error.kind === 'engine-unavailable' ? null : answer.error;
      const target = answer.value;
      if (target.kind === 'unavailable') return { kind: 'engine-unavailable', message: target.reason };
      if (target.kind !== 'websocket' || target.url === this.url) return null;
      this.url = target.url;
      const sink = this.deps.makeSink(target.url);
      if (this.capture) this.capture.sampler.setSink(sink);
      else this.capture = this.deps.start(this.api, sink);
      return null;
    } finally {
      this.asking = false;
    }
  }

  /** Asks for the sensor settings again (a change made on this page, or the first run just completed). */
  async refreshSensors(): Promise<void> {
    await this.capture?.refreshSensors();
  }

  /** Releases the camera and closes the sink for good. */
  stop(): void {
    this.stopped = true;
    this.capture?.stop();
    this.capture = null;
  }
}
