import { describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY, isNavigationAllowed, isPermissionAllowed, withCsp } from './security-policy';

const captureUrl = 'file:///app/out/renderer/capture.html';
const dashboardUrl = 'file:///app/out/renderer/index.html';

describe('isPermissionAllowed', () => {
  it('grants camera and microphone to the capture page', () => {
    expect(
      isPermissionAllowed({ permission: 'media', url: captureUrl, captureUrl, dashboardUrl, mediaTypes: ['video'] }),
    ).toBe(true);
    expect(
      isPermissionAllowed({ permission: 'media', url: captureUrl, captureUrl, dashboardUrl, mediaTypes: ['audio'] }),
    ).toBe(true);
    expect(
      isPermissionAllowed({
        permission: 'media',
        url: `${captureUrl}#x`,
        captureUrl,
        dashboardUrl,
        mediaTypes: ['video', 'audio'],
      }),
    ).toBe(true);
  });

  it('grants the dashboard the camera alone, for the preview it shows when asked', () => {
    const ask = (mediaTypes: string[]) =>
      isPermissionAllowed({ permission: 'media', url: `${dashboardUrl}#live`, captureUrl, dashboardUrl, mediaTypes });
    expect(ask(['video'])).toBe(true);
    expect(ask(['audio'])).toBe(false);
    expect(ask(['video', 'audio'])).toBe(false);
  });

  it('refuses media to any other page, even of the same origin', () => {
    const promptUrl = 'file:///app/out/renderer/prompt.html';
    expect(
      isPermissionAllowed({ permission: 'media', url: promptUrl, captureUrl, dashboardUrl, mediaTypes: ['video'] }),
    ).toBe(false);
    expect(
      isPermissionAllowed({
        permission: 'media',
        url: 'https://evil.example/capture.html',
        captureUrl,
        dashboardUrl,
        mediaTypes: ['video'],
      }),
    ).toBe(false);
    expect(isPermissionAllowed({ permission: 'media', url: '', captureUrl, dashboardUrl, mediaTypes: ['video'] })).toBe(
      false,
    );
  });

  it('refuses media of no stated or unknown type', () => {
    expect(
      isPermissionAllowed({ permission: 'media', url: captureUrl, captureUrl, dashboardUrl, mediaTypes: [] }),
    ).toBe(false);
    expect(
      isPermissionAllowed({ permission: 'media', url: captureUrl, captureUrl, dashboardUrl, mediaTypes: ['unknown'] }),
    ).toBe(false);
    expect(
      isPermissionAllowed({
        permission: 'media',
        url: captureUrl,
        captureUrl,
        dashboardUrl,
        mediaTypes: ['video', 'unknown'],
      }),
    ).toBe(false);
  });

  it('refuses every other permission, to every page', () => {
    for (const permission of ['notifications', 'display-capture', 'geolocation', 'clipboard-read', 'openExternal']) {
      expect(
        isPermissionAllowed({ permission, url: captureUrl, captureUrl, dashboardUrl, mediaTypes: ['video'] }),
      ).toBe(false);
      expect(isPermissionAllowed({ permission, url: dashboardUrl, captureUrl, dashboardUrl, mediaTypes: [] })).toBe(
        false,
      );
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
