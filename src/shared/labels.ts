/** Canonical emotion labels, in the order every probability vector in Attune uses. */
export const EMOTIONS = ['neutral', 'happy', 'sad', 'angry', 'fearful', 'disgusted', 'surprised'] as const;

export type Emotion = (typeof EMOTIONS)[number];

/** A mood label, or `unknown` when the evidence is too weak to name one honestly. */
export type MoodLabel = Emotion | 'unknown';

/** Probabilities over {@link EMOTIONS}, keyed by label. They sum to 1 (within rounding). */
export type EmotionProbs = Record<Emotion, number>;

/**
 * Aliases used by public data sets (FER2013, RAVDESS, GoEmotions, face-api, human) mapped to our labels.
 * RAVDESS `calm` counts as neutral. Labels outside the set (contempt, boredom…) map to nothing.
 */
const ALIASES: Readonly<Record<string, Emotion>> = {
  neutral: 'neutral',
  calm: 'neutral',
  happy: 'happy',
  happiness: 'happy',
  joy: 'happy',
  sad: 'sad',
  sadness: 'sad',
  angry: 'angry',
  anger: 'angry',
  fear: 'fearful',
  fearful: 'fearful',
  disgust: 'disgusted',
  disgusted: 'disgusted',
  surprise: 'surprised',
  surprised: 'surprised',
};

/** Maps a data set's label name to a canonical label, or `undefined` if it is outside the set. */
export function canonicalLabel(name: string): Emotion | undefined {
  return ALIASES[name.trim().toLowerCase()];
}

export function isEmotion(value: unknown): value is Emotion {
  return typeof value === 'string' && (EMOTIONS as readonly string[]).includes(value);
}

/** Builds an {@link EmotionProbs} from a vector ordered like {@link EMOTIONS}. */
export function probsFromVector(vector: ArrayLike<number>): EmotionProbs {
  if (vector.length !== EMOTIONS.length) {
    throw new RangeError(`expected ${EMOTIONS.length} probabilities, got ${vector.length}`);
  }
  const out = {} as EmotionProbs;
  EMOTIONS.forEach((label, i) => {
    out[label] = vector[i] ?? 0;
  });
  return out;
}

export function probsToVector(probs: EmotionProbs): number[] {
  return EMOTIONS.map((label) => probs[label]);
}

/** The label with the highest probability (ties go to the earlier label). */
export function argmaxLabel(probs: EmotionProbs): Emotion {
  let best: Emotion = EMOTIONS[0];
  for (const label of EMOTIONS) if (probs[label] > probs[best]) best = label;
  return best;
}
