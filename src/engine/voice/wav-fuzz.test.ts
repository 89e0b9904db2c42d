/**
 * Fuzz (issue 15): mutated WAV files of every encoding. Each either decodes to finite-length mono samples or
 * is refused with AttuneError('bad-input'); nothing else may escape, and a good file still decodes afterwards.
 */
import { describe, expect, it } from 'vitest';
import { AttuneError } from '../../shared/envelope';
import { Fuzz, FUZZ_SEED, fuzzRuns, fuzzTimeout } from '../sim/fuzz.test-support';
import { encodeWav, sine, type WavEncoding } from './test-signals';
import { decodeWav } from './wav';

const ENCODINGS: WavEncoding[] = ['pcm8', 'pcm16', 'pcm24', 'pcm32', 'float32', 'float64'];
const TONE = sine(440, 0.01);
const FILES = ENCODINGS.flatMap((e) => [
  encodeWav([TONE], 16_000, e),
  encodeWav([TONE, TONE], 8_000, e, { extensible: true }),
]);

describe('WAV reader fuzz', () => {
  it(`decodes or refuses ${fuzzRuns()} mutated WAV files (seed ${FUZZ_SEED})`, { timeout: fuzzTimeout() }, () => {
    const fuzz = new Fuzz();
    let refused = 0;
    for (let i = 0; i < fuzzRuns(); i++) {
      const bytes = fuzz.mutate(fuzz.pick(FILES));
      try {
        const wav = decodeWav(bytes);
        expect(wav.samples.length).toBeGreaterThan(0);
        expect(wav.sampleRate).toBeGreaterThan(0);
      } catch (err) {
        if (!(err instanceof AttuneError) || err.kind !== 'bad-input') {
          throw new Error(`case ${i}: ${String(err)}`, { cause: err });
        }
        refused += 1;
      }
    }
    expect(refused).toBeGreaterThan(0);
    const good = decodeWav(encodeWav([TONE], 16_000, 'pcm16'));
    expect(good.samples.length).toBe(TONE.length);
  });
});
