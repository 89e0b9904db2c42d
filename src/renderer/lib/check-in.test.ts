import { describe, expect, it } from 'vitest';
import { probsFromVector } from '../../shared/labels';
import type { MoodSample } from '../../shared/mood';
import {
  bytesLeft,
  cellRating,
  cellWords,
  checkInLine,
  checkInReply,
  moveCell,
  ratingWords,
  readingWords,
} from './check-in';

const sample = (patch: Partial<MoodSample>): MoodSample => ({
  t: 0,
  source: 'text',
  label: 'happy',
  probs: probsFromVector([0.1, 0.7, 0.05, 0.05, 0.04, 0.03, 0.03]),
  valence: 0.55,
  arousal: 0.3,
  confidence: 0.7,
  ...patch,
});

describe('mood meter', () => {
  it('maps columns to pleasantness and rows (top first) to energy', () => {
    expect(cellRating({ col: 0, row: 0 })).toEqual({ pleasantness: -1, energy: 1 });
    expect(cellRating({ col: 4, row: 4 })).toEqual({ pleasantness: 1, energy: -1 });
    expect(cellRating({ col: 2, row: 2 })).toEqual({ pleasantness: 0, energy: 0 });
    expect(cellWords({ col: 3, row: 1 })).toBe('Pleasant, high energy');
  });

  it('moves with arrows and stops at the edges', () => {
    expect(moveCell({ col: 0, row: 0 }, 'ArrowLeft')).toEqual({ col: 0, row: 0 });
    expect(moveCell({ col: 0, row: 0 }, 'ArrowRight')).toEqual({ col: 1, row: 0 });
    expect(moveCell({ col: 2, row: 4 }, 'ArrowDown')).toEqual({ col: 2, row: 4 });
    expect(moveCell({ col: 2, row: 4 }, 'ArrowUp')).toEqual({ col: 2, row: 3 });
    expect(moveCell({ col: 2, row: 2 }, 'End')).toEqual({ col: 4, row: 4 });
    expect(moveCell({ col: 2, row: 2 }, 'a')).toBeNull();
  });
});

describe('words', () => {
  it('describes the wording, not the person', () => {
    expect(readingWords(sample({}))).toBe('The words sound happy: pleasant and energetic.');
    expect(readingWords(sample({ label: 'unknown', confidence: 0.1 }))).toMatch(/could not read much/);
  });

  it('counts the note in UTF-8 bytes', () => {
    expect(bytesLeft('')).toBe(10_000);
    expect(bytesLeft('é')).toBe(9_998);
  });

  it('lists a check-in with the time and the person’s own rating', () => {
    const t = new Date(2026, 0, 5, 9, 7).getTime();
    const line = checkInLine({
      id: 1,
      t,
      sample: sample({ t }),
      selfRating: { pleasantness: 0.5, energy: -0.5 },
      note: null,
    });
    expect(line).toBe('09:07 · check-in: pleasant, low energy');
  });

  it("shows a kept note on the line, and names the rating in the meter's words", () => {
    const t = new Date(2026, 0, 1, 21, 30).getTime();
    const base = { id: 2, t, sample: sample({ t }) };
    expect(checkInLine({ ...base, selfRating: null, note: 'Long day' })).toBe(
      '21:30 · check-in: no rating · “Long day”',
    );
    expect(ratingWords({ pleasantness: 0.5, energy: 1 })).toBe('pleasant, very high energy');
    expect(ratingWords({ pleasantness: 0, energy: 0 })).toBe('neither pleasant nor unpleasant, medium energy');
  });

  it('answers a rated check-in with the rating, never with a reading that contradicts it', () => {
    const angry = sample({ label: 'angry', valence: -0.6, arousal: 0.7 });
    const rated = { id: 3, t: 0, sample: angry, selfRating: { pleasantness: 0.5, energy: 1 }, note: null };
    expect(checkInReply(rated)).toBe(
      'You rated this moment pleasant, very high energy; Attune counts your rating for it.',
    );
    expect(checkInReply(rated)).not.toMatch(/angry/i);
    expect(checkInReply({ ...rated, selfRating: null })).toMatch(/^The words sound angry/);
  });
});
