/**
 * The decisions behind main's security handlers, kept pure so they are tested without Electron.
 * security.ts wires them to the session and to each window.
 */
import { contentSecurityPolicy } from '../engine/net/csp';
import { samePage } from './paths';

/** The policy for Electron's pages: see src/engine/net/csp.ts. */
export const CONTENT_SECURITY_POLICY = contentSecurityPolicy({ loopbackSockets: false });

export interface PermissionQuery {
  /** Electron's permission name ('media', 'notifications', …). */
  permission: string;
  /** The URL of the page asking: the requesting frame's URL, or its webContents' URL. */
  url: string;
  /** The capture page's URL (see paths.ts resolvePages). */
  captureUrl: string;
  /** The dashboard's URL: it may show the camera preview (video only) when the person asks for it. */
  dashboardUrl: string;
  /**
   * For `media`: what is asked for. Request handlers give a list; check handlers give one type
   * ('video' | 'audio' | 'unknown'). An empty list or 'unknown' is refused.
   */
  mediaTypes: readonly string[];
}

const CAPTURE_MEDIA = new Set(['video', 'audio']);
const PREVIEW_MEDIA = new Set(['video']);

/**
 * Only the capture page may use the camera and microphone, and the dashboard the camera alone (its preview, shown
 * only while asked for); every other permission, for every page, is refused.
 */
export function isPermissionAllowed(query: PermissionQuery): boolean {
  if (query.permission !== 'media' || query.mediaTypes.length === 0) return false;
  const allowed = samePage(query.url, query.captureUrl)
    ? CAPTURE_MEDIA
    : samePage(query.url, query.dashboardUrl)
      ? PREVIEW_MEDIA
      : null;
  return allowed !== null && query.mediaTypes.every((type) => allowed.has(type));
}

/** A window may only move within its own page (hash or query changes); anything else is blocked. */
export function isNavigationAllowed(currentUrl: string, targetUrl: string): boolean {
  return samePage(currentUrl, targetUrl);
}

/** Adds the CSP to a response's headers, replacing any the server sent (header names are case-insensitive). */
export function withCsp(headers: Record<string, string | string[]> | undefined): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    if (name.toLowerCase() !== 'content-security-policy') out[name] = value;
  }
  out['Content-Security-Policy'] = [CONTENT_SECURITY_POLICY];
  return out;
}
