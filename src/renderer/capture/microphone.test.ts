import { describe, expect, it } from 'vitest';
import type { AudioHeader } from '../../shared/audio-protocol';
import { Microphone, type MicrophoneState, type OpenMicrophone } from './microphone';

function setup(open: OpenMicrophone) {
  const states: MicrophoneState[] = [];
  const sent: { header: AudioHeader; pcm: Float32Array }[] = [];
  const sink = { sendAudio: (header: AudioHeader, pcm: Float32Array) => sent.push({ header, pcm }) };
  const mic = new Microphone({ openMicrophone: open, sink: () => sink, report: (s) => states.push(s) });
  return { mic, states, sent };
}

describe('Microphone', () => {
  it('sends 100 ms chunks with rising seq while on, and nothing after stop', async () => {
    const io = { feed: (_pcm: Float32Array, _now: number): void => undefined, released: 0 };
    const { mic, states, sent } = setup((onAudio) => {
      io.feed = onAudio;
      return Promise.resolve({ stop: () => void io.released++ });
    });
    await mic.start();
    expect(states).toEqual(['starting', 'on']);
    io.feed(new Float32Array(3200).fill(0.1), 2_000);
    expect(sent.map((s) => [s.header.seq, s.header.t, s.header.samples, s.header.sampleRate])).toEqual([
      [1, 1_800, 1600, 16_000],
      [2, 1_900, 1600, 16_000],
    ]);
    mic.stop('paused');
    io.feed(new Float32Array(1600), 3_000);
    expect(sent).toHaveLength(2);
    expect(io.released).toBe(1);
    expect(states.at(-1)).toBe('paused');
  });

  it('maps a refused permission to denied, like the camera', async () => {
    const { mic, states } = setup(() => Promise.reject(new DOMException('no', 'NotAllowedError')));
    await mic.start();
    expect(states).toEqual(['starting', 'denied']);
  });

  it('reports unavailable when the device goes away', async () => {
    const io = { ended: (): void => undefined };
    const { mic, states } = setup((_onAudio, onEnded) => {
      io.ended = onEnded;
      return Promise.resolve({ stop: () => undefined });
    });
    await mic.start();
    io.ended();
    expect(states).toEqual(['starting', 'on', 'unavailable']);
  });
});
