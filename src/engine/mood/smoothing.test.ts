import { describe, expect, it } from 'vitest';
import { LabelSmoother } from './smoothing';
import { peaked } from './synthetic';

describe('LabelSmoother', () => {
  it('names a first label after the short first dwell', () => {
    const s = new LabelSmoother();
    expect(s.update(0, peaked('happy', 0.7), 0.6)).toBe('unknown');
    expect(s.update(1_000, peaked('happy', 0.7), 0.6)).toBe('unknown');
    expect(s.update(1_500, peaked('happy', 0.7), 0.6)).toBe('happy');
  });

  it('a challenger must lead for the dwell, continuously', () => {
    const s = new LabelSmoother();
    s.update(0, peaked('neutral', 0.7), 0.6);
    s.update(2_000, peaked('neutral', 0.7), 0.6);
    expect(s.update(3_000, peaked('angry', 0.7), 0.6)).toBe('neutral');
    expect(s.update(6_000, peaked('angry', 0.7), 0.6)).toBe('neutral');
    // The lead breaks: the clock restarts.
    expect(s.update(6_500, peaked('neutral', 0.7), 0.6)).toBe('neutral');
    expect(s.update(7_000, peaked('angry', 0.7), 0.6)).toBe('neutral');
    expect(s.update(10_999, peaked('angry', 0.7), 0.6)).toBe('neutral');
    expect(s.update(11_000, peaked('angry', 0.7), 0.6)).toBe('angry');
  });

  it('needs a margin: neck and neck does not flicker', () => {
    const s = new LabelSmoother();
    const even = { neutral: 0.41, happy: 0, sad: 0.39, angry: 0.2, fearful: 0, disgusted: 0, surprised: 0 };
    s.update(0, even, 0.6);
    s.update(2_000, even, 0.6);
    const close = { ...even, neutral: 0.38, sad: 0.42 };
    for (let t = 2_000; t < 60_000; t += 500) expect(s.update(t, close, 0.6)).toBe('neutral');
  });

  it('is unknown at once without evidence, and after the dwell with weak evidence', () => {
    const s = new LabelSmoother();
    s.update(0, peaked('happy', 0.7), 0.6);
    s.update(2_000, peaked('happy', 0.7), 0.6);
    expect(s.update(3_000, peaked('happy', 0.7), 0.2)).toBe('happy');
    expect(s.update(7_000, peaked('happy', 0.7), 0.2)).toBe('unknown');
    s.update(8_000, peaked('happy', 0.7), 0.6);
    s.update(9_500, peaked('happy', 0.7), 0.6);
    expect(s.label()).toBe('happy');
    expect(s.update(10_000, peaked('happy', 0.7), 0)).toBe('unknown');
  });

  it('adopts the next candidate at once when asked (after a correction)', () => {
    const s = new LabelSmoother();
    s.update(0, peaked('sad', 0.7), 0.6);
    s.update(2_000, peaked('sad', 0.7), 0.6);
    s.adoptNextCandidate();
    expect(s.update(2_500, peaked('neutral', 0.7), 0.6)).toBe('neutral');
  });
});
