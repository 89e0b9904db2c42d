/** What the camera preview shows instead of video, when it cannot or must not show any. Pure. */
import type { AppStatus, CameraState } from '../../shared/mood';

/** The preview's picture: video, or a sentence saying why there is none. */
export type PreviewShown = { kind: 'video' } | { kind: 'words'; state: string; text: string };

const QUIET_WORDS: Partial<Record<CameraState, string>> = {
  off: 'The camera is off in Settings, so there is nothing to preview.',
  starting: 'Starting the camera…',
  denied: 'Camera permission was refused, so there is nothing to preview.',
  busy: 'The camera is used by another app.',
  unavailable: 'No camera found.',
};

/**
 * Video only while Attune is looking: connected, not paused, the camera on. A paused Attune shows no picture
 * (the camera is released while paused), and neither does a camera switched off in Settings.
 */
export function previewShown(status: AppStatus | null, linked: boolean): PreviewShown {
  if (!linked || status === null) return { kind: 'words', state: 'waiting', text: 'Waiting for Attune…' };
  if (status.paused) return { kind: 'words', state: 'paused', text: 'Paused: the camera is off until you resume.' };
  if (status.camera === 'on') return { kind: 'video' };
  return { kind: 'words', state: status.camera, text: QUIET_WORDS[status.camera] ?? 'The camera is not on.' };
}

/**
 * Words for the preview's own stream failing to open (only a page that does not capture opens one: the Electron
 * dashboard). The analysis runs elsewhere and is unaffected, so the words are about the preview alone.
 */
export function previewProblemWords(state: CameraState): string {
  if (state === 'denied')
    return 'This window was not allowed to show the camera. Attune goes on reading your expressions.';
  if (state === 'busy') return 'The camera is used by another app, so the preview cannot show it.';
  return 'The preview could not open the camera.';
}
