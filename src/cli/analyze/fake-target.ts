/**
 * A stand-in for the engine in `analyze`'s tests: dark frames read as sad, bright ones as happy, and a
 * prompt comes after `promptAfterMs` of unbroken sadness (then again only after another such stretch).
 * The real target is the Engine adapter in src/cli; this only lets the runner be tested on its own.
 */
import { EMOTIONS, type EmotionProbs, type Emotion } from '../../shared/labels';
import type { LiveMood } from '../../shared/mood';
import type { PromptEvidence } from '../../shared/prompts';
import type { AnalyzeTarget } from './runner';
import type { FrameImage } from './timeline';

export type FakeCall = [kind: 'frame' | 'audio' | 'text' | 'tick', t: number];

export interface FakeTarget extends AnalyzeTarget {
  calls: FakeCall[];
  closed: boolean;
}

function oneHot(label: Emotion): EmotionProbs {
  const probs = {} as EmotionProbs;
  for (const e of EMOTIONS) probs[e] = e === label ? 1 : 0;
  return probs;
}

const meanLuma = (image: FrameImage): number => {
  let sum = 0;
  for (let i = 0; i < image.data.length; i += 4) sum += image.data[i + 1] ?? 0;
  return sum / (image.data.length / 4);
};

export function fakeTarget(options: { promptAfterMs?: number } = {}): FakeTarget {
  const promptAfterMs = options.promptAfterMs ?? 600_000;
  let label: Emotion | null = null;
  let sadSince: number | null = null;
  const target: FakeTarget = {
    calls: [],
    closed: false,
    frame(t, image) {
      target.calls.push(['frame', t]);
      label = meanLuma(image) < 64 ? 'sad' : 'happy';
      if (label !== 'sad') sadSince = null;
      else sadSince ??= t;
      return Promise.resolve();
    },
    audio(t) {
      target.calls.push(['audio', t]);
      return Promise.resolve();
    },
    text(t) {
      target.calls.push(['text', t]);
      return Promise.resolve();
    },
    tick(t) {
      target.calls.push(['tick', t]);
      let prompt: { reason: 'sad'; evidence: PromptEvidence } | null = null;
      if (sadSince !== null && t - sadSince >= promptAfterMs) {
        const evidence: PromptEvidence = {
          reason: 'sad',
          from: t - promptAfterMs,
          to: t,
          evidenceMs: promptAfterMs,
          share: 1,
          shareThreshold: 0.6,
          minEvidenceMs: 300_000,
          confidenceThreshold: 0.5,
          byModality: { face: 1, voice: 0, text: 0 },
        };
        prompt = { reason: 'sad', evidence };
        sadSince = t;
      }
      const known = label !== null;
      const modality = { share: known ? 1 : 0, probs: null, lastAt: null };
      const mood: LiveMood = {
        t,
        label: label ?? 'unknown',
        probs: oneHot(label ?? 'neutral'),
        valence: label === 'happy' ? 0.8 : label === 'sad' ? -0.6 : 0,
        arousal: 0,
        confidence: known ? 0.9 : 0,
        modalities: {
          face: modality,
          voice: { share: 0, probs: null, lastAt: null },
          text: { share: 0, probs: null, lastAt: null },
        },
      };
      return { mood, prompt };
    },
    close() {
      target.closed = true;
      return Promise.resolve();
    },
  };
  return target;
}
