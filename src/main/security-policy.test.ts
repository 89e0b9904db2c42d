import { describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY, isNavigationAllowed, isPermissionAllowed, withCsp } from './security-policy';

const captureUrl = 'file:///app/out/renderer/capture.html';
const dashboardUrl = 'file:///app/out/renderer/index.html';

describe('isPermissionAllowed', () => {
  it('grants camera and microphone to the capture page', () => {
    expect(isPermissionAllowed({ permission: 'media', url: captureUrl, captureUrl, mediaTypes: ['video'] })).toBe(true);
    expect(isPermissionAllowed({ permission: 'media', url: captureUrl, captureUrl, mediaTypes: ['audio'] })).toBe(true);
    expect(
      isPermissionAllowed({ permission: 'media', url: `${captureUrl}#x`, captureUrl, mediaTypes: ['video', 'audio'] }),
    ).toBe(true);
  });

  it('refuses media to any other page, even of the same origin', () => {
    expect(isPermissionAllowed({ permission: 'media', url: dashboardUrl, captureUrl, mediaTypes: ['video'] })).toBe(
      false,
    );
    expect(
      isPermissionAllowed({
        permission: 'media',
        url: 'https://evil.example/capture.html',
        captureUrl,
        mediaTypes: ['video'],
      }),
    ).toBe(false);
    expect(isPermissionAllowed({ permission: 'media', url: '', captureUrl, mediaTypes: ['video'] })).toBe(false);
  });

  it('refuses media of no stated or unknown type', () => {
    expect(isPermissionAllowed({ permission: 'media', url: captureUrl, captureUrl, mediaTypes: [] })).toBe(false);
    expect(isPermissionAllowed({ permission: 'media', url: captureUrl, captureUrl, mediaTypes: ['unknown'] })).toBe(
      false,
    );
    expect(
      isPermissionAllowed({ permission: 'media', url: captureUrl, captureUrl, mediaTypes: ['video', 'unknown'] }),
    ).toBe(false);
  });

  it('refuses every other permission, to every page', () => {
    for (const permission of ['notifications', 'display-capture', 'geolocation', 'clipboard-read', 'openExternal']) {
      expect(isPermissionAllowed({ permission, url: captureUrl, captureUrl, mediaTypes: ['video'] })).toBe(false);
      expect(isPermissionAllowed({ permission, url: dashboardUrl, captureUrl, mediaTypes: [] })).toBe(false);
    }
  });
});

describe('isNavigationAllowed', () => {
  it('allows moving within the page and nothing else', () => {
    expect(isNavigationAllowed(dashboardUrl, `${dashboardUrl}#/history`)).toBe(true);
    expect(isNavigationAllowed(dashboardUrl, captureUrl)).toBe(false);
    expect(isNavigationAllowed(dashboardUrl, 'https://example.com/')).toBe(false);
    expect(isNavigationAllowed(dashboardUrl, 'file:///etc/passwd')).toBe(false);
  });
});

describe('withCsp', () => {
  it('is the strict policy of the pages', () => {
    expect(CONTENT_SECURITY_POLICY).toBe(
      "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; " +
        "media-src 'self' blob: mediastream:; connect-src 'self'; object-src 'none'; base-uri 'none'; " +
        "frame-ancestors 'none'; form-action 'none'",
    );
  });

  it('replaces any policy the server sent and keeps other headers', () => {
    expect(withCsp({ 'content-type': ['text/html'], 'content-security-policy': ['default-src *'] })).toEqual({
      'content-type': ['text/html'],
      'Content-Security-Policy': [CONTENT_SECURITY_POLICY],
    });
    expect(withCsp(undefined)).toEqual({ 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] });
  });
});
