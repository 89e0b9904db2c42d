import { describe, expect, it } from 'vitest';
import type { MoodLabel } from '../../shared/labels';
import { OutcomeWatch } from './outcome';

const MIN = 60_000;
const face = { face: 1, voice: 0, text: 0 };

function live(w: OutcomeWatch, from: number, to: number, label: MoodLabel): ReturnType<OutcomeWatch['check']> {
  let verdict = w.check(from);
  for (let t = from; t <= to && !verdict.done; t += 1_000) {
    w.record({ t, label, confidence: 0.6, shares: face });
    verdict = w.check(t);
  }
  return verdict;
}

describe('OutcomeWatch', () => {
  it('recovers once the reason falls below the share threshold in the lookback', () => {
    const w = new OutcomeWatch(7, 'sad', 0);
    expect(live(w, 1_000, 3 * MIN, 'sad')).toEqual({ done: false });
    // 3 min sad then calm: sad's share of the last 5 min drops below 0.6 with ≥ 1 min of evidence.
    expect(live(w, 3 * MIN + 1_000, 10 * MIN, 'neutral')).toEqual({ done: true, recovered: true });
  });

  it('does not recover while the mood persists through the 15 minutes', () => {
    const w = new OutcomeWatch(7, 'angry', 0);
    expect(live(w, 1_000, 20 * MIN, 'angry')).toEqual({ done: true, recovered: false });
  });

  it('stays unknown when the person was away the whole time', () => {
    const w = new OutcomeWatch(7, 'sad', 0);
    expect(w.check(10 * MIN)).toEqual({ done: false });
    expect(w.check(15 * MIN)).toEqual({ done: true, recovered: null });
  });

  it('ignores moods from before the answer', () => {
    const w = new OutcomeWatch(7, 'sad', 10 * MIN);
    for (let t = 0; t <= 10 * MIN; t += 1_000) w.record({ t, label: 'neutral', confidence: 0.6, shares: face });
    expect(w.check(10 * MIN)).toEqual({ done: false });
  });
});
