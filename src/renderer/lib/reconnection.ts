/**
 * When the host client tries again after its socket drops: exponential back-off (see backoff.ts), reset by a
 * successful open, on an injected {@link Clock} so a test can live through the retries on a ManualClock.
 */
import type { Clock, TimerHandle } from '../../shared/clock';
import { backoffDelay, type BackoffOptions } from './backoff';

export interface ReconnectionOptions {
  clock: Clock;
  backoff?: BackoffOptions;
  /** Opens a new socket; called by the timer after each drop. */
  connect(): void;
}

export class Reconnection {
  private attempt = 0;
  private timer: TimerHandle | null = null;
  private stopped = false;

  constructor(private readonly options: ReconnectionOptions) {}

  /** The socket opened: the next drop retries after the shortest delay again. */
  opened(): void {
    this.attempt = 0;
  }

  /** The socket dropped: schedules the next try, each one waiting longer up to the cap. Not after {@link stop}. */
  dropped(): void {
    if (this.stopped) return;
    const delay = backoffDelay(this.attempt, this.options.backoff);
    this.attempt += 1;
    this.timer = this.options.clock.setTimeout(() => {
      this.timer = null;
      this.options.connect();
    }, delay);
  }

  /** No more tries (closed by the page, or the token was refused); cancels a scheduled one. */
  stop(): void {
    this.stopped = true;
    if (this.timer !== null) this.options.clock.clearTimeout(this.timer);
    this.timer = null;
  }

  /** A try is scheduled (for tests). */
  get waiting(): boolean {
    return this.timer !== null;
  }
}
