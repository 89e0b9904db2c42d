import { describe, expect, it } from 'vitest';
import { cameraErrorKind, cameraStateFromError, isRetryable } from './camera-errors';

describe('cameraStateFromError', () => {
  it.each([
    ['NotAllowedError', 'denied'],
    ['SecurityError', 'denied'],
    ['NotReadableError', 'busy'],
    ['TrackStartError', 'busy'],
    ['AbortError', 'busy'],
    ['NotFoundError', 'unavailable'],
    ['OverconstrainedError', 'unavailable'],
  ] as const)('maps %s to %s', (name, state) => {
    expect(cameraStateFromError(new DOMException('x', name))).toBe(state);
  });

  it('reads the name of plain objects too (errors from another realm)', () => {
    expect(cameraStateFromError({ name: 'NotAllowedError' })).toBe('denied');
  });

  it('treats anything else as unavailable', () => {
    expect(cameraStateFromError(new TypeError('no mediaDevices'))).toBe('unavailable');
    expect(cameraStateFromError('boom')).toBe('unavailable');
    expect(cameraStateFromError(null)).toBe('unavailable');
  });
});

describe('cameraErrorKind and isRetryable', () => {
  it('names the envelope kinds for refused and busy cameras', () => {
    expect(cameraErrorKind('denied')).toBe('camera-denied');
    expect(cameraErrorKind('busy')).toBe('camera-busy');
    expect(cameraErrorKind('on')).toBeNull();
  });

  it('retries only what may fix itself', () => {
    expect(isRetryable('busy')).toBe(true);
    expect(isRetryable('unavailable')).toBe(true);
    expect(isRetryable('denied')).toBe(false);
    expect(isRetryable('paused')).toBe(false);
  });
});
