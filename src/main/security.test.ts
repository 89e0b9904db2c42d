import type { Session, WebContents } from 'electron';
import { describe, expect, it } from 'vitest';
import { createLogger } from './logger';
import { resolvePages } from './paths';
import { guardWebContents, secureSession } from './security';
import { CONTENT_SECURITY_POLICY } from './security-policy';

// security.ts imports electron's types only: fakes of the session and contents stand in for Electron.
type Handler = (...args: never[]) => unknown;

const pages = resolvePages('/app/out/renderer');
const quiet = createLogger({ write: () => undefined });

function fakeSession() {
  const handlers: Record<string, Handler> = {};
  const session = {
    webRequest: { onHeadersReceived: (h: Handler) => (handlers.headers = h) },
    setPermissionRequestHandler: (h: Handler) => (handlers.request = h),
    setPermissionCheckHandler: (h: Handler) => (handlers.check = h),
  };
  secureSession(session as unknown as Session, pages, quiet);
  const contents = (url: string) => ({ getURL: () => url });
  const request = (url: string, permission: string, details: Record<string, unknown>): boolean => {
    let granted: boolean | undefined;
    const handler = handlers.request as (...a: unknown[]) => void;
    handler(contents(url), permission, (ok: boolean) => (granted = ok), { requestingUrl: url, ...details });
    if (granted === undefined) throw new Error('callback not called');
    return granted;
  };
  const check = (url: string | null, permission: string, details: Record<string, unknown>): boolean =>
    (handlers.check as (...a: unknown[]) => boolean)(url === null ? null : contents(url), permission, 'file://', {
      isMainFrame: true,
      ...details,
    });
  return { handlers, request, check };
}

describe('secureSession', () => {
  it('adds the CSP header to every response', () => {
    const { handlers } = fakeSession();
    let response: unknown;
    (handlers.headers as (...a: unknown[]) => void)(
      { url: 'http://localhost:5173/index.html', responseHeaders: { 'Content-Type': ['text/html'] } },
      (r: unknown) => (response = r),
    );
    expect(response).toEqual({
      responseHeaders: { 'Content-Type': ['text/html'], 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] },
    });
  });

  it('grants camera and microphone to the capture page, and the camera alone to the dashboard (its preview)', () => {
    const s = fakeSession();
    expect(s.request(pages.capture, 'media', { mediaTypes: ['video', 'audio'] })).toBe(true);
    expect(s.request(pages.dashboard, 'media', { mediaTypes: ['video'] })).toBe(true);
    expect(s.request(pages.dashboard, 'media', { mediaTypes: ['audio'] })).toBe(false);
    expect(s.request(pages.prompt, 'media', { mediaTypes: ['video'] })).toBe(false);
    expect(s.request(pages.capture, 'media', { mediaTypes: [] })).toBe(false);
    expect(s.request(pages.capture, 'media', {})).toBe(false);
    expect(s.request(pages.capture, 'notifications', {})).toBe(false);
    expect(s.request(pages.capture, 'display-capture', { mediaTypes: ['video'] })).toBe(false);
  });

  it('refuses a request whose frame is the capture page inside another window', () => {
    const { handlers } = fakeSession();
    let granted: boolean | undefined;
    (handlers.request as (...a: unknown[]) => void)(
      { getURL: () => pages.dashboard },
      'media',
      (ok: boolean) => (granted = ok),
      { requestingUrl: pages.capture, mediaTypes: ['audio'], isMainFrame: false },
    );
    expect(granted).toBe(false);
  });

  it('answers permission checks the same way', () => {
    const s = fakeSession();
    expect(s.check(pages.capture, 'media', { mediaType: 'video', requestingUrl: pages.capture })).toBe(true);
    expect(s.check(pages.capture, 'media', { mediaType: 'audio' })).toBe(true);
    expect(s.check(pages.capture, 'media', { mediaType: 'unknown' })).toBe(false);
    expect(s.check(pages.dashboard, 'media', { mediaType: 'video' })).toBe(true);
    expect(s.check(pages.dashboard, 'media', { mediaType: 'audio' })).toBe(false);
    expect(s.check(null, 'media', { mediaType: 'video', requestingUrl: pages.capture })).toBe(false);
    expect(s.check(pages.capture, 'clipboard-read', {})).toBe(false);
  });
});

describe('guardWebContents', () => {
  function fakeContents(url: string) {
    const listeners: Record<string, Handler> = {};
    let openHandler: Handler | null = null;
    const contents = {
      getURL: () => url,
      on: (event: string, listener: Handler) => (listeners[event] = listener),
      setWindowOpenHandler: (h: Handler) => (openHandler = h),
    };
    guardWebContents(contents as unknown as WebContents, quiet);
    const navigate = (target: string): boolean => {
      let prevented = false;
      (listeners['will-navigate'] as (e: unknown) => void)({ url: target, preventDefault: () => (prevented = true) });
      return prevented;
    };
    return {
      listeners,
      navigate,
      open: (u: string) => (openHandler as ((d: unknown) => unknown) | null)?.({ url: u }),
    };
  }

  it('blocks navigation away from the page and allows moves within it', () => {
    const c = fakeContents(pages.dashboard);
    expect(c.navigate('https://example.com/')).toBe(true);
    expect(c.navigate(pages.capture)).toBe(true);
    expect(c.navigate(`${pages.dashboard}#/history`)).toBe(false);
  });

  it('denies every new window', () => {
    const c = fakeContents(pages.dashboard);
    expect(c.open('https://example.com/')).toEqual({ action: 'deny' });
    expect(c.open(pages.dashboard)).toEqual({ action: 'deny' });
  });

  it('refuses <webview>', () => {
    const c = fakeContents(pages.dashboard);
    let prevented = false;
    (c.listeners['will-attach-webview'] as (e: unknown) => void)({ preventDefault: () => (prevented = true) });
    expect(prevented).toBe(true);
  });
});
