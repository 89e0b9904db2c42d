/**
 * The feature hash the text model's weights were trained with. It must never change for a given model file:
 * the file records {@link HASH_ID}, and the classifier refuses a file naming another hash.
 *
 * FNV-1a, 32 bit (offset basis 0x811c9dc5, prime 0x01000193), over the UTF-8 bytes of the feature string
 * (a lone surrogate is hashed as U+FFFD, as TextEncoder would encode it). Bucket = hash mod D, with D a
 * power of two; sign = +1 when bit 31 of the hash is 0, else −1. The sign spreads collision noise around
 * zero instead of piling it up (Weinberger et al. 2009).
 */
export const HASH_ID = 'fnv1a32-utf8';

export const FNV_OFFSET_BASIS = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

const step = (hash: number, byte: number): number => Math.imul(hash ^ byte, FNV_PRIME);

/** Continues an FNV-1a hash over the UTF-8 bytes of one code point (a lone surrogate counts as U+FFFD). */
export function fnv1aCodePoint(hash: number, codePoint: number): number {
  const c = codePoint >= 0xd800 && codePoint < 0xe000 ? 0xfffd : codePoint;
  if (c < 0x80) return step(hash, c) >>> 0;
  let h = hash;
  if (c < 0x800) {
    h = step(step(h, 0xc0 | (c >> 6)), 0x80 | (c & 63));
  } else if (c < 0x10000) {
    h = step(step(step(h, 0xe0 | (c >> 12)), 0x80 | ((c >> 6) & 63)), 0x80 | (c & 63));
  } else {
    h = step(step(h, 0xf0 | (c >> 18)), 0x80 | ((c >> 12) & 63));
    h = step(step(h, 0x80 | ((c >> 6) & 63)), 0x80 | (c & 63));
  }
  return h >>> 0;
}

/** Continues an FNV-1a hash over the UTF-8 bytes of `text`; start from {@link FNV_OFFSET_BASIS}. */
export function fnv1aUpdate(hash: number, text: string): number {
  let h = hash;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) {
      h = step(h, c);
      continue;
    }
    if (c >= 0xd800 && c < 0xdc00 && i + 1 < text.length) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next < 0xe000) {
        h = fnv1aCodePoint(h, 0x10000 + ((c - 0xd800) << 10) + (next - 0xdc00));
        i++;
        continue;
      }
    }
    h = fnv1aCodePoint(h, c);
  }
  return h >>> 0;
}

/** FNV-1a 32-bit hash of a string's UTF-8 bytes, as an unsigned integer. */
export function fnv1a32(text: string): number {
  return fnv1aUpdate(FNV_OFFSET_BASIS, text);
}

/** The bucket in [0, dimensions) a hash falls in; `dimensions` must be a power of two ≤ 2^30. */
export function hashBucket(hash: number, dimensions: number): number {
  return (hash & (dimensions - 1)) >>> 0;
}

/** +1 or −1, from the hash's top bit (independent of the bucket bits for D ≤ 2^30). */
export function hashSign(hash: number): 1 | -1 {
  return hash >>> 31 === 0 ? 1 : -1;
}

export function isPowerOfTwo(n: number): boolean {
  return Number.isInteger(n) && n > 0 && (n & (n - 1)) === 0;
}
