/** Checks every request to the headless host must pass: loopback peer, our Host header, our token. */
import type { IncomingMessage } from 'node:http';
import { isLoopback, tokenMatches } from './loopback';

export const SESSION_COOKIE = 'attune_session';

export function hostHeaderAllowed(req: IncomingMessage, port: number): boolean {
  // Rejecting other Host names defeats DNS-rebinding pages that resolve their own name to 127.0.0.1.
  const host = req.headers.host;
  return host === `127.0.0.1:${port}` || host === `localhost:${port}`;
}

export function originAllowed(req: IncomingMessage, port: number): boolean {
  const origin = req.headers.origin;
  return origin === `http://127.0.0.1:${port}` || origin === `http://localhost:${port}`;
}

export function cookieToken(req: IncomingMessage): string | null {
  const header = req.headers.cookie ?? '';
  for (const part of header.split(';')) {
    const [name, ...rest] = part.trim().split('=');
    if (name === SESSION_COOKIE) return rest.join('=');
  }
  return null;
}

export function queryToken(req: IncomingMessage): string | null {
  return new URL(req.url ?? '/', 'http://127.0.0.1').searchParams.get('token');
}

export function peerAllowed(req: IncomingMessage): boolean {
  return isLoopback(req.socket.remoteAddress);
}

/** True when the request carries the token in its cookie or its query. */
export function authorised(req: IncomingMessage, token: string): boolean {
  return tokenMatches(token, cookieToken(req)) || tokenMatches(token, queryToken(req));
}
