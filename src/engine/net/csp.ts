/**
 * The pages' Content-Security-Policy: no inline code, no remote content. Electron sends it with
 * `connect-src 'self'` (frames travel over a MessagePort); the headless host also allows its loopback
 * WebSockets, since the engine's capture socket listens on another port. The pages carry no meta CSP, so each
 * target enforces exactly its own header (src/main/page-csp.test.ts).
 */
export function contentSecurityPolicy(options: { loopbackSockets: boolean }): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data: blob:",
    "media-src 'self' blob: mediastream:",
    options.loopbackSockets ? "connect-src 'self' ws://127.0.0.1:*" : "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
    "form-action 'none'",
  ].join('; ');
}
