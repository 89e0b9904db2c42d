/**
 * `bench` figures for the personal model (src/shared/personal): fitting it from 50 labelled readings (the
 * leave-one-out guard included) and applying it to one frame's generic probabilities. Synthetic readings,
 * seeded; medians over many calls; never asserts.
 */
import { performance } from 'node:perf_hooks';
import { noisyProbs } from '../../engine/mood/synthetic';
import { EMOTIONS } from '../../shared/labels';
import type { EmotionProbs } from '../../shared/labels';
import { applyPersonalModel, fitPersonalModel, type PersonalExample } from '../../engine/personal/personal-model';
import { mulberry32 } from '../../engine/sim/prng';
import { summarise, type Summary } from './stats';

export interface PersonalBenchResult {
  /** Fitting from `examples` readings, ms. */
  fitMs: Summary;
  /** Applying the fitted model to one reading, ms. */
  applyMs: Summary;
  examples: number;
  lines: string[];
}

export function benchPersonal(
  options: { examples?: number; fits?: number; applies?: number } = {},
): PersonalBenchResult {
  const { examples = 50, fits = 200, applies = 20_000 } = options;
  const random = mulberry32(13);
  const readings: PersonalExample[] = Array.from({ length: examples }, (_, i) => {
    const label = EMOTIONS[i % EMOTIONS.length] ?? 'neutral';
    return { label, probs: noisyProbs(random, label) };
  });
  const fitTimes: number[] = [];
  // Both modalities' tunings, alternately, after 10 warm-up fits.
  for (let i = 0; i < fits + 10; i++) {
    const t0 = performance.now();
    fitPersonalModel(i % 2 === 0 ? 'face' : 'voice', readings);
    if (i >= 10) fitTimes.push(performance.now() - t0);
  }
  const model = fitPersonalModel('face', readings);
  const frames: EmotionProbs[] = Array.from({ length: 64 }, (_, i) => noisyProbs(random, EMOTIONS[i % 7] ?? 'sad'));
  // One call is well under the clock's resolution: time batches of 100 and divide.
  const applyTimes: number[] = [];
  let sink = 0;
  for (let b = 0; b < applies / 100; b++) {
    const t0 = performance.now();
    for (let i = 0; i < 100; i++)
      sink += applyPersonalModel(model, frames[(b + i) % frames.length] as EmotionProbs).sad;
    applyTimes.push((performance.now() - t0) / 100);
  }
  // Using the results keeps the calls from being optimised away.
  if (!Number.isFinite(sink)) throw new Error('the personal model gave a non-finite probability');
  const fitMs = summarise(fitTimes);
  const applyMs = summarise(applyTimes);
  const lines = [
    `personal model (face tuning, fitted strength ${model.strength})`,
    `  fit from ${examples} examples   median ${fitMs.median.toFixed(3)} ms   p95 ${fitMs.p95.toFixed(3)} ms`,
    `  apply, one frame       median ${applyMs.median.toFixed(4)} ms   p95 ${applyMs.p95.toFixed(4)} ms`,
  ];
  return { fitMs, applyMs, examples, lines };
}
