import { describe, expect, it } from 'vitest';
import { TokenBucket } from './ingest-rate';

describe('TokenBucket', () => {
  it('admits a burst, then refills at the sustained rate', () => {
    let now = 0;
    const bucket = new TokenBucket(() => now, { perSecond: 5_000, burst: 10_000 });
    expect(bucket.take(10_000)).toEqual({ ok: true });
    expect(bucket.take(1)).toEqual({ ok: false, retryAfterMs: 1 });
    now = 500; // 2 500 tokens back
    expect(bucket.take(3_000)).toEqual({ ok: false, retryAfterMs: 100 });
    expect(bucket.take(2_500)).toEqual({ ok: true });
  });

  it('never holds more than the burst', () => {
    let now = 0;
    const bucket = new TokenBucket(() => now, { perSecond: 10, burst: 20 });
    now = 1_000_000;
    expect(bucket.take(21).ok).toBe(false);
    expect(bucket.take(20).ok).toBe(true);
  });

  it('takes nothing from a refused request', () => {
    const bucket = new TokenBucket(() => 0, { perSecond: 1, burst: 5 });
    expect(bucket.take(6).ok).toBe(false);
    expect(bucket.take(5).ok).toBe(true);
  });
});
