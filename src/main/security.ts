/**
 * Wires the policy of security-policy.ts to Electron: the CSP header, the permission handlers of the
 * session, and per-window navigation and window-open guards. Electron objects are passed in, so this
 * file needs no runtime import of electron.
 */
import type { App, Session, WebContents } from 'electron';
import type { Logger } from './logger';
import type { Pages } from './paths';
import { isNavigationAllowed, isPermissionAllowed, withCsp } from './security-policy';

/** Installs the CSP and the permission handlers on a session (index.ts passes session.defaultSession). */
export function secureSession(session: Session, pages: Pages, logger: Logger): void {
  session.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: withCsp(details.responseHeaders) });
  });

  session.setPermissionRequestHandler((contents, permission, callback, details) => {
    const mediaTypes = 'mediaTypes' in details ? (details.mediaTypes ?? []) : [];
    // Both the frame that asks and the window it lives in must be the capture page.
    const allowed =
      isPermissionAllowed({
        permission,
        url: details.requestingUrl,
        captureUrl: pages.capture,
        dashboardUrl: pages.dashboard,
        mediaTypes,
      }) &&
      isPermissionAllowed({
        permission,
        url: contents.getURL(),
        captureUrl: pages.capture,
        dashboardUrl: pages.dashboard,
        mediaTypes,
      });
    if (!allowed) logger.warn(`permission '${permission}' refused for ${details.requestingUrl}`);
    callback(allowed);
  });

  session.setPermissionCheckHandler((contents, permission, _origin, details) => {
    if (!contents) return false;
    const mediaTypes = details.mediaType ? [details.mediaType] : [];
    const url = details.requestingUrl ?? contents.getURL();
    return (
      isPermissionAllowed({ permission, url, captureUrl: pages.capture, dashboardUrl: pages.dashboard, mediaTypes }) &&
      isPermissionAllowed({
        permission,
        url: contents.getURL(),
        captureUrl: pages.capture,
        dashboardUrl: pages.dashboard,
        mediaTypes,
      })
    );
  });
}

/**
 * Guards every webContents the app ever creates (windows, frames' hosts, devtools, anything a library
 * opens), not only the ones windows.ts knows about: index.ts calls this before creating any window. The
 * default session, and any other session a contents uses, gets the CSP and the permission rules.
 */
export function guardAllWebContents(app: App, defaultSession: Session, pages: Pages, logger: Logger): void {
  secureSession(defaultSession, pages, logger);
  const secured = new WeakSet<Session>([defaultSession]);
  app.on('web-contents-created', (_event, contents) => {
    guardWebContents(contents, logger);
    if (secured.has(contents.session)) return;
    secured.add(contents.session);
    secureSession(contents.session, pages, logger);
  });
}

/**
 * Keeps a window on its page: no navigation elsewhere (link, frame, or server redirect), no new windows,
 * no <webview>.
 */
export function guardWebContents(contents: WebContents, logger: Logger): void {
  const guard = (event: { url: string; preventDefault: () => void }): void => {
    if (isNavigationAllowed(contents.getURL(), event.url)) return;
    event.preventDefault();
    logger.warn(`navigation to ${event.url} blocked`);
  };
  contents.on('will-navigate', guard);
  contents.on('will-frame-navigate', guard);
  contents.on('will-redirect', guard);
  contents.setWindowOpenHandler((details) => {
    logger.warn(`window.open(${details.url}) blocked`);
    return { action: 'deny' };
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
}
