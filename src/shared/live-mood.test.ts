import { describe, expect, it } from 'vitest';
import { probsFromVector } from './labels';
import { LiveMoodTracker } from './live-mood';

const happy = probsFromVector([0, 1, 0, 0, 0, 0, 0]);
const sad = probsFromVector([0, 0, 1, 0, 0, 0, 0]);

describe('LiveMoodTracker', () => {
  it('is unknown before any evidence', () => {
    const mood = new LiveMoodTracker().current(0);
    expect(mood.label).toBe('unknown');
    expect(mood.confidence).toBe(0);
  });

  it('names the mood once confident evidence arrives', () => {
    const tracker = new LiveMoodTracker();
    tracker.add({ t: 0, probs: happy, weight: 0.8 });
    const mood = tracker.add({ t: 500, probs: happy, weight: 0.8 });
    expect(mood.label).toBe('happy');
    expect(mood.valence).toBeCloseTo(0.8);
    // mean weight 0.8; decayed count 0.5^(500/4000) + 1 ≈ 1.917 → 0.8 · (1 − e^−1.917) ≈ 0.682
    expect(mood.confidence).toBeCloseTo(0.8 * (1 - Math.exp(-(0.5 ** (500 / 4000) + 1))), 6);
  });

  it('never claims more confidence than its evidence had', () => {
    const tracker = new LiveMoodTracker();
    let confidence = 0;
    for (let t = 0; t <= 60_000; t += 500) confidence = tracker.add({ t, probs: happy, weight: 0.7 }).confidence;
    expect(confidence).toBeLessThanOrEqual(0.7);
    expect(confidence).toBeGreaterThan(0.69);
  });

  it('loses confidence while the face is gone', () => {
    const tracker = new LiveMoodTracker();
    for (let t = 0; t <= 10_000; t += 500) tracker.add({ t, probs: happy, weight: 0.9 });
    let mood = tracker.current(10_000);
    for (let t = 10_500; t <= 14_000; t += 500) mood = tracker.add({ t, probs: happy, weight: 0 });
    expect(mood.confidence).toBeLessThan(0.6);
  });

  it('does not flip on a single passing frame', () => {
    const tracker = new LiveMoodTracker();
    for (let t = 0; t <= 10_000; t += 500) tracker.add({ t, probs: happy, weight: 1 });
    expect(tracker.add({ t: 10_500, probs: sad, weight: 1 }).label).toBe('happy');
  });

  it('follows a sustained change within seconds', () => {
    const tracker = new LiveMoodTracker();
    for (let t = 0; t <= 10_000; t += 500) tracker.add({ t, probs: happy, weight: 1 });
    let label = '';
    for (let t = 10_500; t <= 20_000 && label !== 'sad'; t += 500)
      label = tracker.add({ t, probs: sad, weight: 1 }).label;
    expect(label).toBe('sad');
  });

  it('becomes unknown when evidence goes stale', () => {
    const tracker = new LiveMoodTracker({ staleAfterMs: 10_000 });
    tracker.add({ t: 0, probs: happy, weight: 1 });
    expect(tracker.current(10_001).label).toBe('unknown');
  });

  it('ignores zero-weight observations', () => {
    const tracker = new LiveMoodTracker();
    tracker.add({ t: 0, probs: sad, weight: 0 });
    expect(tracker.current(0).label).toBe('unknown');
  });
});
