import { describe, expect, it } from 'vitest';
import type { Explanation } from '../../shared/history-api';
import type { MoodSample, SampleSource } from '../../shared/mood';
import { explainEmptyWords, minuteWords, sourceLines } from './explain-words';
import { diagnosticIn } from './non-diagnostic.test-support';

const probs = { neutral: 0, happy: 0, sad: 0, angry: 0, fearful: 0, disgusted: 0, surprised: 0 };
const s = (source: SampleSource, label: MoodSample['label'], valence: number, confidence: number): MoodSample => ({
  t: 0,
  source,
  label,
  probs,
  valence,
  arousal: 0,
  confidence,
});

describe('sourceLines', () => {
  it('summarises each source, overall first, skipping sources without samples', () => {
    const lines = sourceLines([
      s('face', 'happy', 0.5, 0.6),
      s('face', 'happy', 0.3, 0.8),
      s('face', 'neutral', 0.1, 0.4),
      s('fused', 'happy', 0.4, 0.7),
    ]);
    expect(lines.map((l) => l.name)).toEqual(['Overall', 'Face']);
    expect(lines[0]?.words).toBe('Happy, pleasant (updated once, 70% confidence on average)');
    // Mean valence 0.3 → pleasant; mean confidence 0.6.
    expect(lines[1]?.words).toBe('Happy, pleasant (seen 3 times, 60% confidence on average)');
    expect(diagnosticIn(lines.map((l) => l.words))).toEqual([]);
  });
  it('counts in everyday words with the verb of each source, never "readings"', () => {
    const lines = sourceLines([
      s('voice', 'sad', -0.4, 0.5),
      s('voice', 'sad', -0.4, 0.5),
      s('text', 'happy', 0.5, 0.9),
    ]);
    expect(lines.map((l) => l.words)).toEqual([
      'Sad, unpleasant (heard twice, 50% confidence on average)',
      'Happy, pleasant (read once, 90% confidence on average)',
    ]);
    expect(lines.some((l) => /reading/.test(l.words))).toBe(false);
  });
});

const base: Explanation = { t: 0, samples: [], prompt: null, rollup: null };

describe('minuteWords and explainEmptyWords', () => {
  it('describe the minute’s summary when the raw samples are gone', () => {
    const rollup = {
      minute: 0,
      n: 60,
      counts: { neutral: 10, happy: 0, sad: 50, angry: 0, fearful: 0, disgusted: 0, surprised: 0, unknown: 0 },
      valence: -0.5,
      arousal: 0,
      confidence: 0.42,
    };
    const e = { ...base, rollup };
    expect(minuteWords(e)).toBe('Sad, unpleasant, sensed 60 times that minute, 42% confidence on average');
    expect(explainEmptyWords(e)).toMatch(/pruned/);
  });
  it('say plainly when nothing was recorded', () => {
    expect(minuteWords(base)).toBeNull();
    expect(explainEmptyWords(base)).toMatch(/Nothing was recorded/);
    expect(explainEmptyWords({ ...base, samples: [s('face', 'sad', -0.4, 0.5)] })).toBeNull();
  });
});
