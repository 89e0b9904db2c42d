/**
 * Serves the built pages over attune:// (see app-scheme.ts) through Electron's protocol module: only
 * files under the renderer folder, each with the Electron CSP header (webRequest does not see custom
 * schemes). Electron objects are passed in, so this file needs no runtime import of electron.
 */
import { pathToFileURL } from 'node:url';
import type { Net, Protocol } from 'electron';
import type { Logger } from './logger';
import { APP_SCHEME, APP_SCHEME_PRIVILEGES, resolveAppFile } from './app-scheme';
import { CONTENT_SECURITY_POLICY } from './security-policy';

/** Must run before the app is ready (Electron's rule for privileged schemes). */
export function registerAppScheme(protocol: Pick<Protocol, 'registerSchemesAsPrivileged'>): void {
  protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { ...APP_SCHEME_PRIVILEGES } }]);
}

/** Answers attune:// requests from rendererDir; anything outside it is a 404. Call once the app is ready. */
export function serveAppScheme(
  protocol: Pick<Protocol, 'handle'>,
  net: Pick<Net, 'fetch'>,
  rendererDir: string,
  logger: Logger,
): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const file = request.method === 'GET' ? resolveAppFile(rendererDir, request.url) : null;
    if (file === null) {
      logger.warn(`refused ${request.method} ${request.url}`);
      return new Response('Not found', { status: 404 });
    }
    const response = await net.fetch(pathToFileURL(file).href);
    const headers = new Headers(response.headers);
    headers.set('Content-Security-Policy', CONTENT_SECURITY_POLICY);
    headers.set('X-Content-Type-Options', 'nosniff');
    return new Response(response.body, { status: response.status, headers });
  });
}
