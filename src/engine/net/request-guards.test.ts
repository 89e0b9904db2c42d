import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { isLoopback, tokenMatches } from './loopback';
import { authorised, cookieToken, hostHeaderAllowed, originAllowed, peerAllowed } from './request-guards';

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

  it('reads the token from the session cookie or the query', () => {
    expect(cookieToken(req({ cookie: 'a=1; attune_session=t0k; b=2' }))).toBe('t0k');
    expect(authorised(req({ cookie: 'attune_session=t0k' }), 't0k')).toBe(true);
    expect(authorised(req({ url: '/?token=t0k' }), 't0k')).toBe(true);
    expect(authorised(req({ url: '/?token=nope' }), 't0k')).toBe(false);
  });
});
