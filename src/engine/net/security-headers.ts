/** Headers every loopback server of Attune sends. */
import { contentSecurityPolicy } from './csp';

/** The pages' policy (src/engine/net/csp.ts), with the engine's capture socket on another loopback port. */
const CONTENT_SECURITY_POLICY = contentSecurityPolicy({ loopbackSockets: true });

export const SECURITY_HEADERS: Record<string, string> = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cache-Control': 'no-store',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'Permissions-Policy': 'camera=(self), microphone=(self), geolocation=()',
};
