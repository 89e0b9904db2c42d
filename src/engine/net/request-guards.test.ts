import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { isLoopback, tokenMatches } from './loopback';
import {
  authorised,
  cookieValue,
  hostHeaderAllowed,
  originAllowed,
  peerAllowed,
  sessionCookie,
} from './request-guards';

function req(parts: {
  remote?: string;
  host?: string;
  origin?: string;
  cookie?: string;
  url?: string;
}): IncomingMessage {
  return {
    socket: { remoteAddress: parts.remote ?? '127.0.0.1' },
    headers: { host: parts.host, origin: parts.origin, cookie: parts.cookie },
    url: parts.url ?? '/',
  } as unknown as IncomingMessage;
}

describe('loopback guards', () => {
  it('accepts only loopback peers', () => {
    expect(['127.0.0.1', '::1', '::ffff:127.0.0.1'].every(isLoopback)).toBe(true);
    expect(['192.168.1.5', '10.0.0.2', '::ffff:10.0.0.2', undefined].some(isLoopback)).toBe(false);
    expect(peerAllowed(req({ remote: '192.168.1.5' }))).toBe(false);
    expect(peerAllowed(req({}))).toBe(true);
  });

  it('compares tokens exactly, whatever their length', () => {
    expect(tokenMatches('abc', 'abc')).toBe(true);
    expect(tokenMatches('abc', 'abd')).toBe(false);
    expect(tokenMatches('abc', 'abcd')).toBe(false);
    expect(tokenMatches('abc', null)).toBe(false);
  });

  it('accepts only our Host and Origin, so rebinding pages are refused', () => {
    expect(hostHeaderAllowed(req({ host: '127.0.0.1:4000' }), 4000)).toBe(true);
    expect(hostHeaderAllowed(req({ host: 'localhost:4000' }), 4000)).toBe(true);
    expect(hostHeaderAllowed(req({ host: 'evil.example:4000' }), 4000)).toBe(false);
    expect(originAllowed(req({ origin: 'http://127.0.0.1:4000' }), 4000)).toBe(true);
    expect(originAllowed(req({ origin: 'http://evil.example' }), 4000)).toBe(false);
  });

  it('accepts the session cookie of its own port or the token in the query', () => {
    const session = sessionCookie('t0k', 4000);
    expect(cookieValue(req({ cookie: `a=1; ${session.name}=${session.value}; b=2` }), session.name)).toBe(
      session.value,
    );
    expect(authorised(req({ cookie: `${session.name}=${session.value}` }), 't0k', 4000)).toBe(true);
    expect(authorised(req({ url: '/?token=t0k' }), 't0k', 4000)).toBe(true);
    expect(authorised(req({ url: '/?token=nope' }), 't0k', 4000)).toBe(false);
  });

  it('names the cookie after the port and never stores the raw token in it', () => {
    const session = sessionCookie('t0k', 4000);
    expect(session.name).toBe('attune_session_4000');
    expect(session.value).not.toContain('t0k');
    expect(sessionCookie('t0k', 4001).name).not.toBe(session.name);
    // The raw token under the old generic name, or under ours, is no longer a session.
    expect(authorised(req({ cookie: 'attune_session=t0k' }), 't0k', 4000)).toBe(false);
    expect(authorised(req({ cookie: `${session.name}=t0k` }), 't0k', 4000)).toBe(false);
    // Another host's cookie (another port) does not open this one.
    const other = sessionCookie('t0k', 4001);
    expect(authorised(req({ cookie: `${other.name}=${other.value}` }), 't0k', 4000)).toBe(false);
  });
});
