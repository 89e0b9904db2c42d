/**
 * The app's own URL scheme: Electron serves the built pages as attune://app/<file> instead of file://, so
 * that 'self' in the CSP means the renderer folder alone, not every file on the disk. Pure (no electron
 * import): app-protocol.ts wires it to Electron's protocol module.
 */
import { isAbsolute, relative, resolve, sep } from 'node:path';

export const APP_SCHEME = 'attune';
export const APP_HOST = 'app';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;

/**
 * A standard, secure scheme (getUserMedia and AudioWorklet need a secure context) that fetch may load from;
 * nothing else: it does not bypass the CSP and is not open to service workers.
 */
export const APP_SCHEME_PRIVILEGES = { standard: true, secure: true, supportFetchAPI: true } as const;

/** The URL of a built page, e.g. appUrl('index.html') = attune://app/index.html. */
export function appUrl(file: string): string {
  return `${APP_ORIGIN}/${file}`;
}

/**
 * The file under rendererDir that an attune:// URL names, or null for anything else: another host, a
 * path that leaves the folder once decoded (`..`, `%2e%2e`, `%2f`, a backslash), a NUL, or the folder itself.
 */
export function resolveAppFile(rendererDir: string, url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.protocol !== `${APP_SCHEME}:` || parsed.host !== APP_HOST) return null;
  let path: string;
  try {
    path = decodeURIComponent(parsed.pathname);
  } catch {
    return null;
  }
  if (path.includes('\0') || path.includes('\\')) return null;
  const root = resolve(rendererDir);
  const file = resolve(root, `.${path}`);
  const inside = relative(root, file);
  if (inside === '' || inside.startsWith(`..${sep}`) || inside === '..' || isAbsolute(inside)) return null;
  return file;
}
