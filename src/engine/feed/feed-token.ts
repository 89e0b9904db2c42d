/** Feed tokens: made here, shown once, and kept only as their SHA-256 (hex). */
import { createHash, randomBytes } from 'node:crypto';

/** 32 random bytes, base64url (43 characters). */
export function newFeedToken(): string {
  return randomBytes(32).toString('base64url');
}

/** SHA-256 of a token, hex: what is stored and what a request's token is compared by. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}
