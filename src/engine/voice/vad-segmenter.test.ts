import { describe, expect, it } from 'vitest';
import { VadSegmenter, segmentProbabilities } from './vad-segmenter';

/** Frames of 0.1 s make the arithmetic readable: frame k spans [k/10, (k+1)/10). */
const o = { frameS: 0.1, minSilenceS: 0.3, minSpeechS: 0.2, preSpeechPadS: 0.1, postSpeechPadS: 0.1, maxSegmentS: 10 };
const seq = (s: string) => [...s].map((c) => ({ '.': 0.05, '-': 0.4, '#': 0.9 })[c] ?? 0);

describe('VadSegmenter', () => {
  it('starts at p ≥ 0.5 and ends at the first frame of a long enough silence, with padding', () => {
    // speech in frames 3–6, silence from 7: segment [0.3 − 0.1, 0.7 + 0.1]
    expect(segmentProbabilities(seq('...####.....'), o)).toEqual([{ start: 0.2, end: 0.8 }]);
  });

  it('does not start on frames between the thresholds, and they neither end nor extend speech', () => {
    expect(segmentProbabilities(seq('..----..'), o)).toEqual([]);
    // "-" frames after speech keep it open (not < 0.35); the end is where p first drops under 0.35.
    expect(segmentProbabilities(seq('..###--....'), o)).toEqual([{ start: 0.1, end: 0.8 }]);
  });

  it('bridges pauses shorter than minSilenceS and splits at longer ones', () => {
    expect(segmentProbabilities(seq('.###..###.....'), o)).toEqual([{ start: 0, end: 1 }]);
    expect(segmentProbabilities(seq('.###...###.....'), o)).toEqual([
      { start: 0, end: 0.5 },
      { start: 0.6, end: 1.1 },
    ]);
  });

  it('drops segments with less speech than minSpeechS', () => {
    expect(segmentProbabilities(seq('...#.....'), o)).toEqual([]);
    expect(segmentProbabilities(seq('...##.....'), o)).toEqual([{ start: 0.2, end: 0.6 }]);
  });

  it('never pads back into the previous segment', () => {
    const segs = segmentProbabilities(seq('##...##....'), { ...o, preSpeechPadS: 0.5 });
    expect(segs).toEqual([
      { start: 0, end: 0.3 },
      { start: 0.3, end: 0.8 },
    ]);
  });

  it('cuts long speech into windows of maxSegmentS and keeps going', () => {
    const segs = segmentProbabilities(seq(`.${'#'.repeat(25)}....`), { ...o, maxSegmentS: 1 });
    expect(segs).toEqual([
      { start: 0, end: 1 },
      { start: 1, end: 2 },
      { start: 2, end: 2.7 },
    ]);
  });

  it('closes an open segment on flush, at the start of a pending silence if any', () => {
    const s = new VadSegmenter(o);
    for (const p of seq('..###')) expect(s.push(p)).toEqual([]);
    expect(s.flush()).toEqual([{ start: 0.1, end: 0.5 }]);
    expect(s.flush()).toEqual([]);
    const t = new VadSegmenter(o);
    for (const p of seq('..###..')) t.push(p);
    expect(t.flush()).toEqual([{ start: 0.1, end: 0.6 }]);
  });

  it('treats non-finite probabilities as silence and checks its options', () => {
    expect(segmentProbabilities([Number.NaN, Infinity, 0.9, 0.9, 0.9, 0, 0, 0, 0], o)).toEqual([
      { start: 0.1, end: 0.6 },
    ]);
    expect(() => new VadSegmenter({ positive: 0.3, negative: 0.5 })).toThrow(RangeError);
    expect(() => new VadSegmenter({ frameS: 0 })).toThrow(RangeError);
  });

  it('uses Silero frames (32 ms) and the documented defaults', () => {
    const probs = [
      ...new Array<number>(10).fill(0),
      ...new Array<number>(30).fill(0.9),
      ...new Array<number>(20).fill(0),
    ];
    // speech frames 10–39 = 0.32–1.28 s; pre-pad 0.1, post-pad 0.05
    expect(segmentProbabilities(probs)).toEqual([{ start: 0.22, end: 1.33 }]);
  });
});
