import type { ErrorKind } from '../../shared/envelope';
import type { CameraState } from '../../shared/mood';

/**
 * Maps a getUserMedia failure to what the camera is doing. Matches on the DOMException `name`
 * (duck-typed, so errors from other realms and test fakes work too).
 * Unknown failures count as `unavailable`: the camera cannot be used, and nothing suggests why.
 */
export function cameraStateFromError(err: unknown): CameraState {
  const name = typeof err === 'object' && err !== null && 'name' in err ? String(err.name) : '';
  switch (name) {
    case 'NotAllowedError':
    case 'SecurityError':
      return 'denied';
    // Another program holds the camera: NotReadableError today, TrackStartError in older Chromium builds.
    case 'NotReadableError':
    case 'TrackStartError':
    case 'AbortError':
      return 'busy';
    case 'NotFoundError':
    case 'OverconstrainedError':
      return 'unavailable';
    default:
      return 'unavailable';
  }
}

/** The envelope error kind a camera state stands for, if it is a failure the UI must explain. */
export function cameraErrorKind(state: CameraState): ErrorKind | null {
  if (state === 'denied') return 'camera-denied';
  if (state === 'busy') return 'camera-busy';
  return null;
}

/** States worth trying again later without asking the user: the camera may be freed or plugged in. */
export function isRetryable(state: CameraState): boolean {
  return state === 'busy' || state === 'unavailable';
}
