/** Reconnect delays: exponential, capped. No jitter: there is one local client per host, nothing to spread out. */
export interface BackoffOptions {
  /** Delay before the first retry, in ms. Default 500. */
  initialMs?: number;
  /** Longest delay, in ms. Default 10 000. */
  maxMs?: number;
  /** Growth per failed attempt. Default 2. */
  factor?: number;
}

/** Delay before retry number `attempt` (0 for the first retry), in ms. */
export function backoffDelay(attempt: number, options: BackoffOptions = {}): number {
  const { initialMs = 500, maxMs = 10_000, factor = 2 } = options;
  return Math.min(maxMs, initialMs * factor ** Math.max(0, attempt));
}
