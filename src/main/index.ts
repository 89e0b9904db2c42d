/**
 * Electron entry: in the first instance, once Electron is ready, a DesktopApp (desktop-app.ts) on Electron's
 * ports (desktop-deps.ts), the system clock and a stderr logger. Pass --hidden to start in the tray only (as the
 * login item does); ATTUNE_LOG_LEVEL sets the log level (default info).
 */
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { systemClock } from '../shared/clock';
import { DesktopApp } from './desktop-app';
import { electronPorts, whenFirstInstanceReady } from './desktop-deps';
import { createLogger, isLogLevel } from './logger';

const envLevel = process.env.ATTUNE_LOG_LEVEL;
const logger = createLogger({ level: isLogLevel(envLevel) ? envLevel : 'info' });
let desktop: DesktopApp | null = null;

whenFirstInstanceReady({
  start: () => {
    const ports = electronPorts(dirname(fileURLToPath(import.meta.url)), process.env.ELECTRON_RENDERER_URL);
    desktop = new DesktopApp(ports, { clock: systemClock, logger });
    desktop.start();
  },
  onSecondLaunch: (argv) => desktop?.secondLaunch(argv),
  onActivate: () => desktop?.showDashboard(),
  onStartFailed: (err) =>
    logger.error(`startup failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`),
});
