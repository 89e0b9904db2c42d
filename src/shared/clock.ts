/** Time and timers, injected so that logic can be tested on a simulated clock. */
export interface Clock {
  /** Unix time in milliseconds. */
  now(): number;
  setTimeout(fn: () => void, ms: number): TimerHandle;
  clearTimeout(handle: TimerHandle): void;
}

export type TimerHandle = { readonly id: unknown };

export const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => ({ id: globalThis.setTimeout(fn, ms) }),
  clearTimeout: (handle) => globalThis.clearTimeout(handle.id as ReturnType<typeof globalThis.setTimeout>),
};

/** A clock that only moves when told to: for tests and for `analyze` on recorded media. */
export class ManualClock implements Clock {
  private time: number;
  private timers: { at: number; fn: () => void; handle: TimerHandle }[] = [];

  constructor(start = 0) {
    this.time = start;
  }

  now(): number {
    return this.time;
  }

  setTimeout(fn: () => void, ms: number): TimerHandle {
    const handle: TimerHandle = { id: Symbol('timer') };
    this.timers.push({ at: this.time + Math.max(0, ms), fn, handle });
    return handle;
  }

  clearTimeout(handle: TimerHandle): void {
    this.timers = this.timers.filter((t) => t.handle !== handle);
  }

  /** Moves time forward, firing due timers in order. */
  advance(ms: number): void {
    const end = this.time + ms;
    for (;;) {
      this.timers.sort((a, b) => a.at - b.at);
      const next = this.timers[0];
      if (!next || next.at > end) break;
      this.timers.shift();
      this.time = next.at;
      next.fn();
    }
    this.time = end;
  }
}

/**
 * Wall time plus an offset that only moves forward: the engine's clock under end-to-end tests, so a test can
 * live through a prompt's window and cooldown in seconds while timers still run on real time.
 */
export class OffsetClock implements Clock {
  private offset = 0;

  constructor(private readonly base: Clock = systemClock) {}

  now(): number {
    return this.base.now() + this.offset;
  }

  setTimeout(fn: () => void, ms: number): TimerHandle {
    return this.base.setTimeout(fn, ms);
  }

  clearTimeout(handle: TimerHandle): void {
    this.base.clearTimeout(handle);
  }

  /** Moves time forward by `ms` (≥ 0). */
  skip(ms: number): void {
    this.offset += Math.max(0, ms);
  }
}
