import { describe, expect, it } from 'vitest';
import { ProgressBar, progressLine } from './progress';

function fakeStream(isTTY: boolean) {
  const writes: string[] = [];
  return { writes, stream: { isTTY, write: (chunk: string) => writes.push(chunk) > 0 } };
}

function manualClock() {
  const clock = { t: 0, now: () => clock.t };
  return clock;
}

describe('progressLine', () => {
  it('draws the bar, counts, percent and time left', () => {
    // 6 of 24 done in 3 s → 0.5 s each → 18 left take 9 s.
    expect(progressLine('face', 6, 24, 3000)).toBe('face [######------------------] 6/24 25% 0:09 left');
    expect(progressLine('voice', 0, 0, 0)).toBe('voice [########################] 0/0 100%');
  });
});

describe('ProgressBar', () => {
  it('stays quiet during the first second, then redraws in place and ends the line', () => {
    const { writes, stream } = fakeStream(true);
    const clock = manualClock();
    const bar = new ProgressBar('face', { stream, now: clock.now });
    clock.t = 500;
    bar.update(1, 4);
    expect(writes).toEqual([]);
    clock.t = 1000;
    bar.update(2, 4);
    clock.t = 1050;
    bar.update(3, 4); // within the 100 ms redraw interval: skipped
    clock.t = 1200;
    bar.update(4, 4);
    bar.finish();
    expect(writes).toEqual([
      '\rface [############------------] 2/4 50% 0:01 left',
      '\rface [########################] 4/4 100% 0:00 left',
      '\rface [########################] 4/4 100% 0:00 left',
      '\n',
    ]);
  });

  it('pads a shorter line over a longer one', () => {
    const { writes, stream } = fakeStream(true);
    const clock = manualClock();
    const bar = new ProgressBar('x', { stream, now: clock.now, delayMs: 0, intervalMs: 0 });
    clock.t = 1_000_000;
    bar.update(1, 100); // 99 left at 1000 s each: 1650:00
    bar.update(99, 100); // 1 left at 1_000_000/99 ms: 0:10
    const [first, second] = writes;
    expect(first).toBe('\rx [------------------------] 1/100 1% 1650:00 left');
    expect(second).toBe('\rx [#######################-] 99/100 99% 0:10 left ');
  });

  it('draws nothing when the stream is not a terminal, unless forced', () => {
    const quiet = fakeStream(false);
    const clock = manualClock();
    const bar = new ProgressBar('face', { stream: quiet.stream, now: clock.now });
    clock.t = 5000;
    bar.update(1, 2);
    bar.finish();
    expect(quiet.writes).toEqual([]);

    const forced = fakeStream(false);
    const shown = new ProgressBar('face', { stream: forced.stream, now: clock.now, force: true });
    clock.t = 7000;
    shown.update(1, 2);
    expect(forced.writes).toHaveLength(1);
  });
});
