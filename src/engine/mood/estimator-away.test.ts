import { describe, expect, it } from 'vitest';
import { emptyBaseline } from './baseline';
import { MoodEstimator } from './estimator';
import { peaked } from './synthetic';

/**
 * A happy face with a sad utterance from a few seconds before still in memory: the case that used to flip
 * to "Sad" the moment the face left, as the face's evidence faded faster than the voice's.
 */
function happyFaceAfterSadVoice(awayAfterMs?: number): MoodEstimator {
  const e = new MoodEstimator(awayAfterMs === undefined ? {} : { awayAfterMs });
  e.voice(0, 3_000, peaked('sad'), 0.5);
  for (let t = 3_000; t <= 13_000; t += 500) {
    e.face(t, peaked('happy'), 0.9, 1);
    expect(e.mood(t, emptyBaseline()).label).not.toBe('sad');
  }
  expect(e.mood(13_000, emptyBaseline()).label).toBe('happy');
  return e;
}

describe('MoodEstimator away from the camera', () => {
  it('holds the last mood seen with the face, marked away, instead of flipping to the voice', () => {
    const e = happyFaceAfterSadVoice();
    const seen = [];
    for (let t = 13_500; t <= 40_000; t += 500) {
      e.face(t, null, 0, 0);
      seen.push(e.mood(t, emptyBaseline()));
    }
    expect(seen.every((m) => m.label === 'happy')).toBe(true);
    expect(seen.filter((m) => m.t >= 15_000).every((m) => m.away === true)).toBe(true);
  });

  it('without the hold (the old behaviour) the same moments did flip to sad', () => {
    const e = happyFaceAfterSadVoice(Number.POSITIVE_INFINITY);
    let last = e.mood(13_000, emptyBaseline());
    for (let t = 13_500; t <= 40_000; t += 500) {
      e.face(t, null, 0, 0);
      last = e.mood(t, emptyBaseline());
      if (last.label === 'sad') break;
    }
    expect(last.label).toBe('sad');
  });

  it('lets something said after stepping away count, and ends the hold when the face returns', () => {
    const e = happyFaceAfterSadVoice();
    for (let t = 13_500; t <= 20_000; t += 500) e.face(t, null, 0, 0);
    expect(e.mood(20_000, emptyBaseline()).away).toBe(true);
    e.voice(20_000, 22_000, peaked('sad'), 0.9);
    expect(e.mood(22_000, emptyBaseline()).away).toBeUndefined();
    e.face(22_500, peaked('happy'), 0.8, 1);
    expect(e.mood(22_500, emptyBaseline()).away).toBeUndefined();
  });

  it('is never away while paused', () => {
    const e = happyFaceAfterSadVoice();
    for (let t = 13_500; t <= 20_000; t += 500) e.face(t, null, 0, 0);
    expect(e.mood(20_000, emptyBaseline(), true)).toMatchObject({ label: 'unknown' });
    expect(e.mood(20_000, emptyBaseline(), true).away).toBeUndefined();
  });
});
