/**
 * `analyze`'s engine: the live app's Engine, MoodService, pipelines and store (in memory), driven by a
 * simulated clock that follows media time, so a 20-minute recording is lived through as fast as the machine
 * allows and decided exactly as the live app would decide it.
 */
import { join } from 'node:path';
import { ManualClock } from '../../shared/clock';
import type { LogLevel } from '../../shared/engine-protocol';
import type { LiveMood } from '../../shared/mood';
import { assembleEngine } from '../../engine/process/assemble';
import { openDatabase } from '../../engine/store/open-database';
import { TextClassifier } from '../../engine/text/text-classifier';
import { FacePipeline } from '../../engine/vision/face-pipeline';
import { VoicePipeline } from '../../engine/voice/voice-pipeline';
import type { AnalyzeTarget } from './runner';

export interface EngineTargetOptions {
  modelsDir: string;
  /** Turn break prompts on (they are off by default, as in the app). */
  prompts: boolean;
  /** Load the voice pipeline (only needed with --audio). */
  voice: boolean;
  /**
   * The wall-clock instant media time 0 stands for, Unix ms. Default: 10:00 local time on Monday
   * 5 January 2026, a working morning outside the default quiet hours, so results do not depend on when
   * `analyze` is run.
   */
  start?: number;
  log?: (level: LogLevel, message: string) => void;
}

export const DEFAULT_ANALYZE_START = new Date(2026, 0, 5, 10, 0, 0).getTime();

export async function engineTarget(options: EngineTargetOptions): Promise<AnalyzeTarget> {
  const start = options.start ?? DEFAULT_ANALYZE_START;
  const clock = new ManualClock(start);
  const log = options.log ?? (() => undefined);
  const db = openDatabase(':memory:');
  const analyzer = await FacePipeline.load({ modelsDir: options.modelsDir, threads: 1 });
  const voice = options.voice ? await VoicePipeline.load({ modelsDir: options.modelsDir, threads: 1 }) : null;
  const { engine, mood } = assembleEngine({
    db,
    analyzer,
    classifier: TextClassifier.load(join(options.modelsDir, 'text-emotion.json')),
    voice,
    clock,
    emit: () => undefined,
    log,
  });
  if (options.prompts) mood.setPromptSettings({ enabled: true });

  /** Media time (ms) → the simulated wall clock; time never runs backwards. */
  const moveTo = (t: number): number => {
    const at = start + t;
    if (at > clock.now()) clock.advance(at - clock.now());
    return clock.now();
  };

  return {
    async frame(t, image) {
      engine.submitFrame({ t: moveTo(t), ...image });
      await engine.whenIdle();
    },
    async audio(t, pcm16k) {
      engine.submitAudio({ t: moveTo(t), pcm: pcm16k });
      await engine.whenIdle();
    },
    text(t, message) {
      engine.addText({ text: message, at: moveTo(t) });
      return Promise.resolve();
    },
    tick(t) {
      moveTo(t);
      const prompt = engine.tick();
      const live: LiveMood | null = engine.getLiveMood();
      if (!live) throw new Error('the mood service gave no mood after a tick');
      return { mood: live, prompt: prompt ? { reason: prompt.reason, evidence: prompt.evidence } : null };
    },
    async close() {
      engine.setPaused(true);
      await engine.whenIdle();
      await analyzer.release();
      await voice?.release();
      db.close();
    },
  };
}
