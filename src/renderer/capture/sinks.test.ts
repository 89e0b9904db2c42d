import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { decodeFrame, type CaptureMessage, type FrameHeader } from '../../shared/engine-protocol';
import { FakeSocket } from '../testing/fake-socket';
import { MessagePortSink, WebSocketSink } from './sinks';

const header = (seq: number): FrameHeader => ({ type: 'frame', seq, t: 1_700_000_000_000 + seq, width: 2, height: 1 });
const pixels = (): Uint8ClampedArray => new Uint8ClampedArray([1, 2, 3, 255, 4, 5, 6, 255]);

describe('WebSocketSink', () => {
  beforeEach(() => {
    FakeSocket.reset();
    vi.useFakeTimers();
  });
  afterEach(() => vi.useRealTimers());

  it('sends each frame as one binary message in the engine-protocol layout', () => {
    const sink = new WebSocketSink('ws://127.0.0.1:9/capture?token=x', { WebSocket: FakeSocket });
    expect(FakeSocket.last.url).toBe('ws://127.0.0.1:9/capture?token=x');
    expect(FakeSocket.last.binaryType).toBe('arraybuffer');
    FakeSocket.last.open();
    sink.send(header(0), pixels());
    const sent = FakeSocket.last.sent[0];
    expect(sent).toBeInstanceOf(Uint8Array);
    const decoded = decodeFrame(sent as Uint8Array);
    expect(decoded.header).toEqual(header(0));
    expect([...decoded.pixels]).toEqual([1, 2, 3, 255, 4, 5, 6, 255]);
    expect(sink.sent).toBe(1);
  });

  it('sends only the pixels of a view into a larger buffer', () => {
    const sink = new WebSocketSink('ws://x', { WebSocket: FakeSocket });
    FakeSocket.last.open();
    const big = new Uint8ClampedArray(16).fill(9);
    big.set([1, 2, 3, 4, 5, 6, 7, 8], 4);
    sink.send(header(0), big.subarray(4, 12));
    expect([...decodeFrame(FakeSocket.last.sent[0] as Uint8Array).pixels]).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
  });

  it('drops frames while the socket is not open or still busy, instead of queueing', () => {
    const sink = new WebSocketSink('ws://x', { WebSocket: FakeSocket, maxBufferedBytes: 100 });
    sink.send(header(0), pixels());
    FakeSocket.last.open();
    FakeSocket.last.bufferedAmount = 101;
    sink.send(header(1), pixels());
    FakeSocket.last.bufferedAmount = 100;
    sink.send(header(2), pixels());
    expect(FakeSocket.last.sent).toHaveLength(1);
    expect(decodeFrame(FakeSocket.last.sent[0] as Uint8Array).header.seq).toBe(2);
    expect(sink.dropped).toBe(2);
  });

  it('reconnects after the engine socket closes, with back-off', () => {
    const sink = new WebSocketSink('ws://x', { WebSocket: FakeSocket, backoff: { initialMs: 100 } });
    FakeSocket.last.open();
    FakeSocket.last.drop();
    sink.send(header(0), pixels());
    expect(sink.dropped).toBe(1);
    vi.advanceTimersByTime(100);
    expect(FakeSocket.instances).toHaveLength(2);
    FakeSocket.last.open();
    sink.send(header(1), pixels());
    expect(FakeSocket.last.sent).toHaveLength(1);
  });

  it('stops for good on close', () => {
    const sink = new WebSocketSink('ws://x', { WebSocket: FakeSocket });
    FakeSocket.last.open();
    sink.close();
    expect(FakeSocket.last.closedWith?.code).toBe(1000);
    vi.advanceTimersByTime(60_000);
    expect(FakeSocket.instances).toHaveLength(1);
  });
});

describe('MessagePortSink', () => {
  class FakePort {
    posted: { message: CaptureMessage; transfer: Transferable[] }[] = [];
    closed = false;
    postMessage(message: CaptureMessage, transfer: Transferable[]): void {
      this.posted.push({ message, transfer });
    }
    close(): void {
      this.closed = true;
    }
  }

  it('posts the frame and transfers its buffer', () => {
    const port = new FakePort();
    const frame = pixels();
    new MessagePortSink(port).send(header(3), frame);
    const [posted] = port.posted;
    expect(posted?.message).toEqual({ ...header(3), data: frame.buffer });
    expect(posted?.transfer).toEqual([frame.buffer]);
    expect(posted?.transfer[0]).toBe(frame.buffer);
  });

  it('copies just the pixels when they are a view into a larger buffer', () => {
    const port = new FakePort();
    const big = new Uint8ClampedArray(16);
    big.set([1, 2, 3, 4, 5, 6, 7, 8], 4);
    new MessagePortSink(port).send(header(0), big.subarray(4, 12));
    const message = port.posted[0]?.message;
    expect(message?.type).toBe('frame');
    const data = message && 'data' in message ? message.data : new ArrayBuffer(0);
    expect([...new Uint8Array(data)]).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(data).not.toBe(big.buffer);
  });

  it('closes the port', () => {
    const port = new FakePort();
    new MessagePortSink(port).close();
    expect(port.closed).toBe(true);
  });
});
