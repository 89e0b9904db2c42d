import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../shared/clock';
import { Reconnection } from './reconnection';

function setup(backoff?: { initialMs?: number; maxMs?: number; factor?: number }) {
  const clock = new ManualClock(0);
  const tries: number[] = [];
  const reconnection = new Reconnection({ clock, backoff, connect: () => tries.push(clock.now()) });
  return { clock, tries, reconnection };
}

describe('Reconnection', () => {
  it('retries after 0.5 s, 1 s, 2 s … on the injected clock', () => {
    const { clock, tries, reconnection } = setup();
    for (let i = 0; i < 4; i++) {
      reconnection.dropped();
      clock.advance(20_000);
    }
    // Each try starts when the previous one was scheduled plus its delay.
    expect(tries).toEqual([500, 20_000 + 1_000, 40_000 + 2_000, 60_000 + 4_000]);
  });

  it('does not try before the delay is up', () => {
    const { clock, tries, reconnection } = setup();
    reconnection.dropped();
    clock.advance(499);
    expect(tries).toEqual([]);
    expect(reconnection.waiting).toBe(true);
    clock.advance(1);
    expect(tries).toEqual([500]);
    expect(reconnection.waiting).toBe(false);
  });

  it('starts again from the shortest delay after a successful open', () => {
    const { clock, tries, reconnection } = setup();
    reconnection.dropped();
    clock.advance(500);
    reconnection.dropped();
    clock.advance(1_000);
    reconnection.opened();
    reconnection.dropped();
    clock.advance(500);
    expect(tries).toEqual([500, 1_500, 2_000]);
  });

  it('caps the delay at 10 s', () => {
    const { clock, tries, reconnection } = setup();
    for (let i = 0; i < 10; i++) {
      reconnection.dropped();
      clock.advance(10_000);
    }
    tries.length = 0;
    const start = clock.now();
    reconnection.dropped();
    clock.advance(9_999);
    expect(tries).toEqual([]);
    clock.advance(1);
    expect(tries).toEqual([start + 10_000]);
  });

  it('uses the back-off options it is given', () => {
    const { clock, tries, reconnection } = setup({ initialMs: 100, factor: 3, maxMs: 500 });
    for (let i = 0; i < 3; i++) {
      reconnection.dropped();
      clock.advance(1_000);
    }
    expect(tries).toEqual([100, 1_000 + 300, 2_000 + 500]);
  });

  it('stop() cancels the scheduled try and refuses later ones', () => {
    const { clock, tries, reconnection } = setup();
    reconnection.dropped();
    reconnection.stop();
    clock.advance(60_000);
    reconnection.dropped();
    clock.advance(60_000);
    expect(tries).toEqual([]);
    expect(reconnection.waiting).toBe(false);
  });
});
