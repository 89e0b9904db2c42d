/**
 * Whether a check-in names a feeling the personal model can learn from: the note says it in so many words
 * ("I feel angry"), or the mood meter's cell can only mean one label. Anything vaguer teaches nothing: a wrong
 * example does more harm than a missing one.
 */
import type { Emotion } from '../../shared/labels';
import type { SelfRating } from '../../shared/text-input';

/** Feeling words by label (English, whole words; a word such as "fine" is too vague to count). */
const WORDS: Readonly<Record<Emotion, readonly string[]>> = {
  neutral: ['calm', 'neutral', 'relaxed'],
  happy: ['happy', 'glad', 'joyful', 'cheerful', 'delighted'],
  sad: ['sad', 'unhappy', 'down', 'depressed', 'miserable', 'gloomy'],
  angry: ['angry', 'mad', 'furious', 'annoyed', 'irritated', 'cross'],
  fearful: ['afraid', 'scared', 'anxious', 'fearful', 'frightened', 'nervous', 'worried'],
  disgusted: ['disgusted', 'grossed'],
  surprised: ['surprised', 'shocked', 'amazed', 'astonished'],
};

const NEGATIONS = new Set(['not', "n't", 'never', 'no', 'hardly', 'barely']);

/** The one feeling a note names, or null when it names none, several, or only in the negative. */
export function feelingInNote(note: string): Emotion | null {
  const words = note
    .toLowerCase()
    .replace(/n't\b/g, " n't")
    .split(/[^a-z']+/)
    .filter(Boolean);
  const found = new Set<Emotion>();
  words.forEach((word, i) => {
    const negated = [words[i - 1], words[i - 2]].some((w) => w !== undefined && NEGATIONS.has(w));
    for (const [label, list] of Object.entries(WORDS) as [Emotion, readonly string[]][]) {
      if (list.includes(word) && !negated) found.add(label);
    }
  });
  return found.size === 1 ? ([...found][0] ?? null) : null;
}

/**
 * The label a meter cell can only mean: clearly pleasant with some energy is happy, clearly unpleasant and low
 * is sad, the centre is neutral. Unpleasant with high energy could be angry or afraid: no label.
 */
export function feelingOfRating(r: SelfRating): Emotion | null {
  if (r.pleasantness >= 0.5 && r.energy >= -0.25) return 'happy';
  if (r.pleasantness <= -0.5 && r.energy <= -0.25) return 'sad';
  if (Math.abs(r.pleasantness) <= 0.25 && Math.abs(r.energy) <= 0.25) return 'neutral';
  return null;
}

/** The note's word wins over the meter (it is the more specific); null when neither names a feeling. */
export function feelingOfCheckIn(note: string, rating: SelfRating | undefined): Emotion | null {
  return feelingInNote(note) ?? (rating ? feelingOfRating(rating) : null);
}
