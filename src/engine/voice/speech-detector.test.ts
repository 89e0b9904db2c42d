import { describe, expect, it } from 'vitest';
import { VAD_FRAME } from './silero-vad';
import { SpeechDetector, type FrameVad } from './speech-detector';

/** A stand-in VAD: speech when the frame's mean absolute value exceeds 0.05. */
class LevelVad implements FrameVad {
  calls = 0;
  resets = 0;
  process(frame: Float32Array): Promise<number> {
    this.calls++;
    const level = frame.reduce((a, b) => a + Math.abs(b), 0) / frame.length;
    return Promise.resolve(level > 0.05 ? 0.9 : 0.1);
  }
  reset(): void {
    this.resets++;
  }
}

/** `pattern` of frames: '#' loud (0.5), '+' a quiet breath (0.001, Silero-like 0.9 would still call it speech), '.' zero. */
function audio(pattern: string): Float32Array {
  const out = new Float32Array(pattern.length * VAD_FRAME);
  [...pattern].forEach((c, k) => out.fill(c === '#' ? 0.5 : c === '+' ? 0.001 : 0, k * VAD_FRAME, (k + 1) * VAD_FRAME));
  return out;
}

describe('SpeechDetector', () => {
  it('gives the same segments whatever the chunk sizes', async () => {
    const pcm = audio(`${'.'.repeat(10)}${'#'.repeat(30)}${'.'.repeat(30)}`);
    const whole = new SpeechDetector(new LevelVad());
    const a = [...(await whole.push(pcm)), ...whole.flush()];
    const chunked = new SpeechDetector(new LevelVad());
    const b = [];
    for (let i = 0; i < pcm.length; i += 333) b.push(...(await chunked.push(pcm.subarray(i, i + 333))));
    b.push(...chunked.flush());
    expect(a).toEqual([{ start: 0.22, end: 1.33 }]);
    expect(b).toEqual(a);
  });

  it('trims frames far quieter than the segment from its ends', async () => {
    // The stub calls the breath speech (as Silero did on the check recording); trimming removes it.
    const vad: FrameVad = { process: (f) => Promise.resolve((f[0] ?? 0) !== 0 ? 0.9 : 0.1), reset: () => undefined };
    const d = new SpeechDetector(vad);
    const segs = [...(await d.push(audio(`.....${'#'.repeat(20)}${'+'.repeat(10)}${'.'.repeat(20)}`))), ...d.flush()];
    // speech 0.16–0.80 s, breath to 1.12 s: the segment ends at 0.80 + 0.05, not 1.12 + 0.05
    expect(segs).toEqual([{ start: 0.06, end: 0.85 }]);
  });

  it('keeps probabilities on request, counts time in whole frames and resets', async () => {
    const vad = new LevelVad();
    const d = new SpeechDetector(vad, {}, true);
    await d.push(new Float32Array(VAD_FRAME * 2 + 100));
    expect(d.probabilities).toEqual([0.1, 0.1]);
    expect(d.time).toBeCloseTo(0.064, 9);
    d.reset();
    expect(vad.resets).toBe(1);
    expect(d.time).toBe(0);
    expect(d.probabilities).toEqual([]);
  });
});
