import type { App, Session, WebContents } from 'electron';
import { describe, expect, it } from 'vitest';
import { createLogger } from './logger';
import { resolvePages } from './paths';
import { guardAllWebContents, guardWebContents, secureSession } from './security';
import { CONTENT_SECURITY_POLICY } from './security-policy';

// security.ts imports electron's types only: fakes of the session and contents stand in for Electron.
type Handler = (...args: never[]) => unknown;

const pages = resolvePages();
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
    const navigate = (target: string, event = 'will-navigate'): boolean => {
      let prevented = false;
      (listeners[event] as (e: unknown) => void)({ url: target, preventDefault: () => (prevented = true) });
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

  it('blocks frame navigations and server redirects away from the page too', () => {
    const c = fakeContents(pages.dashboard);
    for (const event of ['will-frame-navigate', 'will-redirect']) {
      expect(c.navigate('https://example.com/', event)).toBe(true);
      expect(c.navigate('file:///etc/passwd', event)).toBe(true);
      expect(c.navigate(`${pages.dashboard}#/history`, event)).toBe(false);
    }
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

describe('guardAllWebContents', () => {
  function fakeApp() {
    let created: Handler | null = null;
    const app = { on: (event: string, h: Handler) => event === 'web-contents-created' && (created = h) };
    const sessionHandlers = { count: 0, request: null as Handler | null };
    const session = {
      webRequest: { onHeadersReceived: () => undefined },
      setPermissionRequestHandler: (h: Handler) => {
        sessionHandlers.count += 1;
        sessionHandlers.request = h;
      },
      setPermissionCheckHandler: () => undefined,
    };
    const defaultSession = { ...session, setPermissionRequestHandler: () => (sessionHandlers.count += 100) };
    guardAllWebContents(app as unknown as App, defaultSession as unknown as Session, pages, quiet);
    const create = (url: string) => {
      const listeners: Record<string, Handler> = {};
      let openHandler: Handler | null = null;
      const contents = {
        session,
        getURL: () => url,
        on: (event: string, listener: Handler) => (listeners[event] = listener),
        setWindowOpenHandler: (h: Handler) => (openHandler = h),
      };
      if (!created) throw new Error('no web-contents-created handler');
      (created as (...a: unknown[]) => void)({}, contents);
      return { listeners, open: (u: string) => (openHandler as ((d: unknown) => unknown) | null)?.({ url: u }) };
    };
    return { create, sessionHandlers };
  }

  it('guards every webContents the app creates, not only the windows it knows', () => {
    const { create } = fakeApp();
    const c = create('devtools://devtools/bundled/index.html');
    expect(c.open('https://example.com/')).toEqual({ action: 'deny' });
    for (const event of ['will-navigate', 'will-frame-navigate', 'will-redirect']) {
      let prevented = false;
      (c.listeners[event] as (e: unknown) => void)({
        url: 'https://example.com/',
        preventDefault: () => (prevented = true),
      });
      expect(prevented).toBe(true);
    }
  });

  it("secures each contents' session once, refusing permissions to pages not ours", () => {
    const { create, sessionHandlers } = fakeApp();
    create(pages.dashboard);
    create(pages.capture);
    // The default session once (100) at install, the contents' own session once.
    expect(sessionHandlers.count).toBe(101);
    let granted: boolean | undefined;
    (sessionHandlers.request as (...a: unknown[]) => void)(
      { getURL: () => 'https://example.com/' },
      'media',
      (ok: boolean) => (granted = ok),
      { requestingUrl: 'https://example.com/', mediaTypes: ['video'] },
    );
    expect(granted).toBe(false);
  });
});
