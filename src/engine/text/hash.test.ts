import { describe, expect, it } from 'vitest';
import { FNV_OFFSET_BASIS, fnv1a32, fnv1aCodePoint, fnv1aUpdate, hashBucket, hashSign, isPowerOfTwo } from './hash';

describe('fnv1a32', () => {
  it('matches the published FNV-1a 32-bit test vectors', () => {
    expect(fnv1a32('')).toBe(0x811c9dc5);
    expect(fnv1a32('a')).toBe(0xe40c292c);
    expect(fnv1a32('foobar')).toBe(0xbf9cf968);
  });

  it('hashes UTF-8 bytes, astral code points included (checked against a byte-wise implementation)', () => {
    expect(fnv1a32('é😀')).toBe(0x039d63cc);
  });

  it('hashes a lone surrogate as U+FFFD, as TextEncoder encodes it', () => {
    expect(fnv1a32('\ud800')).toBe(fnv1a32('\ufffd'));
    expect(fnv1a32('\ufffd')).toBe(0x03479c4a);
  });

  it('streams: a prefix continued with the rest equals the whole', () => {
    expect(fnv1aUpdate(fnv1a32('w2:so'), ' happy')).toBe(fnv1a32('w2:so happy'));
    const byCodePoint = Array.from('né😀').reduce(
      (h, ch) => fnv1aCodePoint(h, ch.codePointAt(0) ?? 0),
      FNV_OFFSET_BASIS,
    );
    expect(byCodePoint).toBe(fnv1a32('né😀'));
  });
});

describe('buckets and signs', () => {
  // Stable forever for a given model file: these values are what the shipped weights were trained on.
  it.each([
    ['w1:happy', 33577, -1],
    ['c: ok', 250122, 1],
    ['x:EMO_joy', 112763, -1],
    ['w2:so happy', 252322, -1],
  ])('%s → bucket %i of 2^18, sign %i', (key, bucket, sign) => {
    const h = fnv1a32(key);
    expect(hashBucket(h, 1 << 18)).toBe(bucket);
    expect(hashSign(h)).toBe(sign);
  });

  it('knows powers of two', () => {
    expect([1, 2, 1 << 18, 1 << 30].every(isPowerOfTwo)).toBe(true);
    expect([0, 3, 1000, 1.5, -4].some(isPowerOfTwo)).toBe(false);
  });
});
