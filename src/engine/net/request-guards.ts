/** Checks every request to the headless host must pass: loopback peer, our Host header, our token. */
import { createHmac } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { isLoopback, tokenMatches } from './loopback';

/**
 * The host's session cookie. Browsers send 127.0.0.1 cookies to every port, so any local server the person
 * opens receives it: the name carries our port (two hosts never overwrite each other) and the value is derived
 * from the token, not the token itself, so it cannot open the API's `?token=` or the engine's capture socket.
 */
export function sessionCookie(token: string, port: number): { name: string; value: string } {
  return {
    name: `attune_session_${port}`,
    value: createHmac('sha256', token).update('attune session cookie v1').digest('base64url'),
  };
}

export function hostHeaderAllowed(req: IncomingMessage, port: number): boolean {
  // Rejecting other Host names defeats DNS-rebinding pages that resolve their own name to 127.0.0.1.
  const host = req.headers.host;
  return host === `127.0.0.1:${port}` || host === `localhost:${port}`;
}

export function originAllowed(req: IncomingMessage, port: number): boolean {
  const origin = req.headers.origin;
  return origin === `http://127.0.0.1:${port}` || origin === `http://localhost:${port}`;
}

/** The value of cookie `wanted` in the request, or null. */
export function cookieValue(req: IncomingMessage, wanted: string): string | null {
  const header = req.headers.cookie ?? '';
  for (const part of header.split(';')) {
    const [name, ...rest] = part.trim().split('=');
    if (name === wanted) return rest.join('=');
  }
  return null;
}

export function queryToken(req: IncomingMessage): string | null {
  return new URL(req.url ?? '/', 'http://127.0.0.1').searchParams.get('token');
}

export function peerAllowed(req: IncomingMessage): boolean {
  return isLoopback(req.socket.remoteAddress);
}

/** True when the request carries the session cookie of the host on `port`, or the token in its query. */
export function authorised(req: IncomingMessage, token: string, port: number): boolean {
  const session = sessionCookie(token, port);
  return tokenMatches(session.value, cookieValue(req, session.name)) || tokenMatches(token, queryToken(req));
}
