/** Frame and audio sinks: how captured frames and audio reach the engine. Neither keeps anything it sends. */
import { encodeAudio, type AudioHeader } from '../../shared/audio-protocol';
import { encodeFrame, type CaptureMessage, type FrameHeader } from '../../shared/engine-protocol';
import { backoffDelay, type BackoffOptions } from '../lib/backoff';
import type { FrameSink } from './camera-sampler';

/** Where microphone chunks go; the sinks below carry both frames and audio over one link. */
export interface AudioSink {
  /** Takes ownership of `pcm` (16 kHz mono, `header.samples` long). */
  sendAudio(header: AudioHeader, pcm: Float32Array): void;
}

export function isAudioSink(sink: object): sink is AudioSink {
  return typeof (sink as Partial<AudioSink>).sendAudio === 'function';
}

/** The part of the browser WebSocket the sink uses, so tests can pass a fake. */
export interface BinarySocketLike {
  readonly readyState: number;
  readonly bufferedAmount: number;
  binaryType: BinaryType;
  send(data: Uint8Array<ArrayBuffer>): void;
  close(code?: number, reason?: string): void;
  addEventListener(type: 'open' | 'error', listener: () => void): void;
  addEventListener(type: 'close', listener: (event: { code: number }) => void): void;
}

export type BinarySocketConstructor = new (url: string) => BinarySocketLike;

export interface WebSocketSinkOptions {
  /**
   * Bytes still waiting in the socket above which a new frame is dropped rather than queued, so a slow
   * engine sees fresh frames instead of a growing backlog. Default 1 MiB (less than one 640×480 frame).
   */
  maxBufferedBytes?: number;
  /** Default: the browser's WebSocket. */
  WebSocket?: BinarySocketConstructor;
  /** Reconnect back-off after the engine's socket closes (e.g. an engine restart). */
  backoff?: BackoffOptions;
}

const OPEN = 1;

/** Sends frames as binary messages ({@link encodeFrame}) to the engine's loopback capture socket. */
export class WebSocketSink implements FrameSink, AudioSink {
  /** Frames dropped because the socket was closed or still busy with earlier ones. */
  dropped = 0;
  sent = 0;
  private socket: BinarySocketLike | null = null;
  private attempt = 0;
  private reconnectTimer: ReturnType<typeof setTimeout> | undefined;
  private closed = false;
  private readonly maxBufferedBytes: number;
  private readonly Socket: BinarySocketConstructor;

  constructor(
    private readonly url: string,
    private readonly options: WebSocketSinkOptions = {},
  ) {
    this.maxBufferedBytes = options.maxBufferedBytes ?? 1024 * 1024;
    this.Socket = options.WebSocket ?? WebSocket;
    this.connect();
  }

  send(header: FrameHeader, pixels: Uint8ClampedArray): void {
    const socket = this.socket;
    if (!socket || socket.readyState !== OPEN || socket.bufferedAmount > this.maxBufferedBytes) {
      this.dropped += 1;
      return;
    }
    const bytes = new Uint8Array(pixels.buffer, pixels.byteOffset, pixels.byteLength);
    socket.send(encodeFrame(header, bytes) as Uint8Array<ArrayBuffer>);
    this.sent += 1;
  }

  /** Audio is small (6.4 kB per 100 ms) but also dropped, not queued, when the socket is closed or backed up. */
  sendAudio(header: AudioHeader, pcm: Float32Array): void {
    const socket = this.socket;
    if (!socket || socket.readyState !== OPEN || socket.bufferedAmount > this.maxBufferedBytes) {
      this.dropped += 1;
      return;
    }
    socket.send(encodeAudio(header, pcm) as Uint8Array<ArrayBuffer>);
  }

  close(): void {
    this.closed = true;
    clearTimeout(this.reconnectTimer);
    const socket = this.socket;
    this.socket = null;
    socket?.close(1000, 'capture stopped');
  }

  private connect(): void {
    if (this.closed) return;
    let socket: BinarySocketLike;
    try {
      socket = new this.Socket(this.url);
    } catch {
      this.scheduleReconnect();
      return;
    }
    socket.binaryType = 'arraybuffer';
    this.socket = socket;
    socket.addEventListener('open', () => {
      if (this.socket === socket) this.attempt = 0;
    });
    socket.addEventListener('close', () => {
      if (this.socket !== socket) return;
      this.socket = null;
      this.scheduleReconnect();
    });
  }

  private scheduleReconnect(): void {
    if (this.closed) return;
    this.reconnectTimer = setTimeout(() => this.connect(), backoffDelay(this.attempt, this.options.backoff));
    this.attempt += 1;
  }
}

/** The part of a MessagePort the sink uses. */
export interface PortLike {
  postMessage(message: CaptureMessage, transfer: Transferable[]): void;
  close(): void;
}

/** Posts frames over a MessagePort (Electron), transferring the pixel buffer instead of copying it. */
export class MessagePortSink implements FrameSink, AudioSink {
  constructor(private readonly port: PortLike) {}

  send(header: FrameHeader, pixels: Uint8ClampedArray): void {
    const { buffer } = pixels;
    // Transfer the buffer as is when the pixels fill it; otherwise copy just the pixels.
    const data =
      buffer instanceof ArrayBuffer && pixels.byteOffset === 0 && pixels.byteLength === buffer.byteLength
        ? buffer
        : pixels.slice().buffer;
    this.port.postMessage({ ...header, data }, [data]);
  }

  sendAudio(header: AudioHeader, pcm: Float32Array): void {
    const data =
      pcm.buffer instanceof ArrayBuffer && pcm.byteOffset === 0 && pcm.byteLength === pcm.buffer.byteLength
        ? pcm.buffer
        : pcm.slice().buffer;
    this.port.postMessage({ ...header, data }, [data]);
  }

  close(): void {
    this.port.close();
  }
}
