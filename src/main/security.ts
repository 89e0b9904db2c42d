/**
 * Wires the policy of security-policy.ts to Electron: the CSP header, the permission handlers of the
 * session, and per-window navigation and window-open guards. Electron objects are passed in, so this
 * file needs no runtime import of electron.
 */
import type { Session, WebContents } from 'electron';
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

/** Keeps a window on its page: no navigation elsewhere, no new windows, no <webview>. */
export function guardWebContents(contents: WebContents, logger: Logger): void {
  contents.on('will-navigate', (event) => {
    if (isNavigationAllowed(contents.getURL(), event.url)) return;
    event.preventDefault();
    logger.warn(`navigation to ${event.url} blocked`);
  });
  contents.setWindowOpenHandler((details) => {
    logger.warn(`window.open(${details.url}) blocked`);
    return { action: 'deny' };
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
}
