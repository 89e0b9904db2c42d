/**
 * A token bucket counting messages (not requests), so one request of 5,000 lines costs as much as 5,000
 * requests of one. Pure: time comes from the injected clock.
 */
export interface RateOptions {
  /** Sustained messages per second (default 5 000). */
  perSecond?: number;
  /** Messages that may arrive at once after a quiet spell (default 10 000). */
  burst?: number;
}

export type RateDecision = { ok: true } | { ok: false; retryAfterMs: number };

export class TokenBucket {
  private readonly perSecond: number;
  readonly burst: number;
  private tokens: number;
  private last: number;

  constructor(
    private readonly now: () => number,
    options: RateOptions = {},
  ) {
    this.perSecond = options.perSecond ?? 5_000;
    this.burst = options.burst ?? 10_000;
    this.tokens = this.burst;
    this.last = now();
  }

  /** Takes `n` tokens if all are there; otherwise takes none and says when they will be. */
  take(n: number): RateDecision {
    const t = this.now();
    if (t > this.last) {
      this.tokens = Math.min(this.burst, this.tokens + ((t - this.last) / 1000) * this.perSecond);
      this.last = t;
    }
    if (n <= this.tokens) {
      this.tokens -= n;
      return { ok: true };
    }
    const missing = Math.min(n, this.burst) - this.tokens;
    return { ok: false, retryAfterMs: Math.ceil((missing / this.perSecond) * 1000) };
  }
}
