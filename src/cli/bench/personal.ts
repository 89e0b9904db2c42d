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
  /** Fitting from `examples` readings, ms, both modalities' tunings alternately. */
  fitMs: Summary;
  /** The same per modality (voice also fits its class offsets, leave-one-out). */
  fitMsByModality: Record<'face' | 'voice', Summary>;
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
  const byModality = { face: [] as number[], voice: [] as number[] };
  // Both modalities' tunings, alternately, after 10 warm-up fits.
  for (let i = 0; i < fits + 10; i++) {
    const modality = i % 2 === 0 ? 'face' : 'voice';
    const t0 = performance.now();
    fitPersonalModel(modality, readings);
    const ms = performance.now() - t0;
    if (i >= 10) {
      fitTimes.push(ms);
      byModality[modality].push(ms);
    }
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
  const fitMsByModality = { face: summarise(byModality.face), voice: summarise(byModality.voice) };
  const applyMs = summarise(applyTimes);
  const lines = [
    `personal model (face tuning, fitted strength ${model.strength})`,
    ...(['face', 'voice'] as const).map(
      (m) =>
        `  fit from ${examples} examples, ${m.padEnd(5)}   median ${fitMsByModality[m].median.toFixed(3)} ms   p95 ${fitMsByModality[m].p95.toFixed(3)} ms`,
    ),
    `  apply, one frame       median ${applyMs.median.toFixed(4)} ms   p95 ${applyMs.p95.toFixed(4)} ms`,
  ];
  return { fitMs, fitMsByModality, applyMs, examples, lines };
}
