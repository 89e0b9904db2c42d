/** Loopback-only, token-guarded local servers (capture socket, text endpoint, headless host). */
import { timingSafeEqual } from 'node:crypto';

/** Compares tokens in constant time. */
export function tokenMatches(expected: string, given: string | null): boolean {
  if (given === null) return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}

export function isLoopback(address: string | undefined): boolean {
  return address === '127.0.0.1' || address === '::1' || address === '::ffff:127.0.0.1';
}
