/**
 * A check-in with a mood-meter rating: the person's own rating outweighs the text model for that moment.
 * Without this, "pleasant, very high energy" on the meter beside a note the model read as angry went into
 * the live mood (and toward a "seemed low" break) as angry. Pure.
 */
import { AFFECT_COORDS } from './affect';
import { EMOTIONS, type Emotion, type EmotionProbs } from '../../shared/labels';
import type { MoodSample } from '../../shared/mood';
import type { SelfRating } from '../../shared/text-input';

/** How much of the moment's probabilities come from the person's rating (the rest from the note's wording). */
export const RATING_WEIGHT = 0.8;
/** A rating is the person's own word: at least this confident. */
export const RATING_CONFIDENCE = 0.9;
/** Width of the circumplex neighbourhood a rating spreads over. */
const SPREAD = 0.35;

/** The labels near a rated point of the circumplex, nearest most likely. */
export function ratingProbs({ pleasantness, energy }: SelfRating): EmotionProbs {
  const weights = EMOTIONS.map((e) => {
    const c = AFFECT_COORDS[e];
    const d2 = (c.valence - pleasantness) ** 2 + (c.arousal - energy) ** 2;
    return Math.exp(-d2 / (2 * SPREAD * SPREAD));
  });
  const total = weights.reduce((a, b) => a + b, 0);
  return Object.fromEntries(EMOTIONS.map((e, i) => [e, (weights[i] ?? 0) / total])) as EmotionProbs;
}

function argmax(probs: EmotionProbs): Emotion {
  let best: Emotion = 'neutral';
  for (const e of EMOTIONS) if (probs[e] > probs[best]) best = e;
  return best;
}

/**
 * The moment's reading of a rated check-in: the label nearest the rating, the rating's own pleasantness and
 * energy, and probabilities that are mostly the rating's with a little of the note's wording.
 */
export function rateReading(text: MoodSample, rating: SelfRating): MoodSample {
  const own = ratingProbs(rating);
  const probs = Object.fromEntries(
    EMOTIONS.map((e) => [e, RATING_WEIGHT * own[e] + (1 - RATING_WEIGHT) * text.probs[e]]),
  ) as EmotionProbs;
  return {
    ...text,
    label: argmax(own),
    probs,
    valence: rating.pleasantness,
    arousal: rating.energy,
    confidence: Math.max(RATING_CONFIDENCE, text.confidence),
  };
}
