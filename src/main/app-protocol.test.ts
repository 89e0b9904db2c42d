import { describe, expect, it } from 'vitest';
import { registerAppScheme, serveAppScheme } from './app-protocol';
import { createLogger } from './logger';
import { CONTENT_SECURITY_POLICY } from './security-policy';

// app-protocol.ts imports electron's types only: fakes of protocol and net stand in for Electron.
const quiet = createLogger({ write: () => undefined });

describe('registerAppScheme', () => {
  it('registers attune:// as a standard, secure, fetchable scheme', () => {
    const calls: unknown[] = [];
    registerAppScheme({ registerSchemesAsPrivileged: (schemes) => calls.push(schemes) });
    expect(calls).toEqual([
      [{ scheme: 'attune', privileges: { standard: true, secure: true, supportFetchAPI: true } }],
    ]);
  });
});

describe('serveAppScheme', () => {
  function served() {
    let handler: ((request: Request) => Promise<Response>) | null = null;
    const fetched: string[] = [];
    const protocol = {
      handle: (scheme: string, h: (request: Request) => Promise<Response>) => {
        expect(scheme).toBe('attune');
        handler = h;
      },
    };
    const net = {
      fetch: (url: string) => {
        fetched.push(url);
        return Promise.resolve(new Response('<html></html>', { headers: { 'Content-Type': 'text/html' } }));
      },
    };
    serveAppScheme(protocol, net, '/app/out/renderer', quiet);
    const get = (url: string, method = 'GET'): Promise<Response> => {
      if (!handler) throw new Error('no handler');
      return handler(new Request(url, { method }));
    };
    return { get, fetched };
  }

  it('serves files under the renderer folder with the CSP header', async () => {
    const s = served();
    const response = await s.get('attune://app/index.html#/settings');
    expect(response.status).toBe(200);
    expect(response.headers.get('Content-Security-Policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(response.headers.get('Content-Type')).toBe('text/html');
    expect(await response.text()).toBe('<html></html>');
    expect(s.fetched).toEqual(['file:///app/out/renderer/index.html']);
  });

  it('refuses traversal, other hosts and other methods without touching the disk', async () => {
    const s = served();
    for (const url of [
      'attune://app/..%2f..%2f..%2fetc%2fpasswd',
      'attune://app/%2e%2e%2f%2e%2e%2fhome',
      'attune://other/index.html',
    ]) {
      expect((await s.get(url)).status).toBe(404);
    }
    expect((await s.get('attune://app/index.html', 'POST')).status).toBe(404);
    expect(s.fetched).toEqual([]);
  });
});
