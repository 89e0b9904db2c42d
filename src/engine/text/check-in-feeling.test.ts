import { describe, expect, it } from 'vitest';
import { feelingInNote, feelingOfCheckIn, feelingOfRating } from './check-in-feeling';

describe('feelingOfCheckIn', () => {
  it('takes one feeling the note names in so many words', () => {
    expect(feelingInNote('I feel angry about the meeting')).toBe('angry');
    expect(feelingInNote('Scared of tomorrow, honestly.')).toBe('fearful');
    expect(feelingInNote('calm after a walk')).toBe('neutral');
  });

  it('takes nothing from a negated, mixed or vague note', () => {
    expect(feelingInNote("I'm not sad")).toBeNull();
    expect(feelingInNote("don't feel happy today")).toBeNull();
    expect(feelingInNote('happy but worried')).toBeNull();
    expect(feelingInNote('fine I guess')).toBeNull();
  });

  it('reads only the meter cells that can mean one label', () => {
    expect(feelingOfRating({ pleasantness: 1, energy: 0.5 })).toBe('happy');
    expect(feelingOfRating({ pleasantness: -1, energy: -1 })).toBe('sad');
    expect(feelingOfRating({ pleasantness: 0, energy: 0 })).toBe('neutral');
    // Unpleasant and energetic could be angry or afraid.
    expect(feelingOfRating({ pleasantness: -1, energy: 1 })).toBeNull();
  });

  it("lets the note's word win over the meter", () => {
    expect(feelingOfCheckIn('so angry', { pleasantness: -1, energy: -1 })).toBe('angry');
    expect(feelingOfCheckIn('', { pleasantness: -1, energy: -1 })).toBe('sad');
    expect(feelingOfCheckIn('long day', undefined)).toBeNull();
  });
});
