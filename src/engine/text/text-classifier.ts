import { readFileSync } from 'node:fs';
import { valenceArousal } from '../mood/affect';
import { AttuneError } from '../../shared/envelope';
import { EMOTIONS, argmaxLabel, type EmotionProbs, type MoodLabel } from '../../shared/labels';
import { applyAffectHead } from './affect-head';
import { softmax } from './calibration';
import { vectorize } from './features';
import { decodeModel, type TextModel } from './model-file';
import { tokenize } from './tokenize';

/**
 * Longest text classified, in UTF-16 code units (10,000 ≈ 10 kB of English). Longer texts are cut to
 * their first 10,000 units rather than refused: a pasted long message still gets a reading, and the cost
 * stays bounded (a 10,000-character text took about 6 ms on the development machine; a typical
 * 70-character message about 0.13 ms).
 */
export const MAX_TEXT_LENGTH = 10_000;

export interface TextClassification {
  /** Calibrated probabilities over EMOTIONS. */
  readonly probs: EmotionProbs;
  /** The most probable emotion, or `unknown` when `confidence` is below the model's threshold. */
  readonly label: MoodLabel;
  /**
   * Valence and arousal in [-1, 1]: the model's own outputs, regressed on rated sentences (EmoBank) when the
   * file has them (see affect-head.ts), else the expected values under `probs` (see shared/affect.ts).
   */
  readonly valence: number;
  readonly arousal: number;
  /**
   * 0–1: the calibrated top probability, scaled by (n + 1) / (N + 1) when the text has n < N content
   * tokens (words, emoji; N = the model's shortTextTokens, 3 in the shipped model), since "ok" or "lol"
   * says little whatever the model thinks. 0 for a text with no content token.
   */
  readonly confidence: number;
}

/** Cuts `text` to {@link MAX_TEXT_LENGTH} code units without splitting a surrogate pair. */
export function truncateText(text: string, max = MAX_TEXT_LENGTH): string {
  if (text.length <= max) return text;
  const code = text.charCodeAt(max - 1);
  return text.slice(0, code >= 0xd800 && code < 0xdc00 ? max - 1 : max);
}

/** The text-emotion model: hashed n-grams and a linear layer (see resources/models/TEXT-MODEL.md). */
export class TextClassifier {
  private constructor(readonly model: TextModel) {}

  /** Loads a model file; `model-missing` when it is absent, `model-corrupt` when it cannot be used. */
  static load(file: string): TextClassifier {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      const missing = code === 'ENOENT' || code === 'ENOTDIR' || code === 'EISDIR';
      throw new AttuneError(
        missing ? 'model-missing' : 'model-corrupt',
        missing ? `The text model ${file} was not found.` : `The text model ${file} could not be read.`,
        { cause: err },
      );
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (err) {
      throw new AttuneError('model-corrupt', `The text model ${file} is not valid JSON.`, { cause: err });
    }
    return new TextClassifier(decodeModel(json, file));
  }

  /** Raw linear scores in the model's label order (before temperature and softmax), with the token count. */
  scores(text: string): { scores: Float64Array; contentTokens: number } {
    const { scores, contentTokens } = this.scoresAndFeatures(text);
    return { scores, contentTokens };
  }

  private scoresAndFeatures(text: string): {
    scores: Float64Array;
    contentTokens: number;
    x: { indices: Int32Array; values: Float32Array };
  } {
    if (typeof text !== 'string') throw new AttuneError('bad-input', 'The text to classify must be a string.');
    const { features, labels, q, bias, quantization } = this.model;
    const tokens = tokenize(truncateText(text), features);
    const x = vectorize(tokens, features);
    const k = labels.length;
    const acc = new Float64Array(k);
    for (let i = 0; i < x.indices.length; i++) {
      const base = (x.indices[i] ?? 0) * k;
      const v = x.values[i] ?? 0;
      for (let c = 0; c < k; c++) acc[c] = (acc[c] ?? 0) + (q[base + c] ?? 0) * v;
    }
    const scores = new Float64Array(k);
    for (let c = 0; c < k; c++) scores[c] = (bias[c] ?? 0) + (quantization.scales[c] ?? 0) * (acc[c] ?? 0);
    return { scores, contentTokens: tokens.contentTokens, x };
  }

  classify(text: string): TextClassification {
    const { scores, contentTokens, x } = this.scoresAndFeatures(text);
    const { labels, temperature, confidence: rule, affect } = this.model;
    const p = softmax(scores, temperature);
    const probs = Object.fromEntries(EMOTIONS.map((e) => [e, 0])) as EmotionProbs;
    labels.forEach((label, c) => {
      probs[label] = p[c] ?? 0;
    });
    const top = argmaxLabel(probs);
    const shortness = Math.min(1, (contentTokens + 1) / (rule.shortTextTokens + 1));
    const confidence = contentTokens === 0 ? 0 : probs[top] * shortness;
    return {
      probs,
      label: confidence < rule.unknownBelow ? 'unknown' : top,
      ...(affect ? applyAffectHead(affect, labels, x.indices, x.values, probs) : valenceArousal(probs)),
      confidence,
    };
  }
}
