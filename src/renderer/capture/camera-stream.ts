/**
 * The camera stream of the capture running in this page, for the dashboard's preview: in the headless host the
 * dashboard is also the capture page, so the preview shows the very stream that is analysed rather than opening
 * the camera twice. Page-local: under Electron the capture runs in the hidden page and nothing is reported here.
 */

let capturePage = false;
let current: MediaStream | null = null;
const listeners = new Set<(stream: MediaStream | null) => void>();

/** The capture in this page reports its stream when the camera opens, and null when it is released. */
export function reportCameraStream(stream: MediaStream | null): void {
  capturePage = true;
  current = stream;
  for (const listener of listeners) listener(stream);
}

/** True once a capture has run in this page (it then owns the camera; see {@link reportCameraStream}). */
export function isCapturePage(): boolean {
  return capturePage;
}

/** Calls `listener` now and on every change; returns the unsubscribe function. */
export function onCameraStream(listener: (stream: MediaStream | null) => void): () => void {
  listeners.add(listener);
  listener(current);
  return () => listeners.delete(listener);
}
