import { beforeEach, describe, expect, it } from 'vitest';
import { decodeAudio, type AudioHeader } from '../../shared/audio-protocol';
import type { CaptureMessage } from '../../shared/engine-protocol';
import { FakeSocket } from '../testing/fake-socket';
import { isAudioSink, MessagePortSink, WebSocketSink } from './sinks';

const header: AudioHeader = { type: 'audio', seq: 4, t: 1_000, sampleRate: 16_000, samples: 2 };

describe('audio through the sinks', () => {
  beforeEach(() => FakeSocket.reset());

  it('sends audio over the socket in the audio-protocol layout, and drops it while closed', () => {
    const sink = new WebSocketSink('ws://x', { WebSocket: FakeSocket });
    expect(isAudioSink(sink)).toBe(true);
    sink.sendAudio(header, new Float32Array([0.5, -0.5]));
    expect(sink.dropped).toBe(1);
    FakeSocket.last.open();
    sink.sendAudio(header, new Float32Array([0.5, -0.5]));
    const decoded = decodeAudio(FakeSocket.last.sent[0] as Uint8Array);
    expect(decoded.header).toEqual(header);
    expect(Array.from(decoded.pcm)).toEqual([0.5, -0.5]);
    sink.close();
  });

  it('posts audio over a port, transferring whole buffers and copying views', () => {
    const posted: { message: CaptureMessage; transfer: Transferable[] }[] = [];
    const sink = new MessagePortSink({
      postMessage: (message, transfer) => posted.push({ message, transfer }),
      close: () => undefined,
    });
    const pcm = new Float32Array([0.25, 0]);
    sink.sendAudio(header, pcm);
    expect(posted[0]?.transfer[0]).toBe(pcm.buffer);
    const big = new Float32Array([9, 0.25, 0.75, 9]);
    sink.sendAudio(header, big.subarray(1, 3));
    const second = posted[1]?.message;
    expect(second?.type).toBe('audio');
    if (second?.type === 'audio') expect(Array.from(new Float32Array(second.data))).toEqual([0.25, 0.75]);
  });
});
