/**
 * What the tray shows: a status line, pause and resume, a check-in, the dashboard, quit. Pure: the adapter
 * (tray.ts) turns the template into an Electron menu and the actions into real effects.
 */
import type { MoodLabel } from '../shared/labels';
import type { AppStatus, CameraState, LiveMood } from '../shared/mood';

/** The subset of Electron's MenuItemConstructorOptions the tray uses. */
export interface TrayMenuItem {
  label?: string;
  type?: 'normal' | 'separator';
  enabled?: boolean;
  click?: () => void;
}

export interface TrayActions {
  /** Pauses now and resumes after `ms` milliseconds. */
  pauseFor(ms: number): void;
  pauseUntilTomorrow(): void;
  resume(): void;
  /**
   * Opens or focuses the dashboard; with a section, scrolled to it and focused (the dashboard reads it from
   * the URL fragment, e.g. `#check-in`).
   */
  openDashboard(section?: DashboardSection): void;
  quit(): void;
}

/** Parts of the dashboard the tray can open directly. */
export type DashboardSection = 'check-in';

export const MINUTE_MS = 60_000;
export const HOUR_MS = 60 * MINUTE_MS;

const CAMERA_TEXT: Record<CameraState, string> = {
  off: 'camera off',
  starting: 'camera starting',
  on: 'camera on',
  denied: 'camera blocked',
  busy: 'camera busy',
  unavailable: 'no camera',
  paused: 'camera paused',
};

export function moodName(label: MoodLabel | undefined): string {
  if (!label || label === 'unknown') return '—';
  return label.charAt(0).toUpperCase() + label.slice(1);
}

/**
 * The first, disabled line of the menu, e.g. "Mood: Happy · camera on" or "Paused". `sensorsOff`: the
 * person switched every sensor off in settings (default false).
 */
export function statusLine(status: AppStatus, mood: LiveMood | null, sensorsOff = false): string {
  if (status.paused) return 'Paused';
  if (sensorsOff && status.engine === 'ready') return 'Sensors off';
  switch (status.engine) {
    case 'failed':
      return 'Analysis unavailable';
    case 'starting':
    case 'restarting':
    case 'stopped':
      return 'Starting…';
    case 'ready':
      return `Mood: ${moodName(mood?.label)}${mood?.away ? ' (away)' : ''} · ${CAMERA_TEXT[status.camera]}`;
  }
}

export function trayTooltip(status: AppStatus, mood: LiveMood | null, sensorsOff = false): string {
  if (status.paused) return 'Attune — paused';
  if (sensorsOff) return 'Attune — sensors off';
  if (status.engine !== 'ready' || !mood || mood.label === 'unknown') return 'Attune';
  return `Attune — ${moodName(mood.label)}${mood.away ? ' (away)' : ''}`;
}

export function buildTrayMenu(
  status: AppStatus,
  mood: LiveMood | null,
  actions: TrayActions,
  sensorsOff = false,
): TrayMenuItem[] {
  return [
    { label: statusLine(status, mood, sensorsOff), enabled: false },
    { type: 'separator' },
    { label: 'Pause for 15 minutes', click: () => actions.pauseFor(15 * MINUTE_MS) },
    { label: 'Pause for 1 hour', click: () => actions.pauseFor(HOUR_MS) },
    { label: 'Pause until tomorrow', click: () => actions.pauseUntilTomorrow() },
    { label: 'Resume', enabled: status.paused, click: () => actions.resume() },
    { type: 'separator' },
    { label: 'Check in…', click: () => actions.openDashboard('check-in') },
    { label: 'Open dashboard', click: () => actions.openDashboard() },
    { label: 'Quit Attune', click: () => actions.quit() },
  ];
}
