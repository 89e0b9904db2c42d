/**
 * Timed pauses from the tray ("pause for 15 minutes", "until tomorrow"). The resume time is absolute and
 * re-checked at least every `checkEveryMs`, so a machine that slept through the deadline resumes soon
 * after waking instead of a full timer later.
 */
import type { Clock, TimerHandle } from '../shared/clock';

export interface PauseTimerOptions {
  clock: Clock;
  /** Applies the pause (AppService.setPaused). */
  setPaused: (paused: boolean) => unknown;
  /** Longest single wait before re-checking the deadline, ms (default 60 000). */
  checkEveryMs?: number;
  /** Told when setPaused rejects (default: ignored). */
  onError?: (err: unknown) => void;
}

export class PauseTimer {
  private until: number | null = null;
  private timer: TimerHandle | null = null;
  private applying = false;

  constructor(private readonly opts: PauseTimerOptions) {}

  /** Unix ms at which the current timed pause ends, or null. */
  get pausedUntil(): number | null {
    return this.until;
  }

  pauseFor(ms: number): void {
    this.pauseUntil(this.opts.clock.now() + ms);
  }

  pauseUntilTomorrow(): void {
    this.pauseUntil(nextLocalMidnight(this.opts.clock.now()));
  }

  pauseUntil(t: number): void {
    this.until = t;
    this.apply(true);
    this.arm();
  }

  resume(): void {
    this.clear();
    this.apply(false);
  }

  /** Resumes if the deadline has passed (also call it when the machine wakes or unlocks). */
  check(): void {
    if (this.until === null) return;
    if (this.opts.clock.now() >= this.until) this.resume();
    else this.arm();
  }

  /**
   * The paused state changed (AppService's onPausedChange). A change made elsewhere, e.g. from the
   * dashboard, replaces any timed pause.
   */
  pausedChanged(_paused: boolean): void {
    if (!this.applying) this.clear();
  }

  dispose(): void {
    this.clear();
  }

  private arm(): void {
    if (this.timer) this.opts.clock.clearTimeout(this.timer);
    this.timer = null;
    if (this.until === null) return;
    const remaining = this.until - this.opts.clock.now();
    if (remaining <= 0) {
      this.resume();
      return;
    }
    this.timer = this.opts.clock.setTimeout(
      () => {
        this.timer = null;
        this.check();
      },
      Math.min(remaining, this.opts.checkEveryMs ?? 60_000),
    );
  }

  private clear(): void {
    if (this.timer) this.opts.clock.clearTimeout(this.timer);
    this.timer = null;
    this.until = null;
  }

  private apply(paused: boolean): void {
    this.applying = true;
    try {
      Promise.resolve(this.opts.setPaused(paused)).catch((err: unknown) => this.opts.onError?.(err));
    } catch (err) {
      this.opts.onError?.(err);
    } finally {
      this.applying = false;
    }
  }
}

/** The next local midnight after `now` (DST-aware: Date does the calendar arithmetic). */
export function nextLocalMidnight(now: number): number {
  const d = new Date(now);
  d.setHours(24, 0, 0, 0);
  return d.getTime();
}
