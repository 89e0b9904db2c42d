/**
 * Fuzz (issue 15): mutated JPEG and PNG bytes. Each either decodes to a valid image or is refused with
 * AttuneError('bad-input'); nothing else may escape, and a good file still decodes afterwards.
 */
import jpeg from 'jpeg-js';
import pngjs from 'pngjs';
import { describe, expect, it } from 'vitest';
import { AttuneError } from '../../shared/envelope';
import { Fuzz, FUZZ_SEED, fuzzRuns, fuzzTimeout } from '../sim/fuzz.test-support';
import { decodeImage } from './decode';

function picture(width: number, height: number): Buffer {
  const data = Buffer.alloc(width * height * 4);
  for (let i = 0; i < data.length; i++) data[i] = (i * 37) % 251;
  return data;
}

const JPEG = new Uint8Array(jpeg.encode({ width: 24, height: 16, data: picture(24, 16) }, 80).data);
const PNG = new Uint8Array(
  pngjs.PNG.sync.write(Object.assign(new pngjs.PNG({ width: 24, height: 16 }), { data: picture(24, 16) })),
);

describe('image decoder fuzz', () => {
  it(
    `decodes or refuses ${fuzzRuns()} mutated JPEG and PNG files (seed ${FUZZ_SEED})`,
    { timeout: fuzzTimeout() },
    () => {
      const fuzz = new Fuzz();
      const outcomes = { decoded: 0, refused: 0 };
      for (let i = 0; i < fuzzRuns(); i++) {
        const bytes = fuzz.mutate(fuzz.chance(0.5) ? JPEG : PNG);
        try {
          const image = decodeImage(bytes);
          expect(image.data.length).toBe(image.width * image.height * 4);
          outcomes.decoded += 1;
        } catch (err) {
          if (!(err instanceof AttuneError) || err.kind !== 'bad-input') {
            throw new Error(`case ${i}: ${String(err)}`, { cause: err });
          }
          outcomes.refused += 1;
        }
      }
      expect(outcomes.refused).toBeGreaterThan(0);
      expect(decodeImage(JPEG)).toMatchObject({ width: 24, height: 16 });
      expect(decodeImage(PNG)).toMatchObject({ width: 24, height: 16 });
    },
  );
});
