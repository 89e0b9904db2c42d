/**
 * The tray adapter: an Electron Tray whose icon, menu and tooltip follow the app status and the mood
 * (see tray-menu.ts for the menu, tray-icon.ts for which icon).
 */
import { Menu, Tray, nativeImage, type NativeImage } from 'electron';
import type { SensorSettings } from '../shared/history-api';
import type { AppStatus, LiveMood } from '../shared/mood';
import { buildTrayMenu, statusLine, trayTooltip, type TrayActions } from './tray-menu';
import { TRAY_ICON_SIZE, trayIconBitmap, trayIconState, type TrayIconState } from './tray-icon';

/** A 16-DIP icon drawn at 2× so it stays crisp on high-DPI screens; Electron scales it down elsewhere. */
function icon(state: TrayIconState): NativeImage {
  const side = TRAY_ICON_SIZE * 2;
  return nativeImage.createFromBitmap(Buffer.from(trayIconBitmap(state, side)), {
    width: side,
    height: side,
    scaleFactor: 2,
  });
}

interface Shown {
  line: string;
  tooltip: string;
  icon: TrayIconState;
  /** Resume is enabled only while paused. */
  paused: boolean;
}

export class AttuneTray {
  private readonly tray: Tray;
  private shown: Shown | null = null;
  private status: AppStatus;
  private mood: LiveMood | null = null;
  private sensorsOff = false;

  constructor(
    private readonly actions: TrayActions,
    status: AppStatus,
  ) {
    this.status = status;
    this.tray = new Tray(icon(trayIconState(status, null)));
    // Windows and some Linux desktops open the dashboard on a plain click.
    this.tray.on('click', () => actions.openDashboard());
    this.update(status, null);
  }

  /** From the app's `status` events. */
  setStatus(status: AppStatus): void {
    this.update(status, this.mood, this.sensorsOff);
  }

  /** From the app's `mood` events. */
  setMood(mood: LiveMood): void {
    this.update(this.status, mood, this.sensorsOff);
  }

  /** From the sensor settings (the `sensors` event, or read once the engine is ready). */
  setSensors(sensors: Pick<SensorSettings, 'camera' | 'microphone'>): void {
    this.update(this.status, this.mood, !sensors.camera && !sensors.microphone);
  }

  /**
   * Redraws only what changed: mood events arrive up to once a second, the icon and menu change far less.
   * `sensorsOff`: every sensor is switched off in settings (default false).
   */
  update(status: AppStatus, mood: LiveMood | null, sensorsOff = false): void {
    this.status = status;
    this.mood = mood;
    this.sensorsOff = sensorsOff;
    const next: Shown = {
      line: statusLine(status, mood, sensorsOff),
      tooltip: trayTooltip(status, mood, sensorsOff),
      icon: trayIconState(status, mood, sensorsOff),
      paused: status.paused,
    };
    const last = this.shown;
    // The constructor drew the first icon.
    if (last && last.icon !== next.icon) this.tray.setImage(icon(next.icon));
    if (!last || last.line !== next.line || last.paused !== next.paused) {
      this.tray.setContextMenu(Menu.buildFromTemplate(buildTrayMenu(status, mood, this.actions, sensorsOff)));
    }
    if (!last || last.tooltip !== next.tooltip) this.tray.setToolTip(next.tooltip);
    this.shown = next;
  }

  destroy(): void {
    this.tray.destroy();
  }
}
