/**
 * The check-in card's logic, pure: the mood meter's grid and keyboard moves, and the model's reading of a
 * note in words that describe the wording, never the person ("the words sound…", not "you are…").
 */
import type { MoodSample } from '../../shared/mood';
import { MAX_TEXT_BYTES, utf8Length, type CheckIn, type SelfRating } from '../../shared/text-input';
import { arousalWords, clockTime, labelWords, valenceWords } from './format';

/** The meter's levels on each axis, low to high. */
export const LEVELS = [-1, -0.5, 0, 0.5, 1] as const;
export const SIDE = LEVELS.length;

/** A cell of the 5×5 meter: column = pleasantness (left unpleasant), row = energy (top high). */
export interface Cell {
  col: number;
  row: number;
}

export function cellRating({ col, row }: Cell): SelfRating {
  return { pleasantness: LEVELS[col] ?? 0, energy: LEVELS[SIDE - 1 - row] ?? 0 };
}

const PLEASANT = ['Very unpleasant', 'Unpleasant', 'Neither pleasant nor unpleasant', 'Pleasant', 'Very pleasant'];
const ENERGY = ['very low energy', 'low energy', 'medium energy', 'high energy', 'very high energy'];

/** What a cell means, for its ARIA label and tooltip. */
export function cellWords(cell: Cell): string {
  return `${PLEASANT[cell.col] ?? ''}, ${ENERGY[SIDE - 1 - cell.row] ?? ''}`;
}

/** Arrow keys, Home and End inside the meter (a radio group: arrows move and choose). Null for other keys. */
export function moveCell(cell: Cell, key: string): Cell | null {
  const clamp = (n: number): number => Math.min(SIDE - 1, Math.max(0, n));
  switch (key) {
    case 'ArrowLeft':
      return { ...cell, col: clamp(cell.col - 1) };
    case 'ArrowRight':
      return { ...cell, col: clamp(cell.col + 1) };
    case 'ArrowUp':
      return { ...cell, row: clamp(cell.row - 1) };
    case 'ArrowDown':
      return { ...cell, row: clamp(cell.row + 1) };
    case 'Home':
      return { col: 0, row: 0 };
    case 'End':
      return { col: SIDE - 1, row: SIDE - 1 };
    default:
      return null;
  }
}

/** Bytes still free in a note; negative when it is over the limit. */
export function bytesLeft(note: string): number {
  return MAX_TEXT_BYTES - utf8Length(note);
}

/** Below this confidence the reading says the note was too short or unclear to read. */
const READABLE = 0.3;

/** The text model's reading of a note, in calm, non-diagnostic words. */
export function readingWords(sample: MoodSample): string {
  if (sample.label === 'unknown' || sample.confidence < READABLE) {
    return 'Attune could not read much into these words; that is fine, your own rating counts most.';
  }
  const tone = labelWords(sample.label).toLowerCase();
  return `The words sound ${tone}: ${valenceWords(sample.valence)} and ${arousalWords(sample.arousal)}.`;
}

/** The meter level nearest a rating value, 0 … SIDE - 1. */
const level = (x: number): number => {
  let best = 0;
  LEVELS.forEach((l, i) => {
    if (Math.abs(l - x) < Math.abs((LEVELS[best] ?? 0) - x)) best = i;
  });
  return best;
};

/** A meter rating in the meter's own words, e.g. "pleasant, high energy". */
export function ratingWords(rating: SelfRating): string {
  const pleasant = PLEASANT[level(rating.pleasantness)] ?? '';
  return `${pleasant.toLowerCase()}, ${ENERGY[level(rating.energy)] ?? ''}`;
}

/** One line for Today's list of check-ins: time, the rating in words, and the note when it was kept. */
export function checkInLine(checkIn: CheckIn): string {
  const own = checkIn.selfRating ? ratingWords(checkIn.selfRating) : 'no rating';
  const note = checkIn.note ? ` · “${checkIn.note}”` : '';
  return `${clockTime(checkIn.t)} · check-in: ${own}${note}`;
}

/**
 * The answer under the check-in card once it is saved. With a meter rating the person's own words are the
 * answer, and the model's reading of the note is never set against them; without one, the note's reading.
 */
export function checkInReply(checkIn: CheckIn): string {
  if (checkIn.selfRating) {
    return `You rated this moment ${ratingWords(checkIn.selfRating)}; Attune counts your rating for it.`;
  }
  return readingWords(checkIn.sample);
}
