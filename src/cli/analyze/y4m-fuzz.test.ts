/**
 * Fuzz (issue 15): mutated y4m streams, fed in random chunk sizes. Each is read to its end or refused with
 * AttuneError('bad-input'); nothing else may escape, and a good stream still reads afterwards.
 */
import { describe, expect, it } from 'vitest';
import { AttuneError } from '../../shared/envelope';
import { Fuzz, FUZZ_SEED, fuzzRuns, fuzzTimeout } from '../../engine/sim/fuzz.test-support';
import { readY4m } from './y4m-reader';

function stream(width: number, height: number, frames: number, colour: string): Uint8Array {
  const planes = colour === 'mono' ? width * height : colour === '444' ? width * height * 3 : (width * height * 3) / 2;
  const parts: Uint8Array[] = [new TextEncoder().encode(`YUV4MPEG2 W${width} H${height} F30:1 Ip A1:1 C${colour}\n`)];
  for (let i = 0; i < frames; i++) {
    parts.push(new TextEncoder().encode('FRAME\n'), new Uint8Array(planes).fill(16 + i));
  }
  return Buffer.concat(parts);
}

const STREAMS = [stream(8, 6, 3, '420jpeg'), stream(4, 4, 2, '444'), stream(6, 2, 4, 'mono')];

async function* chunks(bytes: Uint8Array, fuzz: Fuzz): AsyncGenerator<Uint8Array> {
  for (let at = 0; at < bytes.length;) {
    const size = 1 + fuzz.int(64);
    // A socket or file delivers chunks as they come: each after a turn of the event loop.
    yield await Promise.resolve(bytes.subarray(at, at + size));
    at += size;
  }
}

async function readAll(bytes: Uint8Array, fuzz: Fuzz): Promise<number> {
  const reader = readY4m(chunks(bytes, fuzz));
  for (;;) {
    const next = await reader.next();
    if (next.done) return next.value.frames;
    expect(next.value.rgba().data.length).toBe(next.value.yuv.width * next.value.yuv.height * 4);
  }
}

describe('y4m reader fuzz', () => {
  it(`reads or refuses ${fuzzRuns()} mutated y4m streams (seed ${FUZZ_SEED})`, { timeout: fuzzTimeout() }, async () => {
    const fuzz = new Fuzz();
    let refused = 0;
    for (let i = 0; i < fuzzRuns(); i++) {
      try {
        await readAll(fuzz.mutate(fuzz.pick(STREAMS)), fuzz);
      } catch (err) {
        if (!(err instanceof AttuneError) || err.kind !== 'bad-input') {
          throw new Error(`case ${i}: ${String(err)}`, { cause: err });
        }
        refused += 1;
      }
    }
    expect(refused).toBeGreaterThan(0);
    expect(await readAll(STREAMS[0] as Uint8Array, fuzz)).toBe(3);
  });
});
