/** The tray adapter: an Electron Tray whose menu and tooltip follow the app status (see tray-menu.ts). */
import { Menu, Tray, nativeImage, type NativeImage } from 'electron';
import type { AppStatus, LiveMood } from '../shared/mood';
import { buildTrayMenu, statusLine, trayTooltip, type TrayActions } from './tray-menu';
import { TRAY_ICON_SIZE, trayIconBitmap } from './tray-icon';

/** A 16-DIP icon drawn at 2× so it stays crisp on high-DPI screens; Electron scales it down elsewhere. */
function icon(paused: boolean): NativeImage {
  const side = TRAY_ICON_SIZE * 2;
  return nativeImage.createFromBitmap(Buffer.from(trayIconBitmap(paused, side)), {
    width: side,
    height: side,
    scaleFactor: 2,
  });
}

export class AttuneTray {
  private readonly tray: Tray;
  private shown: { line: string; tooltip: string; paused: boolean } | null = null;

  constructor(
    private readonly actions: TrayActions,
    status: AppStatus,
  ) {
    this.tray = new Tray(icon(status.paused));
    // Windows and some Linux desktops open the dashboard on a plain click.
    this.tray.on('click', () => actions.openDashboard());
    this.update(status, null);
  }

  /** Rebuilds the menu only when what it shows changed: mood events arrive often. */
  update(status: AppStatus, mood: LiveMood | null): void {
    const next = { line: statusLine(status, mood), tooltip: trayTooltip(status, mood), paused: status.paused };
    const last = this.shown;
    if (last && last.line === next.line && last.tooltip === next.tooltip && last.paused === next.paused) return;
    // The constructor drew the first icon; redraw only when the pause flips.
    if (last && last.paused !== next.paused) this.tray.setImage(icon(next.paused));
    this.tray.setContextMenu(Menu.buildFromTemplate(buildTrayMenu(status, mood, this.actions)));
    this.tray.setToolTip(next.tooltip);
    this.shown = next;
  }

  destroy(): void {
    this.tray.destroy();
  }
}
