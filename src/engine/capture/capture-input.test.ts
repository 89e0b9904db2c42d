import { describe, expect, it } from 'vitest';
import { encodeAudio } from '../../shared/audio-protocol';
import { encodeFrame } from '../../shared/engine-protocol';
import { fromPortMessage, fromSocketMessage } from './capture-input';

describe('capture input', () => {
  it('accepts a well-formed port frame without copying its pixels', () => {
    const data = new ArrayBuffer(2 * 2 * 4);
    const input = fromPortMessage({ type: 'frame', seq: 1, t: 5, width: 2, height: 2, data });
    expect(input.kind).toBe('frame');
    if (input.kind === 'frame') expect(input.frame.data.buffer).toBe(data);
  });

  it('rejects malformed port messages with a reason instead of throwing', () => {
    const cases: unknown[] = [
      null,
      'frame',
      { type: 'nope' },
      { type: 'frame', t: 1, width: 2, height: 2, data: new ArrayBuffer(15) },
      { type: 'frame', t: 1, width: 0, height: 2, data: new ArrayBuffer(0) },
      { type: 'frame', t: 1, width: 5000, height: 1, data: new ArrayBuffer(20000) },
      { type: 'frame', t: '1', width: 1, height: 1, data: new ArrayBuffer(4) },
      { type: 'frame', t: 1, width: 1, height: 1, data: [1, 2, 3, 4] },
    ];
    for (const c of cases) expect(fromPortMessage(c).kind, JSON.stringify(c)).toBe('invalid');
  });

  it('passes camera states through', () => {
    expect(fromPortMessage({ type: 'camera', seq: 1, state: 'busy' })).toEqual({ kind: 'camera', state: 'busy' });
  });

  it('decodes socket frames and reports bad ones', () => {
    const ok = fromSocketMessage(encodeFrame({ type: 'frame', seq: 1, t: 9, width: 1, height: 1 }, new Uint8Array(4)));
    expect(ok.kind === 'frame' && ok.frame.t).toBe(9);
    expect(fromSocketMessage(new Uint8Array([255, 255, 255, 255])).kind).toBe('invalid');
  });
});

describe('audio capture input', () => {
  const header = { type: 'audio', seq: 1, t: 50, sampleRate: 16_000, samples: 2 } as const;

  it('accepts port and socket audio chunks', () => {
    const data = new Float32Array([0.5, -0.5]).buffer;
    const port = fromPortMessage({ ...header, data });
    expect(port.kind).toBe('audio');
    if (port.kind === 'audio') expect(Array.from(port.audio.pcm)).toEqual([0.5, -0.5]);
    const socket = fromSocketMessage(encodeAudio(header, new Float32Array([0.25, 0])));
    expect(socket).toEqual({ kind: 'audio', audio: { t: 50, pcm: new Float32Array([0.25, 0]) } });
  });

  it('rejects wrong rates, sizes and oversized chunks without throwing', () => {
    const cases: unknown[] = [
      { ...header, sampleRate: 44_100, data: new ArrayBuffer(8) },
      { ...header, data: new ArrayBuffer(12) },
      { ...header, data: [0, 0] },
      { ...header, samples: 16_001, data: new ArrayBuffer(16_001 * 4) },
    ];
    for (const c of cases) expect(fromPortMessage(c).kind, JSON.stringify(c)).toBe('invalid');
    expect(fromSocketMessage(encodeAudio({ ...header, samples: 3 }, new Float32Array(2))).kind).toBe('invalid');
  });
});
