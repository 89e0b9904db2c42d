/**
 * The microphone state of the capture running in this page, for the dashboard's voice card. Page-local:
 * under Electron the capture runs in the hidden page, so the dashboard's copy stays null (not known here).
 */
import type { MicrophoneState } from './microphone';

let current: MicrophoneState | null = null;
const listeners = new Set<(state: MicrophoneState | null) => void>();

export function reportMicrophone(state: MicrophoneState): void {
  current = state;
  for (const listener of listeners) listener(state);
}

/** Calls `listener` now and on every change; returns the unsubscribe function. */
export function onMicrophone(listener: (state: MicrophoneState | null) => void): () => void {
  listeners.add(listener);
  listener(current);
  return () => listeners.delete(listener);
}
