import { EMOTIONS, type EmotionProbs } from '../../shared/labels';

/**
 * Where each basic emotion sits on Russell's circumplex, valence and arousal both in [-1, 1].
 * Values follow the usual placement of the categories (e.g. Russell 1980; Posner et al. 2005):
 * happy is pleasant and fairly active, sad unpleasant and quiet, angry and fearful unpleasant and aroused.
 */
export const AFFECT_COORDS: Readonly<Record<(typeof EMOTIONS)[number], { valence: number; arousal: number }>> = {
  neutral: { valence: 0, arousal: 0 },
  happy: { valence: 0.8, arousal: 0.5 },
  sad: { valence: -0.7, arousal: -0.4 },
  angry: { valence: -0.6, arousal: 0.7 },
  fearful: { valence: -0.6, arousal: 0.6 },
  disgusted: { valence: -0.7, arousal: 0.2 },
  surprised: { valence: 0.2, arousal: 0.8 },
};

/** Expected valence and arousal under the given label probabilities. */
export function valenceArousal(probs: EmotionProbs): { valence: number; arousal: number } {
  let valence = 0;
  let arousal = 0;
  for (const label of EMOTIONS) {
    valence += probs[label] * AFFECT_COORDS[label].valence;
    arousal += probs[label] * AFFECT_COORDS[label].arousal;
  }
  return { valence, arousal };
}
