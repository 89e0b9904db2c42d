/**
 * What the desktop tells main about the person's situation, for the break-prompt policy: locked, idle,
 * in a meeting, full screen (see Environment in src/shared/prompts.ts). Pure of electron: index.ts passes
 * Electron's powerMonitor, tests pass a fake one and a ManualClock.
 *
 * What the platform lets us know, honestly:
 * - locked: Electron's 'lock-screen' / 'unlock-screen' (macOS, Windows; not every Linux desktop) and, as
 *   a second source, 'suspend' / 'resume'. The two are kept apart: a machine that locked, slept and woke
 *   is still locked until 'unlock-screen'. Where locking is not reported, the idle rule usually covers it.
 * - idle: powerMonitor.getSystemIdleTime() (seconds since the last keyboard or mouse input, all desktops).
 * - meeting: only "another app holds the camera", which the capture page learns when opening the camera
 *   fails with the device busy (camera state 'busy'). On Windows that is the common case in a call; on
 *   macOS and Linux a camera can often be shared, so a call may go unnoticed. Whether another app uses the
 *   microphone is not observable from Electron at all (opening it succeeds while others use it), so the
 *   microphone tells us nothing here.
 * - fullscreen: other apps' full-screen state is not observable portably (Electron only knows its own
 *   windows; the OS hints, e.g. Windows' SHQueryUserNotificationState, need native code), so `fullscreen`
 *   stays false.
 */
import type { Clock, TimerHandle } from '../shared/clock';
import type { CameraState } from '../shared/mood';
import type { Environment } from '../shared/prompts';

export type PowerEvent = 'lock-screen' | 'unlock-screen' | 'suspend' | 'resume';

/** The part of Electron's powerMonitor the watcher needs. */
export interface PowerMonitorLike {
  on(event: PowerEvent, listener: () => void): unknown;
  removeListener(event: PowerEvent, listener: () => void): unknown;
  /** Seconds since the last keyboard or mouse input. */
  getSystemIdleTime(): number;
}

/**
 * Five minutes without input counts as away: long enough that reading, thinking or a short call without
 * typing do not count (a prompt then is still welcome), short enough that someone who walked off does not
 * come back to a prompt meant for an empty chair. It matches common screen-saver defaults.
 */
export const DEFAULT_IDLE_AFTER_SECONDS = 300;

/**
 * A poll every 15 s keeps the idle flag at most 15 s late, which is small beside the 10-minute persistence
 * window and the 5-minute idle threshold, while costing one cheap OS call.
 */
export const DEFAULT_POLL_MS = 15_000;

export interface EnvironmentWatcherOptions {
  power: PowerMonitorLike;
  clock: Clock;
  /** Told of the new environment whenever any field changed (never for a repeat). */
  onChange: (environment: Environment) => void;
  /** Input-free time after which the person counts as idle, seconds (default 300). */
  idleAfterSeconds?: number;
  /** How often the idle time is read, ms (default 15 000). */
  pollMs?: number;
}

export class EnvironmentWatcher {
  private screenLocked = false;
  private suspended = false;
  private idle = false;
  private cameraBusy = false;
  private last: Environment;
  private timer: TimerHandle | null = null;
  private started = false;
  private disposed = false;
  private readonly listeners: [PowerEvent, () => void][] = [
    ['lock-screen', () => this.powerChanged(() => (this.screenLocked = true))],
    ['suspend', () => this.powerChanged(() => (this.suspended = true))],
    // Unlocking or waking means someone is back (or about to be): idle is read again at once.
    ['unlock-screen', () => this.powerChanged(() => (this.screenLocked = false))],
    ['resume', () => this.powerChanged(() => (this.suspended = false))],
  ];

  constructor(private readonly opts: EnvironmentWatcherOptions) {
    this.last = this.current();
  }

  /**
   * Listens to the power monitor and reads the idle time now and every `pollMs`. Starts from the quiet
   * environment (nothing going on), so onChange comes at once only when the person is already idle.
   */
  start(): void {
    if (this.started || this.disposed) return;
    this.started = true;
    for (const [event, listener] of this.listeners) this.opts.power.on(event, listener);
    this.poll();
  }

  /** The environment as last reported (or as it stood at construction). */
  get environment(): Environment {
    return { ...this.last };
  }

  /** The camera state from the app status: 'busy' means another app holds the camera. */
  setCameraState(state: CameraState): void {
    this.cameraBusy = state === 'busy';
    if (this.started) this.report();
  }

  /** Stops polling and listening; later events change nothing. */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    if (this.timer) this.opts.clock.clearTimeout(this.timer);
    this.timer = null;
    for (const [event, listener] of this.listeners) this.opts.power.removeListener(event, listener);
  }

  private powerChanged(apply: () => void): void {
    if (this.disposed) return;
    apply();
    // Re-reads idle and re-arms the timer, so the next poll is a full period after this one.
    this.poll();
  }

  private poll(): void {
    if (this.disposed) return;
    if (this.timer) this.opts.clock.clearTimeout(this.timer);
    const idleAfter = this.opts.idleAfterSeconds ?? DEFAULT_IDLE_AFTER_SECONDS;
    this.idle = this.opts.power.getSystemIdleTime() >= idleAfter;
    this.report();
    this.timer = this.opts.clock.setTimeout(() => {
      this.timer = null;
      this.poll();
    }, this.opts.pollMs ?? DEFAULT_POLL_MS);
  }

  private current(): Environment {
    return {
      locked: this.screenLocked || this.suspended,
      idle: this.idle,
      meeting: this.cameraBusy,
      fullscreen: false,
    };
  }

  private report(): void {
    if (this.disposed) return;
    const next = this.current();
    const prev = this.last;
    if (
      next.locked === prev.locked &&
      next.idle === prev.idle &&
      next.meeting === prev.meeting &&
      next.fullscreen === prev.fullscreen
    ) {
      return;
    }
    this.last = next;
    this.opts.onChange({ ...next });
  }
}
