/**
 * `bench` figures for "one mood over time": the cost of one fusion update (a face frame into the Companion) and
 * of one tick (persistence, prompt policy, outcomes), and whether the whole engine keeps up with 30 camera
 * frames a second plus continuous microphone audio on one core. Medians over many calls; never asserts.
 */
import { performance } from 'node:perf_hooks';
import { Companion } from '../../engine/mood/companion';
import { emptyBaseline } from '../../engine/mood/baseline';
import { fixedOffsetLocalTime } from '../../shared/prompt-policy';
import { noisyProbs, MONDAY_9AM } from '../../engine/mood/synthetic';
import { mulberry32 } from '../../engine/sim/prng';
import { DEFAULT_PROMPT_SETTINGS, QUIET_ENVIRONMENT } from '../../shared/prompts';
import { voiceLike } from '../../engine/voice/test-signals';
import { engineTarget } from '../analyze/target';
import { MODELS_DIR } from '../paths';
import { SMILING_SHOTS, sampleFrame } from '../media/sample-frames';
import { summarise, type Summary } from './stats';

export interface FusionBenchResult {
  /** One face frame through fusion, smoothing and the baseline, µs. */
  updateUs: Summary;
  /** One tick (persistence window, prompt policy, outcomes), µs. */
  tickUs: Summary;
  /** The whole engine at 30 frames/s of 640×480 and 16 kHz audio: wall seconds per second of media. */
  realtime: { mediaSeconds: number; wallSeconds: number; loadPerSecond: number } | null;
  lines: string[];
}

/** `hours` of a simulated working day: 2 face frames a second and a tick each second, timed one by one. */
function timeCompanion(hours: number): { updateUs: Summary; tickUs: Summary } {
  const companion = new Companion({
    settings: { ...DEFAULT_PROMPT_SETTINGS, enabled: true, quietHours: null },
    baseline: emptyBaseline(),
    localTime: fixedOffsetLocalTime(0),
    recentPrompts: [],
  });
  const rand = mulberry32(11);
  const updates: number[] = [];
  const ticks: number[] = [];
  for (let s = 0; s < hours * 3_600; s++) {
    const label = s % 1_200 < 600 ? 'neutral' : 'sad';
    for (let f = 0; f < 2; f++) {
      const probs = noisyProbs(rand, label);
      const t0 = performance.now();
      companion.face(MONDAY_9AM + s * 1_000 + f * 500, probs, 0.6, 0.9);
      updates.push((performance.now() - t0) * 1_000);
    }
    const t0 = performance.now();
    companion.tick(MONDAY_9AM + s * 1_000 + 999, QUIET_ENVIRONMENT);
    ticks.push((performance.now() - t0) * 1_000);
  }
  return { updateUs: summarise(updates), tickUs: summarise(ticks) };
}

/** Every frame of `seconds` at 30 fps and 100 ms audio chunks through the real engine, as fast as it goes. */
async function timeRealtime(seconds: number): Promise<FusionBenchResult['realtime']> {
  const frames = SMILING_SHOTS.map((shot) => sampleFrame(shot));
  const audio = voiceLike(seconds, { f0: 180, f0End: 120 });
  const target = await engineTarget({ modelsDir: MODELS_DIR, prompts: true, voice: true });
  const started = performance.now();
  try {
    for (let ms = 0; ms < seconds * 1_000; ms += 100) {
      for (let f = 0; f < 3; f++) {
        const frame = frames[(ms / 100 + f) % frames.length];
        if (frame) await target.frame(ms + f * 33, { ...frame, data: new Uint8Array(frame.data.buffer) });
      }
      await target.audio(ms, audio.subarray(ms * 16, (ms + 100) * 16));
      if (ms % 1_000 === 0) target.tick(ms);
    }
  } finally {
    await target.close();
  }
  const wallSeconds = (performance.now() - started) / 1_000;
  return { mediaSeconds: seconds, wallSeconds, loadPerSecond: wallSeconds / seconds };
}

export async function benchFusion(
  options: { hours?: number; realtimeSeconds?: number } = {},
): Promise<FusionBenchResult> {
  const { updateUs, tickUs } = timeCompanion(options.hours ?? 2);
  const seconds = options.realtimeSeconds ?? 20;
  const realtime = seconds > 0 ? await timeRealtime(seconds) : null;
  const f = (s: Summary): string => `median ${s.median.toFixed(1)} µs   p95 ${s.p95.toFixed(1)} µs`;
  const lines = [
    `fusion (Companion, ${options.hours ?? 2} simulated hours, 2 face frames/s, 1 tick/s)`,
    `  update per frame    ${f(updateUs)}`,
    `  tick                ${f(tickUs)}`,
    ...(realtime
      ? [
          `engine at 30 frames/s (640×480) + 16 kHz audio, every frame analysed, ${seconds} s of media`,
          `  ${realtime.wallSeconds.toFixed(1)} s of one core per ${seconds} s: ${(realtime.loadPerSecond * 100).toFixed(0)}% of real time` +
            ` (${realtime.loadPerSecond < 1 ? 'keeps up' : 'falls behind; the live engine then drops stale frames'})`,
        ]
      : []),
  ];
  return { updateUs, tickUs, realtime, lines };
}
