import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { SECURITY_HEADERS } from '../engine/net/security-headers';
import { CONTENT_SECURITY_POLICY as ELECTRON_CSP } from './security-policy';
import { contentSecurityPolicy } from '../engine/net/csp';

const rendererDir = fileURLToPath(new URL('../renderer', import.meta.url));
const pages = readdirSync(rendererDir).filter((name) => name.endsWith('.html'));

describe('one CSP per page target', () => {
  it('the pages carry no meta CSP: each target sends its own policy as a header, so the two cannot disagree', () => {
    expect(pages.sort()).toEqual(['capture.html', 'index.html', 'prompt.html']);
    for (const page of pages) {
      expect(readFileSync(join(rendererDir, page), 'utf8').toLowerCase()).not.toContain('content-security-policy');
    }
  });

  it('Electron and the headless host send the csp.ts policy, differing only in the loopback sockets', () => {
    expect(ELECTRON_CSP).toBe(contentSecurityPolicy({ loopbackSockets: false }));
    expect(SECURITY_HEADERS['Content-Security-Policy']).toBe(contentSecurityPolicy({ loopbackSockets: true }));
    const differing = (a: string, b: string): string[] => {
      const other = new Set(b.split('; '));
      return a.split('; ').filter((directive) => !other.has(directive));
    };
    expect(differing(ELECTRON_CSP, SECURITY_HEADERS['Content-Security-Policy'] ?? '')).toEqual(["connect-src 'self'"]);
  });
});
