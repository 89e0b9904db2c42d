/**
 * Fuzz (issue 15): 10,000 hostile messages on the engine's capture socket — frames and audio chunks of wrong
 * sizes, truncated or lying headers, NaN and Infinity samples, text frames, random bytes — and the same shapes
 * through Electron's MessagePort path. Whatever arrives is either refused as `invalid` or a well-formed frame
 * or chunk; the socket stays up and a normal frame still arrives intact.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { encodeAudio } from '../../shared/audio-protocol';
import { encodeFrame } from '../../shared/engine-protocol';
import { Fuzz, FUZZ_SEED, fuzzRuns, fuzzTimeout } from '../sim/fuzz.test-support';
import { fromPortMessage, type CaptureInput } from './capture-input';
import { openCaptureSocket, type CaptureSocket } from './capture-socket';

const TOKEN = 'fuzz-token';

/** A message built to look almost right: a real header with one part wrong, or garbage. */
function hostileMessage(fuzz: Fuzz): Uint8Array | string {
  const w = 1 + fuzz.int(8);
  const h = 1 + fuzz.int(8);
  const json = (header: unknown, body: Uint8Array): Uint8Array => {
    const text = new TextEncoder().encode(JSON.stringify(header));
    const out = new Uint8Array(4 + text.length + body.length);
    new DataView(out.buffer).setUint32(0, fuzz.chance(0.1) ? fuzz.int(2 ** 32) : text.length, true);
    out.set(text, 4);
    out.set(body, 4 + text.length);
    return out;
  };
  switch (fuzz.int(8)) {
    case 0:
      return fuzz.bytes(fuzz.int(64));
    case 1: // a frame whose pixels do not match its size
      return encodeFrame({ type: 'frame', seq: 1, t: 5, width: w, height: h }, fuzz.bytes(w * h * 4 + 1 + fuzz.int(9)));
    case 2: // a frame header with a wrong field
      return json({ type: 'frame', seq: 1, t: 5, width: w, height: h, [fuzz.key()]: fuzz.json(1) }, fuzz.bytes(0));
    case 3: {
      const header = { type: fuzz.pick(['frame', 'audio']), seq: fuzz.json(0), t: fuzz.json(0), width: fuzz.json(0) };
      return json(header, fuzz.bytes(fuzz.int(40)));
    }
    case 4: {
      // Audio with NaN / Infinity among its samples.
      const pcm = Float32Array.from({ length: 1 + fuzz.int(200) }, () => fuzz.random() - 0.5);
      pcm[fuzz.int(pcm.length)] = fuzz.pick([NaN, Infinity, -Infinity]);
      return encodeAudio({ type: 'audio', seq: 1, t: 5, sampleRate: 16_000, samples: pcm.length }, pcm);
    }
    case 5: {
      // Audio whose sample count lies.
      const pcm = new Float32Array(1 + fuzz.int(100));
      const lie = fuzz.pick([0, -1, pcm.length + 1, 16_001, 1.5]);
      return json({ type: 'audio', seq: 1, t: 5, sampleRate: 16_000, samples: lie }, new Uint8Array(pcm.buffer));
    }
    case 6: {
      // Truncated: any proper prefix of a good frame.
      const whole = frameBytes(w, h, 1);
      return whole.subarray(0, fuzz.int(whole.length));
    }
    default:
      return fuzz.string(); // a text message: not the protocol at all
  }
}

function frameBytes(w: number, h: number, t: number): Uint8Array {
  return encodeFrame({ type: 'frame', seq: 1, t, width: w, height: h }, new Uint8Array(w * h * 4).fill(7));
}

/** The invariants the engine relies on for anything not refused. */
function wellFormed(input: CaptureInput): boolean {
  if (input.kind === 'invalid') return true;
  if (input.kind === 'frame') {
    const f = input.frame;
    return Number.isFinite(f.t) && f.data.length === f.width * f.height * 4;
  }
  if (input.kind === 'audio') return Number.isFinite(input.audio.t) && input.audio.pcm.every(Number.isFinite);
  return input.kind === 'camera';
}

describe('capture socket fuzz', () => {
  let socket: CaptureSocket;
  const inputs: CaptureInput[] = [];

  beforeAll(async () => {
    socket = await openCaptureSocket({ token: TOKEN }, (input) => inputs.push(input));
  });
  afterAll(() => socket.close());

  it(
    `refuses ${fuzzRuns()} hostile messages and still delivers a good frame (seed ${FUZZ_SEED})`,
    { timeout: fuzzTimeout() },
    async () => {
      const fuzz = new Fuzz();
      const ws = new WebSocket(`ws://127.0.0.1:${socket.port}/capture?token=${TOKEN}`);
      await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
      let binary = 0;
      for (let i = 0; i < fuzzRuns(); i++) {
        const message = hostileMessage(fuzz);
        if (typeof message !== 'string') binary += 1;
        ws.send(message);
      }
      ws.send(frameBytes(2, 2, 99));
      await expect.poll(() => inputs.length, { timeout: 30_000 }).toBe(binary + 1);
      const bad = inputs.findIndex((input) => !wellFormed(input));
      expect(bad, `input ${bad}: ${JSON.stringify(inputs[bad])}`).toBe(-1);
      expect(inputs.filter((input) => input.kind !== 'invalid')).toHaveLength(1);
      expect(inputs.at(-1)).toMatchObject({ kind: 'frame', frame: { t: 99, width: 2, height: 2 } });
      ws.close();
    },
  );

  it(`refuses ${fuzzRuns()} hostile MessagePort messages (Electron's path)`, () => {
    const fuzz = new Fuzz(FUZZ_SEED + 1);
    for (let i = 0; i < fuzzRuns(); i++) {
      const w = 1 + fuzz.int(4);
      const message = fuzz.pick([
        () => fuzz.json(),
        () => ({
          type: 'frame',
          t: fuzz.pick([NaN, Infinity, 5]),
          width: w,
          height: w,
          data: new ArrayBuffer(w * w * 4 + fuzz.int(2)),
        }),
        () => ({
          type: 'audio',
          seq: 1,
          t: 5,
          sampleRate: 16_000,
          samples: 2,
          data: new Float32Array([NaN, fuzz.random()]).buffer,
        }),
        () => ({ type: 'camera', state: fuzz.json(0) }),
        () => ({ type: fuzz.key(), data: fuzz.json() }),
      ])();
      const input = fromPortMessage(message);
      expect(wellFormed(input), `case ${i}`).toBe(true);
      if (input.kind === 'frame') expect(Number.isFinite(input.frame.t)).toBe(true);
    }
  });
});
